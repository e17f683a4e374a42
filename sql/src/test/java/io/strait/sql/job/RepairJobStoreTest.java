package io.strait.sql.job;

import static io.strait.sql.SampleValues.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.error.StraitException;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobOrigin;
import io.strait.common.job.JobPlan;
import io.strait.common.job.JobProgress;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.region.FileEntry;
import io.strait.sql.SampleValues;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jobs created by repairs and bootstraps: their origin, the untouched planner cursor, and their progress. */
class RepairJobStoreTest {
    private static TestingMariaDb db;
    private static TestingClock clock;
    private static JdbcJobStore store;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
        clock = new TestingClock(1_700_000_000_000L);
        store = new JdbcJobStore(db.dataSource(), clock);
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void repairJobsKeepTheirOriginAndLeaveThePlannerCursorAlone() {
        String link = JdbcJobStoreTest.newLink();
        store.createJobs(link, 0, 40, List.of(new NewJob(link, JobKind.SYNC_TABLE, ObjectRef.table(ORDERS), 40, 1)));

        List<Long> ids = store.createRepairJobs(link, List.of(
                new NewJob(link, JobKind.SYNC_TABLE, ObjectRef.table(io.strait.common.metastore.TableRef.of(
                        ORDERS.database(), "customers")), 55, clock.millis(), JobOrigin.REPAIR),
                new NewJob(link, JobKind.SYNC_PARTITION, partition("1"), 55, clock.millis(), JobOrigin.BOOTSTRAP)));

        assertThat(store.plannerCursor(link)).isEqualTo(40);
        assertThat(store.findAll(ids)).extracting(ReplicationJob::origin)
                .containsExactly(JobOrigin.REPAIR, JobOrigin.BOOTSTRAP);
        assertThat(store.findAll(ids)).allSatisfy(job -> {
            assertThat(job.state()).isEqualTo(JobState.PENDING);
            assertThat(job.sourceEventId()).isEqualTo(55);
        });
        assertThat(store.history(ids.get(0)).get(0).reason()).isEqualTo("created by a repair at event position 55");
        assertThat(store.history(ids.get(1)).get(0).reason())
                .isEqualTo("created by a bootstrap at event position 55");
        assertThat(store.findUnfinished(link)).extracting(ReplicationJob::origin)
                .containsExactly(JobOrigin.EVENT, JobOrigin.REPAIR, JobOrigin.BOOTSTRAP);
    }

    @Test
    void eventJobsAndJobsOfAnotherLinkAreRefused() {
        String link = JdbcJobStoreTest.newLink();

        assertThatThrownBy(() -> store.createRepairJobs(link, List.of(
                new NewJob(link, JobKind.SYNC_TABLE, ObjectRef.table(ORDERS), 1, 1))))
                .isInstanceOf(StraitException.class).hasMessageContaining("origin EVENT");
        assertThatThrownBy(() -> store.createRepairJobs(link, List.of(
                new NewJob("other", JobKind.SYNC_TABLE, ObjectRef.table(ORDERS), 1, 1, JobOrigin.REPAIR))))
                .isInstanceOf(StraitException.class).hasMessageContaining("is of link other");
        assertThat(store.findUnfinished(link)).isEmpty();
    }

    @Test
    void progressCountsJobsByStateAndTheirPlannedAndVerifiedFiles() {
        String link = JdbcJobStoreTest.newLink();
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobs.add(new NewJob(link, JobKind.SYNC_PARTITION, partition(Integer.toString(i)), 9, 1, JobOrigin.REPAIR));
        }
        List<Long> ids = store.createRepairJobs(link, jobs);
        FileEntry small = new FileEntry("part-0", 100, 1);
        FileEntry large = new FileEntry("part-1", 1_000, 1);
        long first = ids.get(0);
        ReplicationJob planned = store.transition(JobTransitionRequest.of(store.find(first).orElseThrow(),
                JobState.PLANNED, "claimed"));
        store.savePlan(first, new JobPlan(null, SampleValues.ordersTable("file:/a/orders"),
                SampleValues.ordersPartition("0"), "file:/a/orders/p=0", "file:/b/orders/p=0/_strait_v1_1",
                List.of(small, large)), List.of(new CopyTask(first, 0, "file:/a/orders/p=0",
                "file:/b/orders/p=0/_strait_v1_1", List.of(small, large))));
        store.recordCopyResult(new CopyTaskResult(first, 0, List.of(
                new FileCopyResult("part-0", 100, "crc32c:1", "crc32c:1", FileVerification.VERIFIED, ""),
                new FileCopyResult("part-1", 1_000, "crc32c:2", "", FileVerification.FAILED, "broken pipe"))));
        store.transition(JobTransitionRequest.of(planned, JobState.FAILED, "failed"));

        JobProgress progress = store.progress(ids);

        assertThat(progress.jobsByState()).isEqualTo(Map.of(JobState.FAILED, 1, JobState.PENDING, 2));
        assertThat(progress.jobs()).isEqualTo(3);
        assertThat(progress.settled()).isEqualTo(1);
        assertThat(progress.allSettled()).isFalse();
        assertThat(progress.filesPlanned()).isEqualTo(2);
        assertThat(progress.bytesPlanned()).isEqualTo(1_100);
        assertThat(progress.filesVerified()).isEqualTo(1);
        assertThat(progress.bytesVerified()).isEqualTo(100);
        assertThat(store.progress(List.of()).jobs()).isZero();
        assertThat(store.unsettled(ids)).as("the FAILED job is settled").containsExactly(ids.get(1), ids.get(2));
        assertThat(store.unsettled(List.of(ids.get(2), ids.get(0), Long.MAX_VALUE))).containsExactly(ids.get(2));
        assertThat(store.unsettled(List.of())).isEmpty();
    }

    private static ObjectRef partition(String value) {
        return ObjectRef.partition(PartitionRef.of(ORDERS, List.of(value)));
    }
}
