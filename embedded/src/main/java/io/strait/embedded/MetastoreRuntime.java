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
 * A Hive Metastore server runtime laid out by a runtime module ({@code hms-runtime} for 4.0.1, {@code hms-runtime-3}
 * for 3.1.3): {@code lib/} holds the server classpath (server, unshaded Hadoop, JDBC drivers), {@code home/} the
 * unpacked distribution with the schema scripts. Kept apart from Strait's own classpath: the two cannot share one.
 *
 * @param line the metastore release line
 * @param libDirectory the folder of server jars
 * @param homeDirectory the folder holding the line's distribution folder
 */
public record MetastoreRuntime(MetastoreLine line, Path libDirectory, Path homeDirectory) {
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
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(libDirectory, "libDirectory");
        Objects.requireNonNull(homeDirectory, "homeDirectory");
    }

    /** A Hive Metastore 4.0.1 runtime. */
    public MetastoreRuntime(Path libDirectory, Path homeDirectory) {
        this(MetastoreLine.HIVE_4_0, libDirectory, homeDirectory);
    }

    /** The 4.0.1 runtime under {@code root} ({@code root/lib}, {@code root/home}), checked to be complete. */
    public static MetastoreRuntime at(Path root) {
        return at(MetastoreLine.HIVE_4_0, root);
    }

    /** The runtime of {@code line} under {@code root}, checked to be complete. */
    public static MetastoreRuntime at(MetastoreLine line, Path root) {
        MetastoreRuntime runtime = new MetastoreRuntime(line, root.resolve("lib"), root.resolve("home"));
        String problem = runtime.problem();
        if (problem != null) {
            throw StraitException.userError("Cannot use the metastore runtime at " + root + ": " + problem
                    + ". Build it with `mvn -pl " + line.installationFolder() + " package` (or reinstall Strait)");
        }
        return runtime;
    }

    /**
     * Finds the 4.0 runtime: system property {@value #RUNTIME_PROPERTY}, else {@value #HOME_PROPERTY} or
     * {@value #HOME_ENVIRONMENT} plus {@value #DEMO_PART_FOLDER} or {@code /hms-runtime}.
     */
    public static MetastoreRuntime locate() {
        return locate(MetastoreLine.HIVE_4_0);
    }

    /**
     * Finds the runtime of {@code line}: system property {@link MetastoreLine#runtimeProperty()}, else
     * {@value #HOME_PROPERTY} or {@value #HOME_ENVIRONMENT} plus {@link MetastoreLine#installationFolder()}.
     */
    public static MetastoreRuntime locate(MetastoreLine line) {
        return locate(line, System::getProperty, System::getenv);
    }

    static MetastoreRuntime locate(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        return locate(MetastoreLine.HIVE_4_0, properties, environment);
    }

    static MetastoreRuntime locate(MetastoreLine line, UnaryOperator<String> properties,
            UnaryOperator<String> environment) {
        List<String> tried = new ArrayList<>();
        for (Path candidate : candidates(line, properties, environment, tried)) {
            MetastoreRuntime runtime = new MetastoreRuntime(line, candidate.resolve("lib"),
                    candidate.resolve("home"));
            String problem = runtime.problem();
            if (problem == null) {
                return runtime;
            }
            tried.add(candidate + " (" + problem + ")");
        }
        String folder = line.installationFolder();
        throw StraitException.userError("Cannot find the Hive Metastore " + line.version() + " runtime: tried "
                + String.join("; ", tried) + ". Build it with `mvn -pl " + folder + " package` and set -D"
                + line.runtimeProperty() + "=<checkout>/" + folder + "/target/" + folder + ", or set "
                + HOME_ENVIRONMENT + " to a Strait installation holding it (" + folder + "/ or its demo part, demo/"
                + folder + "/)");
    }

    private static List<Path> candidates(MetastoreLine line, UnaryOperator<String> properties,
            UnaryOperator<String> environment, List<String> tried) {
        List<Path> candidates = new ArrayList<>();
        String folder = line.installationFolder();
        addCandidate(candidates, tried, "-D" + line.runtimeProperty(), properties.apply(line.runtimeProperty()), "");
        for (String child : List.of("demo/" + folder, folder)) {
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
        return homeDirectory.resolve(line.distributionFolder());
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
                .startsWith(line.serverJarPrefix()))) {
            return "no " + line.serverJarPrefix() + "* jar in " + libDirectory;
        }
        if (!Files.isDirectory(schemaScripts("derby"))) {
            return "no schema scripts in " + schemaScripts("derby");
        }
        return null;
    }
}
