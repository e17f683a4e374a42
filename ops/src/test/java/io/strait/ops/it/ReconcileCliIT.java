package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.job.JobKind;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.regionio.ThriftMetastoreGateway;
import io.strait.sql.job.JdbcJobStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strait reconcile} end to end after a real replication: scopes (the whole link, a database), depths (a
 * same-size change of a replica file is seen at {@code bytes} only; a source rewritten in place is seen at
 * {@code files} through the manifest of the job that wrote the replica), a table only in region B, and a partition
 * with a job in flight. Replication runs once and is stopped, so the state store changes only as the test says.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcileCliIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final TableRef TABLE = TableRef.of("sales", "orders");
    private static final List<String> DAYS = List.of("2026-02-01", "2026-02-02", "2026-02-03");

    @TempDir
    static Path work;

    private static TwoRegionPipeline pipeline;
    private static SourceWriter writer;
    private static ThriftMetastoreGateway regionB;

    @BeforeAll
    static void replicateOnce() throws Exception {
        pipeline = new TwoRegionPipeline(work, "sales.*");
        StraitConfig config = new StraitConfigLoader().load(pipeline.configFile);
        writer = new SourceWriter(pipeline.regionA.metastoreUri(), pipeline.regionA.externalRoot(), TABLE.database(),
                TABLE.table());
        regionB = ThriftMetastoreGateway.connect(RegionId.of("b"), pipeline.regionB.metastoreUri());
        try (StraitRuntime strait = StraitRuntime.open(config, "strait-reconcile-it-" + System.nanoTime(),
                Clock.systemUTC())) {
            strait.start();
            writer.createTableWithPartitions(DAYS);
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                    assertThat(regionB.listPartitions(TABLE)).hasSize(DAYS.size()));
            await().atMost(WAIT).ignoreExceptions().until(strait::isDrained);
        }
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(regionB, writer, pipeline);
    }

    @Test
    @Order(1)
    void theWholeLinkAndADatabaseAreListedAtFilesDepthAndConsistent() {
        CliCapture.Result link = cli("--link", "a-to-b");
        CliCapture.Result database = cli("sales");

        assertThat(link.exitCode()).as(link.output()).isZero();
        assertThat(link.output()).contains("reconcile sales.orders a -> b (depth files): CONSISTENT; 3 objects, 6"
                + " files checked; no divergences", "reconcile link a-to-b a -> b (depth files): CONSISTENT; 1 table:"
                + " 1 consistent, 0 divergent, 0 could not be checked");
        assertThat(database.exitCode()).as(database.output()).isZero();
        assertThat(database.output()).contains("reconcile sales a -> b (depth files): CONSISTENT; 1 table");
    }

    @Test
    @Order(2)
    void aSameSizeChangeOfAReplicaFileIsSeenAtBytesDepthOnly() throws Exception {
        Path file = firstFile(replicaDirectory(DAYS.get(0)));
        byte[] original = Files.readAllBytes(file);
        byte[] changed = original.clone();
        changed[0] ^= 0x5a;
        Files.write(file, changed);
        try {
            CliCapture.Result files = cli("--depth", "files", TABLE.toString());
            CliCapture.Result bytes = cli(TABLE.toString());

            assertThat(files.exitCode()).as(files.output()).isZero();
            assertThat(bytes.exitCode()).as(bytes.output()).isEqualTo(1);
            assertThat(bytes.output()).contains("DIFFERENT_FILE sales.orders/" + DAYS.get(0) + ":"
                    + file.getFileName(), "(depth bytes): DIVERGENT");
        } finally {
            Files.write(file, original);
        }
        assertThat(cli(TABLE.toString()).exitCode()).isZero();
    }

    @Test
    @Order(3)
    void aSourceFileRewrittenInPlaceIsSeenAtFilesDepthThroughTheCopyManifest() throws Exception {
        Path file = firstFile(writer.partitionDirectory(DAYS.get(2)));
        byte[] original = Files.readAllBytes(file);
        FileTime copied = Files.getLastModifiedTime(file);
        byte[] changed = original.clone();
        changed[changed.length - 1] ^= 0x5a;
        Files.write(file, changed);
        Files.setLastModifiedTime(file, FileTime.fromMillis(copied.toMillis() + 60_000));
        try {
            CliCapture.Result files = cli("--depth", "files", "--json", TABLE.toString());

            assertThat(files.exitCode()).as(files.output()).isEqualTo(1);
            JsonNode divergences = new ObjectMapper().readTree(files.output()).get("divergences");
            assertThat(divergences).hasSize(1);
            assertThat(divergences.get(0).get("class").asText()).isEqualTo("DIFFERENT_FILE");
            assertThat(divergences.get(0).get("detail").asText()).contains("verified copy of the version modified "
                    + java.time.Instant.ofEpochMilli(copied.toMillis()));
        } finally {
            Files.write(file, original);
            Files.setLastModifiedTime(file, copied);
        }
        assertThat(cli("--depth", "files", TABLE.toString()).exitCode()).isZero();
    }

    @Test
    @Order(4)
    void aTableOnlyInRegionBIsExtraInTheLinkWideScan() throws Exception {
        TableRef old = TableRef.of("sales", "orders_old");
        regionB.createTable(new TableSnapshot(old, TableSnapshot.EXTERNAL_TABLE, pipeline.regionB.externalRootUri()
                + "/sales.db/orders_old", List.of(ColumnSpec.of("id", "bigint")), List.of(), StorageFormat.PARQUET,
                Map.of("EXTERNAL", "TRUE"), "writer"));
        try {
            CliCapture.Result result = cli("--link", "a-to-b", "--json");

            assertThat(result.exitCode()).as(result.out()).isEqualTo(1);
            List<JsonNode> reports = new ArrayList<>();
            for (String line : result.out().lines().filter(line -> line.startsWith("{")).toList()) {
                reports.add(new ObjectMapper().readTree(line));
            }
            assertThat(reports).extracting(report -> report.get("table").asText())
                    .containsExactly("sales.orders", "sales.orders_old");
            assertThat(reports.get(1).get("divergences").get(0).get("class").asText()).isEqualTo("EXTRA_TABLE");
            assertThat(reports).allSatisfy(report -> assertThat(report.get("depth").asText()).isEqualTo("files"));
        } finally {
            regionB.dropTable(old);
        }
    }

    @Test
    @Order(5)
    void aPartitionWithAJobInFlightIsReportedInFlightAndTheExitIsZero() throws Exception {
        JdbcJobStore jobs = new JdbcJobStore(pipeline.store.dataSource(), Clock.systemUTC());
        long cursor = jobs.plannerCursor("a-to-b");
        long job = jobs.createJobs("a-to-b", cursor, cursor, List.of(new NewJob("a-to-b", JobKind.SYNC_PARTITION,
                ObjectRef.partition(PartitionRef.of(TABLE, List.of(DAYS.get(1)))), cursor, 1))).get(0);
        Files.delete(firstFile(replicaDirectory(DAYS.get(1))));

        CliCapture.Result result = cli(TABLE.toString());

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out()).contains("IN_FLIGHT sales.orders/" + DAYS.get(1) + " job " + job
                + " SYNC_PARTITION PENDING; differs now: MISSING_FILE 1", "CONSISTENT", "1 object in flight");
    }

    @Test
    @Order(6)
    void aUserAllowedToSelectOnlyReconcilesWithoutRecordingAndWithoutMigrating() throws Exception {
        String user = "strait_ro_" + Long.toHexString(System.nanoTime());
        String database = pipeline.store.databaseName();
        try (java.sql.Connection root = pipeline.store.dataSource().getConnection();
                java.sql.Statement statement = root.createStatement()) {
            for (String host : List.of("%", "localhost")) {
                statement.execute("CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY 'ro-pw-" + user + "'");
                statement.execute("GRANT SELECT ON `" + database + "`.* TO '" + user + "'@'" + host + "'");
            }
            Path config = work.resolve("read-only.yaml");
            Files.writeString(config, Files.readString(pipeline.configFile)
                    .replaceFirst("(?m)^  user: .*$", "  user: \"" + user + "\"")
                    .replaceFirst("(?m)^  password: .*$", "  password: \"ro-pw-" + user + "\""));
            long scans = count(statement, "reconcile_scan");
            long migrations = count(statement, "flyway_schema_history");

            CliCapture.Result asRoot = cli("--depth", "meta", TABLE.toString());
            CliCapture.Result readOnly = CliCapture.run("reconcile", "--config", config.toString(), "--depth", "meta",
                    TABLE.toString());

            assertThat(readOnly.exitCode()).as(readOnly.err()).isEqualTo(asRoot.exitCode());
            assertThat(readOnly.out()).contains("reconcile sales.orders a -> b (depth meta)");
            assertThat(readOnly.err()).contains("scans are not recorded in the state store (the user may only read");
            assertThat(count(statement, "reconcile_scan")).as("only the root run recorded its scan")
                    .isEqualTo(scans + 1);
            assertThat(count(statement, "flyway_schema_history")).isEqualTo(migrations);
        } finally {
            try (java.sql.Connection root = pipeline.store.dataSource().getConnection();
                    java.sql.Statement statement = root.createStatement()) {
                statement.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                statement.execute("DROP USER IF EXISTS '" + user + "'@'localhost'");
            }
        }
    }

    private static long count(java.sql.Statement statement, String table) throws java.sql.SQLException {
        try (java.sql.ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Path replicaDirectory(String day) {
        String location = regionB.getPartition(PartitionRef.of(TABLE, List.of(day))).orElseThrow().location();
        return Path.of(URI.create(location.startsWith("file:/") && !location.startsWith("file:///")
                ? "file://" + location.substring("file:".length()) : location));
    }

    private static Path firstFile(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).filter(path -> !path.getFileName().toString().startsWith("."))
                    .sorted().findFirst().orElseThrow();
        }
    }

    private static CliCapture.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of("reconcile", "--config", pipeline.configFile.toString()));
        all.addAll(List.of(args));
        return CliCapture.run(all.toArray(String[]::new));
    }
}
