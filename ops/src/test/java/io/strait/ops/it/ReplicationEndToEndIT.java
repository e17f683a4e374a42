package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StraitParameters;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.regionio.ThriftMetastoreGateway;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spine end to end on real components: two Hive Metastore processes, Strait's listener in region A, a real
 * MariaDB state store, Quartz cycles, in-process copy with verification, publish into region B's metastore, and
 * the reconcile command. Region A is changed only through its Thrift API. The steps build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final TableRef TABLE = TableRef.of("sales", "orders");
    private static final List<String> DAYS = List.of("2026-01-01", "2026-01-02", "2026-01-03");

    @TempDir
    static Path work;

    private static TwoRegionPipeline pipeline;
    private static StraitRuntime strait;
    private static SourceWriter writer;
    private static ThriftMetastoreGateway regionB;

    @BeforeAll
    static void startRegionsAndStrait() throws Exception {
        pipeline = new TwoRegionPipeline(work, "sales.*");
        StraitConfig config = new StraitConfigLoader().load(pipeline.configFile);
        strait = StraitRuntime.open(config, "strait-it-" + System.nanoTime(), Clock.systemUTC());
        strait.start();
        writer = new SourceWriter(pipeline.regionA.metastoreUri(), pipeline.regionA.externalRoot(), TABLE.database(),
                TABLE.table());
        regionB = ThriftMetastoreGateway.connect(RegionId.of("b"), pipeline.regionB.metastoreUri());
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(regionB, writer, strait, pipeline);
    }

    @Test
    @Order(1)
    void aNewTableWithThreePartitionsAppearsInRegionBWithByteIdenticalFiles() throws Exception {
        writer.createTableWithPartitions(DAYS);

        // "not yet" is an assertion that fails (retried); any exception is a real failure and shows its cause
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(regionB.getTable(TABLE)).as("replica table created").isPresent();
            assertThat(regionB.listPartitions(TABLE)).hasSize(3);
        });
        await().atMost(WAIT).until(() -> strait.isDrained());
        for (String day : DAYS) {
            PartitionSnapshot replica = replica(day).orElseThrow();
            assertThat(filesAt(replica.location())).isEqualTo(filesAt(writer.partitionDirectory(day).toUri().toString()));
            assertThat(replica.parameters()).containsEntry(StraitParameters.SOURCE_REGION, "a")
                    .containsKey(StraitParameters.SOURCE_EVENT_ID).containsKey(StraitParameters.REPLICATED_AT);
        }
    }

    @Test
    @Order(2)
    void aFileAddedWithAnInsertEventIsReplicatedAsANewCompleteVersion() throws Exception {
        String before = replica(DAYS.get(1)).orElseThrow().location();

        writer.insertFile(DAYS.get(1), 4_321);

        await().atMost(WAIT).untilAsserted(() -> assertThat(replica(DAYS.get(1)))
                .hasValueSatisfying(replica -> assertThat(replica.location()).isNotEqualTo(before)));
        String after = replica(DAYS.get(1)).orElseThrow().location();
        assertThat(filesAt(after)).hasSize(3)
                .isEqualTo(filesAt(writer.partitionDirectory(DAYS.get(1)).toUri().toString()));
        assertThat(filesAt(before)).as("the replaced version is kept whole for housekeeping").hasSize(2);
    }

    @Test
    @Order(3)
    void alteredPartitionAndDatabaseParametersAreReplicated() throws Exception {
        writer.alterPartitionParameter(DAYS.get(0), "quality", "checked");
        writer.alterDatabaseParameter("owner-team", "sales-analytics");

        await().atMost(WAIT).untilAsserted(() -> assertThat(replica(DAYS.get(0))).hasValueSatisfying(replica ->
                assertThat(replica.parameters()).containsEntry("quality", "checked")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(regionB.getDatabase(TABLE.database()))
                .hasValueSatisfying(database -> assertThat(database.parameters())
                        .containsEntry("owner-team", "sales-analytics")));
    }

    @Test
    @Order(4)
    void aDroppedPartitionIsDroppedInRegionB() throws Exception {
        writer.dropPartition(DAYS.get(2));

        await().atMost(WAIT).untilAsserted(() -> assertThat(replica(DAYS.get(2))).isEmpty());
        await().atMost(WAIT).until(() -> strait.isDrained());
        assertThat(regionB.listPartitions(TABLE)).hasSize(2);
    }

    @Test
    @Order(5)
    void theCliShowsTheJobsAndEachJobsAuditTrailAndFiles() {
        CliCapture.Result jobs = cli("jobs", "--config", pipeline.configFile.toString(), "--limit", "100");
        assertThat(jobs.exitCode()).as(jobs.out()).isZero();
        assertThat(jobs.out()).contains("SYNC_PARTITION", "DROP_PARTITION", "SUCCEEDED").doesNotContain("FAILED");

        long copyJob = Long.parseLong(jobs.out().lines().filter(line -> line.contains("SYNC_PARTITION"))
                .findFirst().orElseThrow().trim().split("\\s+")[0]);
        CliCapture.Result job = cli("job", "--config", pipeline.configFile.toString(), Long.toString(copyJob));

        assertThat(job.exitCode()).as(job.out()).isZero();
        assertThat(job.out()).contains("transitions:", "(created) -> PENDING", "COPIED -> VERIFIED",
                "COMMITTED -> SUCCEEDED", "files:", "crc32c:");
        assertThat(job.out().lines()).as("each file verified, sent or reused from the previous version")
                .anyMatch(line -> line.matches("\\s*VERIFIED by [A-Z_]+( \\(reused\\))?  part-.*"));
        assertThat(cli("job", "--config", pipeline.configFile.toString(), "999999").exitCode()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void reconcileFindsTheRegionsConsistent() {
        CliCapture.Result result = cli("reconcile", "--config", pipeline.configFile.toString(), TABLE.toString());

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out()).contains("CONSISTENT");
    }

    @Test
    @Order(6)
    void reconcileGoesOnPastATableItCannotCheckAndSaysSoInItsExitCode() {
        CliCapture.Result result = cli("reconcile", "--config", pipeline.configFile.toString(), "--json", "sales.absent",
                TABLE.toString());

        assertThat(result.exitCode()).as(result.out()).isEqualTo(2);
        assertThat(result.out().lines().toList()).hasSize(2);
        assertThat(result.out()).contains("\"status\" : \"FAILED\"", "does not exist in region a",
                "\"status\" : \"CONSISTENT\"");
    }

    @Test
    @Order(7)
    void reconcileReportsExactlyAFileDeletedInRegionB() throws Exception {
        String location = replica(DAYS.get(0)).orElseThrow().location();
        Path victim = Path.of(URI.create(toUri(location) + "/part-00001.txt"));
        Files.delete(victim);

        CliCapture.Result result = cli("reconcile", "--config", pipeline.configFile.toString(), "--json", TABLE.toString());

        assertThat(result.exitCode()).as(result.out()).isEqualTo(1);
        JsonNode divergences = new ObjectMapper().readTree(result.out()).get("divergences");
        assertThat(divergences).hasSize(1);
        assertThat(divergences.get(0).get("class").asText()).isEqualTo("MISSING_FILE");
        assertThat(divergences.get(0).get("path").asText()).isEqualTo("part-00001.txt");
        assertThat(divergences.get(0).get("partition").toString()).contains(DAYS.get(0));
    }

    @Test
    @Order(8)
    void aDroppedTableIsDroppedInRegionBAndItsDataIsKept() throws Exception {
        String location = replica(DAYS.get(1)).orElseThrow().location();

        writer.dropTable();

        await().atMost(WAIT).untilAsserted(() -> assertThat(regionB.getTable(TABLE)).isEmpty());
        assertThat(filesAt(location)).as("drops never delete data; housekeeping does, later").hasSize(3);
    }

    @Test
    @Order(9)
    void runAsABatchJobExitsZeroOnceEverythingIsReplicated() {
        CliCapture.Result result = cli("run", "--config", pipeline.configFile.toString(), "--until-drained",
                "--scheduler-name", "strait-batch-" + System.nanoTime(), "--timeout", "60");

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out()).contains("drained in", "0 failed job(s) unresolved");
    }

    private static Optional<PartitionSnapshot> replica(String day) {
        return regionB.getPartition(PartitionRef.of(TABLE, List.of(day)));
    }

    private static Map<String, String> filesAt(String location) throws IOException {
        Path directory = Path.of(URI.create(toUri(location)));
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path file : paths.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().endsWith(".crc")).toList()) {
                files.put(directory.relativize(file).toString(),
                        java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(Files.readAllBytes(file))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private static String toUri(String location) {
        return location.startsWith("file:/") && !location.startsWith("file:///")
                ? "file://" + location.substring("file:".length()) : location;
    }

    private static CliCapture.Result cli(String... args) {
        return CliCapture.run(args);
    }
}
