package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.job.JobKind;
import io.strait.common.job.JobOrigin;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.TableRef;
import io.strait.sql.job.JdbcJobStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure stays visible until it is resolved, on real components (two Hive Metastore processes, the MariaDB
 * state store, {@code strait run --until-drained}): a FAILED job keeps every later batch run at exit 1, listing it,
 * whichever run failed it — until an operator retries it (and it succeeds), or a later job of the same object
 * succeeds.
 */
class FailuresStayVisibleIT {
    private static final TableRef TABLE = TableRef.of("sales", "orders");
    /** Event positions of the test's jobs: newer than any captured event, so that their publish is not skipped. */
    private static final java.util.concurrent.atomic.AtomicLong EVENTS = new java.util.concurrent.atomic.AtomicLong(
            1_000_000);

    @TempDir
    static Path work;

    private static TwoRegionPipeline pipeline;
    private static JdbcJobStore jobs;

    @BeforeAll
    static void replicateATable() throws Exception {
        pipeline = new TwoRegionPipeline(work, "sales.*");
        try (SourceWriter writer = new SourceWriter(pipeline.regionA.metastoreUri(), pipeline.regionA.externalRoot(),
                TABLE.database(), TABLE.table())) {
            writer.createTableWithPartitions(List.of("2026-01-01", "2026-01-02"));
        }
        jobs = new JdbcJobStore(pipeline.store.dataSource(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static CliCapture.Result runUntilDrained() {
        return CliCapture.run("run", "--config", pipeline.configFile.toString(), "--until-drained",
                "--scheduler-name", "strait-failures-" + System.nanoTime(), "--timeout", "120");
    }

    /** A job of the partition that failed (as a run would have left it). */
    private static ReplicationJob failedJob(String day) {
        long id = jobs.createRepairJobs("a-to-b", List.of(new NewJob("a-to-b", JobKind.SYNC_PARTITION,
                ObjectRef.partition(PartitionRef.of(TABLE, List.of(day))), EVENTS.incrementAndGet(), 1, JobOrigin.REPAIR)))
                .get(0);
        ReplicationJob planned = jobs.transition(JobTransitionRequest.of(jobs.find(id).orElseThrow(),
                JobState.PLANNED, "claimed"));
        return jobs.transition(JobTransitionRequest.of(planned, JobState.FAILED, "failed")
                .withError("Cannot create version folder: permission denied (simulated)"));
    }

    @Test
    void aFailedJobKeepsBatchRunsAtExitOneUntilRetriedOrSupersededByALaterSuccess() {
        CliCapture.Result first = runUntilDrained();
        assertThat(first.exitCode()).as(first.out()).isZero();

        ReplicationJob failed = failedJob("2026-01-01");
        CliCapture.Result afterFailure = runUntilDrained();
        assertThat(afterFailure.exitCode()).as(afterFailure.out()).isEqualTo(1);
        assertThat(afterFailure.out()).contains("FAILED job " + failed.id() + " ")
                .contains("permission denied (simulated)").contains("1 failed job(s) unresolved");
        CliCapture.Result again = runUntilDrained();
        assertThat(again.exitCode()).as("a failure of an earlier run still counts: " + again.out()).isEqualTo(1);

        // an operator retries it: it runs again, succeeds, and the next run exits 0
        jobs.transition(JobTransitionRequest.of(jobs.find(failed.id()).orElseThrow(), JobState.PENDING,
                "operator test: retry"));
        CliCapture.Result retried = runUntilDrained();
        assertThat(retried.exitCode()).as(retried.out()).isZero();
        ReplicationJob succeeded = jobs.find(failed.id()).orElseThrow();
        assertThat(succeeded.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(succeeded.lastError()).as("no earlier attempt's error on a successful job").isEmpty();

        // another failure, then a later job of the same partition succeeds: the failure is superseded
        ReplicationJob failedAgain = failedJob("2026-01-02");
        assertThat(runUntilDrained().exitCode()).isEqualTo(1);
        long later = jobs.createRepairJobs("a-to-b", List.of(new NewJob("a-to-b", JobKind.SYNC_PARTITION,
                ObjectRef.partition(PartitionRef.of(TABLE, List.of("2026-01-02"))), EVENTS.incrementAndGet(), 1,
                JobOrigin.REPAIR))).get(0);
        CliCapture.Result superseded = runUntilDrained();
        assertThat(superseded.exitCode()).as(superseded.out()).isZero();
        assertThat(jobs.find(later).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(jobs.find(failedAgain.id()).orElseThrow().state()).isEqualTo(JobState.FAILED);
    }
}
