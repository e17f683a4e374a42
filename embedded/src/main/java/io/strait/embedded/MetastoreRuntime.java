package io.strait.embedded;

import io.strait.common.error.StraitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The Hive Metastore 4.0.1 server runtime laid out by the {@code hms-runtime} module: {@code lib/} holds the server
 * classpath (server, unshaded Hadoop, JDBC drivers), {@code home/} the unpacked distribution with the schema
 * scripts. Kept apart from Strait's own classpath: the two cannot share one.
 *
 * @param libDirectory the folder of server jars
 * @param homeDirectory the folder holding {@value #DISTRIBUTION_FOLDER}
 */
public record MetastoreRuntime(Path libDirectory, Path homeDirectory) {
    /** System property naming the runtime root (set by the build for tests). */
    public static final String RUNTIME_PROPERTY = "strait.hms.runtime";
    /**
     * System property naming a Strait installation; its runtime is {@code <home>/demo/hms-runtime} (the optional demo
     * part of a release) or {@code <home>/hms-runtime}.
     */
    public static final String HOME_PROPERTY = "strait.home";
    /** Environment variable naming a Strait installation. */
    public static final String HOME_ENVIRONMENT = "STRAIT_HOME";
    /** Where a release's optional demo part puts the runtime, under the installation. */
    public static final String DEMO_PART_FOLDER = "demo/hms-runtime";
    /** The unpacked metastore distribution under {@link #homeDirectory}: the schema tool's METASTORE_HOME. */
    public static final String DISTRIBUTION_FOLDER = "apache-hive-metastore-4.0.1-bin";

    public MetastoreRuntime {
        Objects.requireNonNull(libDirectory, "libDirectory");
        Objects.requireNonNull(homeDirectory, "homeDirectory");
    }

    /** The runtime under {@code root} ({@code root/lib}, {@code root/home}), checked to be complete. */
    public static MetastoreRuntime at(Path root) {
        MetastoreRuntime runtime = new MetastoreRuntime(root.resolve("lib"), root.resolve("home"));
        String problem = runtime.problem();
        if (problem != null) {
            throw StraitException.userError("Cannot use the metastore runtime at " + root + ": " + problem
                    + ". Build it with `mvn -pl hms-runtime package` (or reinstall Strait)");
        }
        return runtime;
    }

    /**
     * Finds the runtime: system property {@value #RUNTIME_PROPERTY}, else {@value #HOME_PROPERTY} or
     * {@value #HOME_ENVIRONMENT} plus {@value #DEMO_PART_FOLDER} or {@code /hms-runtime}.
     */
    public static MetastoreRuntime locate() {
        return locate(System::getProperty, System::getenv);
    }

    static MetastoreRuntime locate(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        List<String> tried = new ArrayList<>();
        for (Path candidate : candidates(properties, environment, tried)) {
            MetastoreRuntime runtime = new MetastoreRuntime(candidate.resolve("lib"), candidate.resolve("home"));
            String problem = runtime.problem();
            if (problem == null) {
                return runtime;
            }
            tried.add(candidate + " (" + problem + ")");
        }
        throw StraitException.userError("Cannot find the Hive Metastore runtime: tried " + String.join("; ", tried)
                + ". Build it with `mvn -pl hms-runtime package` and set -D" + RUNTIME_PROPERTY
                + "=<checkout>/hms-runtime/target/hms-runtime, or set " + HOME_ENVIRONMENT
                + " to a Strait installation holding its demo part (demo/hms-runtime/)");
    }

    private static List<Path> candidates(UnaryOperator<String> properties, UnaryOperator<String> environment,
            List<String> tried) {
        List<Path> candidates = new ArrayList<>();
        addCandidate(candidates, tried, "-D" + RUNTIME_PROPERTY, properties.apply(RUNTIME_PROPERTY), "");
        for (String child : List.of(DEMO_PART_FOLDER, "hms-runtime")) {
            addCandidate(candidates, tried, "-D" + HOME_PROPERTY, properties.apply(HOME_PROPERTY), child);
            addCandidate(candidates, tried, "$" + HOME_ENVIRONMENT, environment.apply(HOME_ENVIRONMENT), child);
        }
        return candidates;
    }

    private static void addCandidate(List<Path> candidates, List<String> tried, String source, String value,
            String child) {
        if (value == null || value.isBlank()) {
            tried.add(source + " (not set)");
            return;
        }
        candidates.add(Path.of(value).resolve(child).toAbsolutePath().normalize());
    }

    /** The server jars, sorted by name. */
    public List<Path> classpath() {
        try (Stream<Path> files = Files.list(libDirectory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the metastore runtime jars in " + libDirectory, e);
        }
    }

    /** The unpacked metastore distribution: METASTORE_HOME for the schema tool. */
    public Path distributionDirectory() {
        return homeDirectory.resolve(DISTRIBUTION_FOLDER);
    }

    /** The schema scripts folder for {@code databaseType} ({@code derby}, {@code mysql}). */
    public Path schemaScripts(String databaseType) {
        return distributionDirectory().resolve("scripts/metastore/upgrade").resolve(databaseType);
    }

    private String problem() {
        if (!Files.isDirectory(libDirectory)) {
            return "no folder " + libDirectory;
        }
        if (classpath().stream().noneMatch(jar -> jar.getFileName().toString()
                .startsWith("hive-standalone-metastore-server"))) {
            return "no hive-standalone-metastore-server jar in " + libDirectory;
        }
        if (!Files.isDirectory(schemaScripts("derby"))) {
            return "no schema scripts in " + schemaScripts("derby");
        }
        return null;
    }
}
