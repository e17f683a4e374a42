package io.strait.embedded;

import io.strait.common.error.StraitException;
import io.strait.common.region.RegionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One region's Hive Metastore (4.0.1, or 3.1.3 with a {@link MetastoreLine#HIVE_3_1} runtime), running as its own child process on Derby in the region's work folder (or on a shared MySQL/MariaDB
 * database, {@link Builder#metastoreDatabase}), with
 * separate managed ({@code <work>/warehouse/managed}) and external ({@code <work>/warehouse/external}) roots. The
 * schema comes from Hive's schema tool on first start; a restart on the same work folder keeps the metastore's
 * contents. Output of both goes to {@code <work>/metastore.log}.
 *
 * <pre>
 * try (EmbeddedRegion source = EmbeddedRegion.builder("region-a", work).start()) {
 *     connect to source.metastoreUri() ...
 * }
 * </pre>
 */
public final class EmbeddedRegion implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRegion.class);

    private final String name;
    private final Path workDirectory;
    private final int port;
    private final ChildJvm process;

    private EmbeddedRegion(String name, Path workDirectory, int port, ChildJvm process) {
        this.name = name;
        this.workDirectory = workDirectory;
        this.port = port;
        this.process = process;
    }

    public static Builder builder(String regionName, Path workDirectory) {
        return new Builder(regionName, workDirectory);
    }

    /**
     * Starts every region in parallel; when one fails the others are stopped again and the first failure is thrown.
     */
    public static List<EmbeddedRegion> startAll(List<Builder> builders) {
        List<CompletableFuture<EmbeddedRegion>> starts = new ArrayList<>();
        for (Builder builder : builders) {
            starts.add(CompletableFuture.supplyAsync(builder::start, runnable -> daemon(builder, runnable)));
        }
        List<EmbeddedRegion> started = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<EmbeddedRegion> start : starts) {
            try {
                started.add(start.join());
            } catch (CompletionException e) {
                failure = failure == null ? unwrap(e) : failure;
            }
        }
        if (failure != null) {
            started.forEach(EmbeddedRegion::close);
            throw failure;
        }
        return List.copyOf(started);
    }

    private static void daemon(Builder builder, Runnable runnable) {
        Thread thread = new Thread(runnable, "strait-start-" + builder.regionName);
        thread.setDaemon(true);
        thread.start();
    }

    private static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException cause ? cause : e;
    }

    public String name() {
        return name;
    }

    /** {@code thrift://127.0.0.1:<port>} */
    public String metastoreUri() {
        return "thrift://" + PortProbe.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    /** {@code metastore.warehouse.dir}: where managed tables live. */
    public Path managedRoot() {
        return managedRoot(workDirectory);
    }

    /** {@code metastore.warehouse.external.dir}: where external tables (and Strait's replicas) live. */
    public Path externalRoot() {
        return externalRoot(workDirectory);
    }

    /** {@link #managedRoot()} as a canonical {@code file:/...} URI. */
    public String managedRootUri() {
        return MetastoreSettings.uriOf(managedRoot());
    }

    /** {@link #externalRoot()} as a canonical {@code file:/...} URI. */
    public String externalRootUri() {
        return MetastoreSettings.uriOf(externalRoot());
    }

    /** Output of the schema tool and the metastore. */
    public Path logFile() {
        return logFile(workDirectory);
    }

    /** True while the metastore process runs. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the metastore process (and its children) and waits for its exit. */
    @Override
    public void close() {
        process.close();
        LOG.info("region {} metastore stopped", name);
    }

    @Override
    public String toString() {
        return "EmbeddedRegion[" + name + " " + metastoreUri() + " " + workDirectory + "]";
    }

    static Path managedRoot(Path workDirectory) {
        return workDirectory.resolve("warehouse").resolve("managed");
    }

    static Path externalRoot(Path workDirectory) {
        return workDirectory.resolve("warehouse").resolve("external");
    }

    static Path logFile(Path workDirectory) {
        return workDirectory.resolve("metastore.log");
    }

    /** Configures and starts one region's metastore. */
    public static final class Builder {
        private final String regionName;
        private final Path workDirectory;
        private MetastoreRuntime runtime;
        private int port;
        private List<Path> extraClasspath = List.of();
        private Map<String, String> configuration = Map.of();
        private Map<String, String> hadoopSettings = Map.of();
        private Map<String, String> systemProperties = Map.of();
        private Duration startupTimeout = Duration.ofMinutes(2);
        private MetastoreDatabase database;

        private Builder(String regionName, Path workDirectory) {
            this.regionName = RegionId.of(regionName).name();
            this.workDirectory = workDirectory.toAbsolutePath().normalize();
        }

        /** The server runtime; default {@link MetastoreRuntime#locate()} (4.0.1). */
        public Builder runtime(MetastoreRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            return this;
        }

        /** The located runtime of {@code line} (e.g. {@link MetastoreLine#HIVE_3_1}). */
        public Builder line(MetastoreLine line) {
            return runtime(MetastoreRuntime.locate(line));
        }

        /** The Thrift port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Jars or class folders appended to the server classpath (e.g. the Strait listener). */
        public Builder extraClasspath(List<Path> entries) {
            this.extraClasspath = List.copyOf(entries);
            return this;
        }

        /** Extra metastore settings; they win over the embedded defaults. */
        public Builder configuration(Map<String, String> settings) {
            this.configuration = Map.copyOf(settings);
            return this;
        }

        /**
         * Hadoop settings of the metastore process, written to its {@code core-site.xml} (e.g.
         * {@code hadoop.security.authentication: kerberos} for a secured metastore, the NameNode's principal).
         */
        public Builder hadoopSettings(Map<String, String> settings) {
            this.hadoopSettings = Map.copyOf(settings);
            return this;
        }

        /**
         * JVM system properties of the metastore and schema tool processes (e.g. {@code java.security.krb5.conf}
         * naming the KDC of a secured metastore).
         */
        public Builder systemProperties(Map<String, String> properties) {
            this.systemProperties = Map.copyOf(properties);
            return this;
        }

        /**
         * Keeps the metastore's contents in {@code database} (MySQL or MariaDB) instead of Derby in the work folder;
         * several processes of one region (each with its own work folder) may share it. The schema is created by
         * the schema tool when the database has none yet.
         */
        public Builder metastoreDatabase(MetastoreDatabase database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /** How long the schema tool and the metastore each may take to start; default 2 minutes. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Creates the schema (first start only), starts the metastore and waits until its port answers. */
        public EmbeddedRegion start() {
            if (port != 0 && PortProbe.answers(port)) {
                throw StraitException.userError("Cannot start the metastore of region " + regionName + ": port "
                        + port + " is in use by another process; choose another port or 0 for a free one");
            }
            MetastoreRuntime resolved = runtime != null ? runtime : MetastoreRuntime.locate();
            Path confDirectory = workDirectory.resolve("conf");
            Map<String, String> requested = new LinkedHashMap<>(resolved.line().requiredSettings());
            if (database != null) {
                requested.putAll(database.settings());
            }
            requested.putAll(configuration);
            MetastoreSettings settings = MetastoreSettings.forRegion(workDirectory, managedRoot(workDirectory),
                    externalRoot(workDirectory), requested);
            createDirectories();
            settings.writeTo(confDirectory);
            MetastoreSettings.writeCoreSite(confDirectory, hadoopSettings);
            List<Path> classpath = classpath(resolved, confDirectory);
            if (database != null) {
                if (!SchemaTool.isInitialized(database)) {
                    SchemaTool.initializeMysql(regionName, resolved, classpath, settings, workDirectory,
                            logFile(workDirectory), startupTimeout, systemPropertyOptions());
                }
            } else if (!SchemaTool.isInitialized(workDirectory)) {
                SchemaTool.initializeDerby(regionName, resolved, classpath, settings, workDirectory,
                        logFile(workDirectory), startupTimeout, systemPropertyOptions());
            }
            return startMetastore(classpath, confDirectory);
        }

        /** Starts the metastore; a free port picked here and taken by someone else meanwhile is picked again. */
        private EmbeddedRegion startMetastore(List<Path> classpath, Path confDirectory) {
            int attempts = port == 0 ? 3 : 1;
            for (int attempt = 1; ; attempt++) {
                int chosenPort = port != 0 ? port : PortProbe.freePort();
                try {
                    ChildJvm process = MetastoreProcess.start(regionName, classpath, confDirectory, workDirectory,
                            chosenPort, logFile(workDirectory), startupTimeout, systemPropertyOptions());
                    return new EmbeddedRegion(regionName, workDirectory, chosenPort, process);
                } catch (MetastoreProcess.PortTakenException e) {
                    if (attempt >= attempts) {
                        throw e;
                    }
                    LOG.warn("region {}: port {} was taken meanwhile; picking another", regionName, chosenPort);
                }
            }
        }

        private List<String> systemPropertyOptions() {
            return systemProperties.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(property -> "-D" + property.getKey() + "=" + property.getValue()).toList();
        }

        private List<Path> classpath(MetastoreRuntime resolved, Path confDirectory) {
            List<Path> classpath = new ArrayList<>();
            classpath.add(confDirectory);
            classpath.addAll(resolved.classpath());
            classpath.addAll(extraClasspath);
            return classpath;
        }

        private void createDirectories() {
            try {
                Files.createDirectories(managedRoot(workDirectory));
                Files.createDirectories(externalRoot(workDirectory));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the work folder of region " + regionName + " at "
                        + workDirectory, e);
            }
        }
    }
}
