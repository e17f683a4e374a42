package io.strait.sql.job;

import static io.strait.sql.SampleValues.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.copy.VerificationMethod;
import io.strait.common.error.StraitException;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobPlan;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.region.FileEntry;
import io.strait.sql.SampleValues;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plans, copy tasks and file manifests through {@link JdbcJobStore}. */
class JobPlanStoreTest {
    private static final String SOURCE = "file:/warehouse/a/sales.db/orders/ds=2024-01-01";
    private static final String TARGET = "file:/warehouse/b/sales.db/orders/ds=2024-01-01/_strait_v1_1";
    private static final FileEntry PART_0 = new FileEntry("part-0.parquet", 100, 1_000);
    private static final FileEntry PART_1 = new FileEntry("sub/Part-1.parquet", 200, 2_000);
    private static final FileEntry PART_1_LOWER = new FileEntry("sub/part-1.parquet", 300, 3_000);

    private static TestingMariaDb db;
    private static JdbcJobStore store;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
        store = new JdbcJobStore(db.dataSource(), new TestingClock(1_700_000_000_000L));
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void planReadsBackEqualAndTheManifestStartsPending() {
        long jobId = newJob();
        JobPlan plan = plan(PART_0, PART_1, PART_1_LOWER);

        store.savePlan(jobId, plan, List.of(task(jobId, 0, PART_0, PART_1), task(jobId, 1, PART_1_LOWER)));

        assertThat(store.plan(jobId)).contains(plan);
        assertThat(store.fileResults(jobId)).containsExactly(pending(PART_0), pending(PART_1), pending(PART_1_LOWER));
        assertThat(taskRows(jobId)).containsExactly(Map.entry(0, "PENDING 2 300"), Map.entry(1, "PENDING 1 300"));
    }

    @Test
    void copyResultsUpdateFilesAndTaskStates() {
        long jobId = newJob();
        store.savePlan(jobId, plan(PART_0, PART_1, PART_1_LOWER),
                List.of(task(jobId, 0, PART_0, PART_1), task(jobId, 1, PART_1_LOWER)));
        FileCopyResult verified0 = verified(PART_0);
        FileCopyResult verified1 = verified(PART_1);
        FileCopyResult mismatch = new FileCopyResult(PART_1_LOWER.relativePath(), 299, "crc32c:0000000a",
                "crc32c:0000000b", FileVerification.MISMATCH, "checksums differ");

        store.recordCopyResult(new CopyTaskResult(jobId, 0, List.of(verified0, verified1)));
        store.recordCopyResult(new CopyTaskResult(jobId, 1, List.of(mismatch)));

        assertThat(store.fileResults(jobId)).containsExactly(verified0, verified1, mismatch);
        assertThat(taskRows(jobId)).containsExactly(Map.entry(0, "VERIFIED 2 300"), Map.entry(1, "FAILED 1 300"));
    }

    @Test
    void theManifestRecordsHowEachVerifiedFileWasVerified() {
        long jobId = newJob();
        store.savePlan(jobId, plan(PART_0, PART_1, PART_1_LOWER), List.of(task(jobId, 0, PART_0, PART_1, PART_1_LOWER)));
        FileCopyResult sameFile = new FileCopyResult(PART_0.relativePath(), 100, "crc32c:00000001", "crc32c:00000001",
                FileVerification.VERIFIED, "", true, VerificationMethod.SAME_FILE);
        FileCopyResult reread = verified(PART_1).verifiedBy(VerificationMethod.TARGET_REREAD);
        FileCopyResult mismatch = new FileCopyResult(PART_1_LOWER.relativePath(), 299, "crc32c:0000000a",
                "crc32c:0000000b", FileVerification.MISMATCH, "checksums differ", false,
                VerificationMethod.TARGET_REREAD);

        store.recordCopyResult(new CopyTaskResult(jobId, 0, List.of(sameFile, reread, mismatch)));

        assertThat(store.fileResults(jobId)).extracting(FileCopyResult::verifiedBy)
                .as("a file that did not verify records no method")
                .containsExactly(VerificationMethod.SAME_FILE, VerificationMethod.TARGET_REREAD, null);
        assertThat(store.fileResults(jobId).get(0)).isEqualTo(sameFile);
    }

    @Test
    void planningAgainReplacesTheManifestAndTasks() {
        long jobId = newJob();
        store.savePlan(jobId, plan(PART_0, PART_1), List.of(task(jobId, 0, PART_0), task(jobId, 1, PART_1)));
        store.recordCopyResult(new CopyTaskResult(jobId, 0, List.of(verified(PART_0))));
        JobPlan again = new JobPlan(null, SampleValues.ordersTable(SOURCE), null, SOURCE,
                TARGET.replace("_1", "_2"), List.of(PART_1_LOWER));

        store.savePlan(jobId, again, List.of(task(jobId, 0, PART_1_LOWER)));

        assertThat(store.plan(jobId)).contains(again);
        assertThat(store.fileResults(jobId)).containsExactly(pending(PART_1_LOWER));
        assertThat(taskRows(jobId)).containsExactly(Map.entry(0, "PENDING 1 300"));
    }

    @Test
    void planFilesThatNoTaskCarriesStayInTheManifest() {
        long jobId = newJob();

        store.savePlan(jobId, plan(PART_0, PART_1), List.of(task(jobId, 0, PART_1)));

        assertThat(store.fileResults(jobId)).containsExactly(pending(PART_1), pending(PART_0));
    }

    @Test
    void dataLessPlanHasNoFilesOrTasks() {
        long jobId = newJob();
        JobPlan databaseOnly = new JobPlan(new DatabaseSnapshot("sales", "", "d", Map.of()), null, null, "", "",
                List.of());

        store.savePlan(jobId, databaseOnly, List.of());

        assertThat(store.plan(jobId)).contains(databaseOnly);
        assertThat(store.fileResults(jobId)).isEmpty();
    }

    @Test
    void longPathsAreKeyedExactly() {
        long jobId = newJob();
        FileEntry deep = new FileEntry("d/".repeat(1_000) + "part-00000-é.parquet", 5, 5);
        FileEntry sibling = new FileEntry("d/".repeat(1_000) + "part-00000-e.parquet", 6, 6);

        store.savePlan(jobId, plan(deep, sibling), List.of(task(jobId, 0, deep, sibling)));
        store.recordCopyResult(new CopyTaskResult(jobId, 0, List.of(verified(sibling), verified(deep))));

        assertThat(deep.relativePath()).hasSizeGreaterThan(2_000);
        assertThat(store.fileResults(jobId)).containsExactly(verified(deep), verified(sibling));
    }

    @Test
    void resultOfAFileOutsideTheTaskIsRefusedAndNothingChanges() {
        long jobId = newJob();
        store.savePlan(jobId, plan(PART_0, PART_1), List.of(task(jobId, 0, PART_0), task(jobId, 1, PART_1)));

        assertThatThrownBy(() -> store.recordCopyResult(
                new CopyTaskResult(jobId, 0, List.of(verified(PART_0), verified(PART_1)))))
                .isInstanceOf(StraitException.class)
                .hasMessageContaining("file sub/Part-1.parquet is not in that task's manifest");

        assertThat(store.fileResults(jobId)).containsExactly(pending(PART_0), pending(PART_1));
        assertThat(taskRows(jobId)).containsEntry(0, "PENDING 1 100");
    }

    @Test
    void tasksSharingAFileAreRefused() {
        long jobId = newJob();

        assertThatThrownBy(() -> store.savePlan(jobId, plan(PART_0),
                List.of(task(jobId, 0, PART_0), task(jobId, 1, PART_0))))
                .isInstanceOf(StraitException.class).hasMessageContaining("is in tasks 0 and 1");
        assertThat(store.plan(jobId)).isEmpty();
    }

    @Test
    void planOfAMissingJobIsRefused() {
        assertThatThrownBy(() -> store.savePlan(123_456_789L, plan(), List.of()))
                .isInstanceOf(StraitException.class).hasMessageContaining("there is no such job");
        assertThat(store.plan(123_456_789L)).isEmpty();
    }

    /** The plan with the move to COPYING, and the copy results with COPIED -> VERIFIED: two writes, every move kept. */
    @Test
    void thePlanAndTheCopyResultsGoWithTheirMovesAndEveryMoveHasItsHistoryRow() {
        long jobId = newJob();
        ReplicationJob planned = store.transition(JobTransitionRequest.of(store.find(jobId).orElseThrow(),
                JobState.PLANNED, "claimed"));
        JobPlan plan = plan(PART_0, PART_1);

        ReplicationJob copying = store.savePlanAndMove(jobId, plan, List.of(task(jobId, 0, PART_0, PART_1)),
                List.of(JobTransitionRequest.of(planned, JobState.COPYING, "1 task(s)").withTargetLocation(TARGET)));

        assertThat(copying.state()).isEqualTo(JobState.COPYING);
        assertThat(copying.targetLocation()).isEqualTo(TARGET);
        assertThat(store.plan(jobId)).contains(plan);
        assertThat(store.fileResults(jobId)).extracting(FileCopyResult::verification)
                .containsExactly(FileVerification.PENDING, FileVerification.PENDING);

        JobTransitionRequest copied = JobTransitionRequest.of(copying, JobState.COPIED, "copy tasks finished");
        ReplicationJob verified = store.recordCopyResultsAndMove(
                List.of(new CopyTaskResult(jobId, 0, List.of(verified(PART_0), verified(PART_1)))),
                List.of(copied, copied.then(JobState.VERIFIED, "2 file(s) verified")));

        assertThat(verified.state()).isEqualTo(JobState.VERIFIED);
        assertThat(store.fileResults(jobId)).extracting(FileCopyResult::verification)
                .containsExactly(FileVerification.VERIFIED, FileVerification.VERIFIED);
        assertThat(taskRows(jobId)).containsExactly(Map.entry(0, "VERIFIED 2 300"));
        assertThat(store.history(jobId)).extracting(transition -> transition.from() + "->" + transition.to())
                .containsExactly("null->PENDING", "PENDING->PLANNED", "PLANNED->COPYING", "COPYING->COPIED", "COPIED->VERIFIED");
    }

    /** A process whose move is refused (the job moved, or was cancelled) writes no plan and no copy result. */
    @Test
    void aRefusedMoveWritesNeitherThePlanNorTheCopyResults() {
        long jobId = newJob();
        ReplicationJob planned = store.transition(JobTransitionRequest.of(store.find(jobId).orElseThrow(),
                JobState.PLANNED, "claimed"));
        store.transition(JobTransitionRequest.of(planned, JobState.CANCELLED, "operator: cancel"));

        assertThatThrownBy(() -> store.savePlanAndMove(jobId, plan(PART_0), List.of(task(jobId, 0, PART_0)),
                List.of(JobTransitionRequest.of(planned, JobState.COPYING, "1 task(s)"))))
                .isInstanceOf(StaleJobVersionException.class);
        assertThat(store.plan(jobId)).isEmpty();
        assertThat(taskRows(jobId)).isEmpty();

        long copiedJob = newJob();
        ReplicationJob copying = store.savePlanAndMove(copiedJob, plan(PART_0), List.of(task(copiedJob, 0, PART_0)),
                List.of(JobTransitionRequest.of(store.transition(JobTransitionRequest.of(
                        store.find(copiedJob).orElseThrow(), JobState.PLANNED, "claimed")), JobState.COPYING, "copy")));
        store.transition(JobTransitionRequest.of(copying, JobState.CANCELLED, "operator: cancel"));

        assertThatThrownBy(() -> store.recordCopyResultsAndMove(
                List.of(new CopyTaskResult(copiedJob, 0, List.of(verified(PART_0)))),
                List.of(JobTransitionRequest.of(copying, JobState.COPIED, "copy tasks finished"))))
                .isInstanceOf(StaleJobVersionException.class);
        assertThat(store.fileResults(copiedJob)).extracting(FileCopyResult::verification)
                .containsExactly(FileVerification.PENDING);
        assertThat(store.find(copiedJob).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    }

    /**
     * Several jobs' plans and copy results written together (a partition batch): each moved job gets exactly its own
     * plan, tasks and results; a job planned before gets its earlier manifest replaced; a job moved meanwhile writes
     * nothing.
     */
    @Test
    void plansAndCopyResultsOfSeveralJobsGoEachWithItsOwnMove() {
        long first = newJob();
        long replanned = newJob();
        long cancelled = newJob();
        ReplicationJob firstPlanned = claim(first);
        ReplicationJob replannedPlanned = claim(replanned);
        store.savePlan(replanned, plan(PART_1_LOWER), List.of(task(replanned, 0, PART_1_LOWER)));
        ReplicationJob cancelledPlanned = claim(cancelled);
        store.transition(JobTransitionRequest.of(cancelledPlanned, JobState.CANCELLED, "operator: cancel"));

        List<io.strait.common.job.ChainOutcome> planned = store.savePlansAndMove(List.of(
                planAndMove(firstPlanned, PART_0), planAndMove(replannedPlanned, PART_0, PART_1),
                planAndMove(cancelledPlanned, PART_1)));

        assertThat(planned).extracting(outcome -> outcome.job() == null ? "stale" : outcome.job().state().name())
                .containsExactly("COPYING", "COPYING", "stale");
        assertThat(store.plan(first)).contains(plan(PART_0));
        assertThat(store.plan(replanned)).contains(plan(PART_0, PART_1));
        assertThat(store.plan(cancelled)).isEmpty();
        assertThat(taskRows(first)).containsExactly(Map.entry(0, "PENDING 1 100"));
        assertThat(taskRows(replanned)).containsExactly(Map.entry(0, "PENDING 2 300"));
        assertThat(taskRows(cancelled)).isEmpty();
        assertThat(store.fileResults(replanned)).extracting(FileCopyResult::relativePath)
                .containsExactlyInAnyOrder(PART_0.relativePath(), PART_1.relativePath());

        ReplicationJob firstCopying = planned.get(0).job();
        ReplicationJob replannedCopying = planned.get(1).job();
        store.transition(JobTransitionRequest.of(replannedCopying, JobState.CANCELLED, "operator: cancel"));
        List<io.strait.common.job.ChainOutcome> copied = store.recordCopyResultsAndMoveTogether(List.of(
                new io.strait.common.job.JobStore.CopyResultsAndMoves(
                        List.of(new CopyTaskResult(first, 0, List.of(verified(PART_0)))),
                        List.of(JobTransitionRequest.of(firstCopying, JobState.COPIED, "copied"))),
                new io.strait.common.job.JobStore.CopyResultsAndMoves(
                        List.of(new CopyTaskResult(replanned, 0, List.of(verified(PART_0), verified(PART_1)))),
                        List.of(JobTransitionRequest.of(replannedCopying, JobState.COPIED, "copied")))));

        assertThat(copied.get(0).job().state()).isEqualTo(JobState.COPIED);
        assertThat(copied.get(1).stale()).isNotNull();
        assertThat(store.fileResults(first)).extracting(FileCopyResult::verification)
                .containsExactly(FileVerification.VERIFIED);
        assertThat(taskRows(first)).containsExactly(Map.entry(0, "VERIFIED 1 100"));
        assertThat(store.fileResults(replanned)).extracting(FileCopyResult::verification)
                .containsExactly(FileVerification.PENDING, FileVerification.PENDING);
        assertThat(taskRows(replanned)).containsExactly(Map.entry(0, "PENDING 2 300"));
    }

    private static ReplicationJob claim(long jobId) {
        return store.transition(JobTransitionRequest.of(store.find(jobId).orElseThrow(), JobState.PLANNED, "claimed"));
    }

    private static io.strait.common.job.JobStore.PlanAndMoves planAndMove(ReplicationJob planned, FileEntry... files) {
        return new io.strait.common.job.JobStore.PlanAndMoves(planned.id(), plan(files),
                List.of(task(planned.id(), 0, files)), List.of(JobTransitionRequest.of(planned, JobState.COPYING,
                        "1 task(s)").withTargetLocation(TARGET)));
    }

    @Test
    void theWritesOfOneJobCannotRideOnTheMovesOfAnother() {
        long jobId = newJob();
        long other = newJob();
        ReplicationJob planned = store.transition(JobTransitionRequest.of(store.find(jobId).orElseThrow(),
                JobState.PLANNED, "claimed"));

        assertThatThrownBy(() -> store.savePlanAndMove(other, plan(PART_0), List.of(task(other, 0, PART_0)),
                List.of(JobTransitionRequest.of(planned, JobState.COPYING, "1 task(s)"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find(jobId).orElseThrow().state()).isEqualTo(JobState.PLANNED);
    }

    private static long newJob() {
        String link = JdbcJobStoreTest.newLink();
        NewJob job = new NewJob(link, JobKind.SYNC_PARTITION,
                ObjectRef.partition(PartitionRef.of(ORDERS, List.of("2024-01-01"))), 1, 1);
        return store.createJobs(link, 0, 1, List.of(job)).get(0);
    }

    private static JobPlan plan(FileEntry... files) {
        return new JobPlan(null, SampleValues.ordersTable("file:/warehouse/a/sales.db/orders"),
                SampleValues.ordersPartition("2024-01-01"), SOURCE, TARGET, List.of(files));
    }

    private static CopyTask task(long jobId, int index, FileEntry... files) {
        return new CopyTask(jobId, index, SOURCE, TARGET, List.of(files));
    }

    private static FileCopyResult pending(FileEntry file) {
        return new FileCopyResult(file.relativePath(), file.sizeBytes(), "", "", FileVerification.PENDING, "");
    }

    private static FileCopyResult verified(FileEntry file) {
        String checksum = String.format("crc32c:%08x", file.relativePath().hashCode());
        return new FileCopyResult(file.relativePath(), file.sizeBytes(), checksum, checksum,
                FileVerification.VERIFIED, "");
    }

    /** task index -> "state file_count total_bytes". */
    private static Map<Integer, String> taskRows(long jobId) {
        String sql = "SELECT task_index, state, file_count, total_bytes FROM copy_task WHERE job_id = ?"
                + " ORDER BY task_index";
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, jobId);
            Map<Integer, String> rows = new LinkedHashMap<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getInt(1), result.getString(2) + " " + result.getInt(3) + " " + result.getLong(4));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
