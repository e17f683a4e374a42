package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.common.job.JobOrigin;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.regionio.ThriftMetastoreGateway;
import io.strait.sql.job.JdbcJobStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strait bootstrap} on real components: a database of partitioned and unpartitioned tables and a view that
 * existed before the link (its planner cursor starts after their events, which are never replicated), bootstrapped
 * while region A keeps being written; then the hand-off to incremental replication, a
 * reconcile at bytes depth, and a second bootstrap that finds nothing to do.
 */
class BootstrapIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String DB = "boot";
    private static final String LINK = "a-to-b";

    @TempDir
    static Path work;

    private static TwoRegionPipeline pipeline;
    private static LakeWriter regionAWriter;
    private static ThriftMetastoreGateway regionB;
    private static JdbcJobStore jobs;
    private static String schedulerName;

    @BeforeAll
    static void startRegionsWithAnExistingLake() throws Exception {
        pipeline = new TwoRegionPipeline(work, DB + ".*");
        regionAWriter = new LakeWriter(pipeline.regionA.metastoreUri(), pipeline.regionA.externalRoot());
        regionB = ThriftMetastoreGateway.connect(RegionId.of("b"), pipeline.regionB.metastoreUri());
        jobs = new JdbcJobStore(pipeline.store.dataSource(), Clock.systemUTC());
        schedulerName = "strait-bootstrap-" + System.nanoTime();
        regionAWriter.createDatabase(DB);
        regionAWriter.createPartitionedTable(DB, "events", List.of("2024-07-01", "2024-07-02", "2024-07-03",
                "2024-07-04"));
        regionAWriter.createPartitionedTable(DB, "clicks", List.of("2024-07-01", "2024-07-02"));
        regionAWriter.createUnpartitionedTable(DB, "dim");
        regionAWriter.createUnpartitionedTable(DB, "facts");
        regionAWriter.createView(DB, "recent_dim", "dim");
        forgetCapturedEvents();
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(regionB, regionAWriter, pipeline);
    }

    @Test
    void anExistingLakeIsCopiedWhileWrittenAndHandedOffWithoutGapOrDoubleApply() throws Exception {
        CompletableFuture<CliCapture.Result> bootstrap = CompletableFuture.supplyAsync(() -> CliCapture.run(
                "bootstrap", "--config", pipeline.configFile.toString(), "--scheduler-name", schedulerName,
                "--progress-interval", "1", "--timeout", "120", DB));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> !bootstrapJobs().isEmpty());
        regionAWriter.addPartition(DB, "events", "2024-07-05");
        regionAWriter.insertFile(DB, "clicks", "2024-07-02", 1_234);
        regionAWriter.alterTableParameter(DB, "dim", "note", "written during the bootstrap");
        regionAWriter.createPartitionedTable(DB, "late", List.of("2024-07-09"));

        CliCapture.Result first = bootstrap.get();

        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).contains("from event position ", "COPY_TABLE      boot.events",
                "COPY_TABLE      boot.recent_dim", "SYNC_DATABASE   boot", "the scan after it is consistent");
        assertThat(first.err()).contains("bootstrap: jobs are run by replication started in this process")
                .containsPattern("bootstrap a-to-b: objects \\d+/\\d+, files \\d+, .* verified, .*/s, ETA");

        CliCapture.Result handOff = CliCapture.run("run", "--config", pipeline.configFile.toString(),
                "--scheduler-name", schedulerName, "--until-drained", "--timeout", "120");
        assertThat(handOff.exitCode()).as(handOff.all()).isZero();
        CliCapture.Result check = CliCapture.run("reconcile", "--config", pipeline.configFile.toString(),
                "--depth", "bytes", DB);
        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(check.out()).doesNotContain("IN_FLIGHT").contains("6 tables: 6 consistent");
        assertThat(regionB.listPartitions(TableRef.of(DB, "events"))).hasSize(5);
        assertThat(regionB.getTable(TableRef.of(DB, "dim")).orElseThrow().parameters())
                .containsEntry("note", "written during the bootstrap");

        assertNothingAppliedTwice();

        List<ReplicationJob> before = bootstrapJobs();
        CliCapture.Result second = CliCapture.run("bootstrap", "--config", pipeline.configFile.toString(),
                "--scheduler-name", schedulerName, DB);
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).contains("0 action(s)", "bootstrap: repaired 0 object(s)");
        assertThat(bootstrapJobs()).as("the second bootstrap created no job").isEqualTo(before);
    }

    /** Each object got one bootstrap job of a kind, and each captured event was planned into its jobs once. */
    private static void assertNothingAppliedTwice() {
        List<ReplicationJob> all = jobs.recent(LINK, Optional.empty(), 10_000);
        assertThat(all.stream().filter(job -> job.origin() == JobOrigin.BOOTSTRAP)
                .map(job -> job.kind() + " " + job.object())).doesNotHaveDuplicates();
        assertThat(all.stream().filter(job -> job.origin() == JobOrigin.EVENT)
                .map(job -> job.kind() + " " + job.object() + " event " + job.sourceEventId()))
                .doesNotHaveDuplicates();
        assertThat(all.stream().filter(job -> job.origin() == JobOrigin.EVENT).map(ReplicationJob::sourceEventId)
                .collect(Collectors.toSet())).as("the events captured during the bootstrap were replicated")
                .isNotEmpty();
        assertThat(all).allSatisfy(job -> assertThat(job.state().name()).isIn("SUCCEEDED", "SUPERSEDED"));
        assertThat(all.stream().collect(Collectors.groupingBy(ReplicationJob::origin, Collectors.counting())))
                .containsKeys(JobOrigin.BOOTSTRAP, JobOrigin.EVENT);
    }

    private static List<ReplicationJob> bootstrapJobs() {
        return jobs.recent(LINK, Optional.empty(), 10_000).stream()
                .filter(job -> job.origin() == JobOrigin.BOOTSTRAP).toList();
    }

    /**
     * As if the lake had been written before Strait captured anything for the link: the link's planner cursor starts
     * at the newest event (a new link on an existing lake), so none of those events is ever replicated.
     */
    private static void forgetCapturedEvents() throws Exception {
        await().atMost(WAIT).pollDelay(Duration.ofMillis(500)).until(() -> countEvents() >= 5);
        try (Connection connection = pipeline.store.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO planner_cursor (link, last_event_id, updated_at_ms)"
                    + " SELECT '" + LINK + "', MAX(id), 0 FROM hms_event");
        }
    }

    private static long countEvents() throws Exception {
        try (Connection connection = pipeline.store.dataSource().getConnection();
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT COUNT(*) FROM hms_event")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
