package io.strait.sql.job;

import static io.strait.sql.SampleValues.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.job.IllegalJobTransitionException;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransition;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import io.strait.common.metastore.PartitionRef;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcJobStoreTest {
    private static final AtomicInteger LINKS = new AtomicInteger();
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
    void createdJobsArePendingAtVersionZeroAndTheCursorMoves() {
        String link = newLink();
        NewJob partition = new NewJob(link, JobKind.SYNC_PARTITION,
                ObjectRef.partition(PartitionRef.of(ORDERS, List.of("2024-01-01", "eu/west"))), 7, 1_000);
        NewJob database = new NewJob(link, JobKind.SYNC_DATABASE, ObjectRef.database("sales"), 8, 2_000);

        List<Long> ids = store.createJobs(link, 0, 8, List.of(partition, database));

        assertThat(ids).hasSize(2).isSorted();
        assertThat(store.plannerCursor(link)).isEqualTo(8);
        ReplicationJob first = store.find(ids.get(0)).orElseThrow();
        assertThat(first).isEqualTo(new ReplicationJob(ids.get(0), link, JobKind.SYNC_PARTITION, partition.object(),
                JobState.PENDING, 0, 7, 1_000, 0, "", "", clock.millis(), clock.millis(), 0));
        assertThat(store.find(ids.get(1)).orElseThrow().object()).isEqualTo(ObjectRef.database("sales"));
        assertThat(store.history(ids.get(0))).containsExactly(
                new JobTransition(ids.get(0), null, JobState.PENDING, 0, "created from event 7", clock.millis()));
    }

    @Test
    void aNewJobSupersedesTheOlderPendingJobsOfTheSameObjectOnly() {
        String link = newLink();
        ObjectRef day = ObjectRef.partition(PartitionRef.of(ORDERS, List.of("2024-01-01", "eu")));
        ObjectRef otherDay = ObjectRef.partition(PartitionRef.of(ORDERS, List.of("2024-01-02", "eu")));
        List<NewJob> burst = List.of(new NewJob(link, JobKind.SYNC_PARTITION, day, 1, 100),
                new NewJob(link, JobKind.SYNC_PARTITION, otherDay, 2, 200),
                new NewJob(link, JobKind.SYNC_PARTITION, day, 3, 300),
                new NewJob(link, JobKind.SYNC_PARTITION, day, 4, 400),
                new NewJob(link, JobKind.SYNC_PARTITION, day, 5, 500));

        List<Long> ids = store.createJobs(link, 0, 5, burst);

        assertThat(ids.stream().map(id -> store.find(id).orElseThrow().state())).containsExactly(
                JobState.SUPERSEDED, JobState.PENDING, JobState.SUPERSEDED, JobState.SUPERSEDED, JobState.PENDING);
        assertThat(store.history(ids.get(0))).last().satisfies(transition -> {
            assertThat(transition.to()).isEqualTo(JobState.SUPERSEDED);
            assertThat(transition.reason()).contains("coalesced", "job " + ids.get(2));
        });
        assertThat(store.findUnfinished(link)).extracting(ReplicationJob::id).containsExactly(ids.get(1), ids.get(4));
    }

    @Test
    void aDropAfterACreateStillRunsAndAClaimedJobIsNotSuperseded() {
        String link = newLink();
        ObjectRef day = ObjectRef.partition(PartitionRef.of(ORDERS, List.of("2024-01-03", "eu")));
        long claimed = store.createJobs(link, 0, 1, List.of(new NewJob(link, JobKind.SYNC_PARTITION, day, 1, 100)))
                .get(0);
        store.transition(JobTransitionRequest.of(store.find(claimed).orElseThrow(), JobState.PLANNED, "claimed"));

        List<Long> later = store.createJobs(link, 1, 3, List.of(new NewJob(link, JobKind.SYNC_PARTITION, day, 2, 200),
                new NewJob(link, JobKind.DROP_PARTITION, day, 3, 300)));

        assertThat(store.find(claimed).orElseThrow().state()).isEqualTo(JobState.PLANNED);
        assertThat(store.find(later.get(0)).orElseThrow().state()).isEqualTo(JobState.SUPERSEDED);
        assertThat(store.find(later.get(1)).orElseThrow().state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void aSyncAfterADropLeavesTheDropToClearTheTargetFirst() {
        String link = newLink();
        ObjectRef table = ObjectRef.table(ORDERS);

        List<Long> ids = store.createJobs(link, 0, 2, List.of(new NewJob(link, JobKind.DROP_TABLE, table, 1, 100),
                new NewJob(link, JobKind.SYNC_TABLE, table, 2, 200)));

        assertThat(ids.stream().map(id -> store.find(id).orElseThrow().state()))
                .containsExactly(JobState.PENDING, JobState.PENDING);
    }

    @Test
    void cursorMovesOnFromItsLastValue() {
        String link = newLink();
        store.createJobs(link, 0, 3, List.of(job(link, 3)));

        store.createJobs(link, 3, 9, List.of(job(link, 9)));

        assertThat(store.plannerCursor(link)).isEqualTo(9);
        assertThat(store.findUnfinished(link)).extracting(ReplicationJob::sourceEventId).containsExactly(3L, 9L);
    }

    @Test
    void staleCursorIsRejectedAndNothingIsInserted() {
        String link = newLink();
        store.createJobs(link, 0, 5, List.of(job(link, 5)));

        assertThatThrownBy(() -> store.createJobs(link, 2, 6, List.of(job(link, 6))))
                .isInstanceOfSatisfying(StraitException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.INTERNAL))
                .hasMessageContaining("planner cursor moved").hasMessageContaining("expected 2, found 5");
        assertThatThrownBy(() -> store.createJobs(link, 0, 6, List.of(job(link, 6))))
                .hasMessageContaining("planner cursor moved");

        assertThat(store.plannerCursor(link)).isEqualTo(5);
        assertThat(store.findUnfinished(link)).extracting(ReplicationJob::sourceEventId).containsExactly(5L);
    }

    @Test
    void cursorOfAnUnknownLinkIsZero() {
        assertThat(store.plannerCursor(newLink())).isZero();
    }

    @Test
    void legalTransitionMovesTheJobAndWritesHistory() {
        ReplicationJob job = newJob();
        clock.advanceMillis(10);

        ReplicationJob planned = store.transition(JobTransitionRequest.of(job, JobState.PLANNED, "planned 3 files")
                .withTargetLocation("file:/warehouse/b/sales.db/orders/_strait_v1_1"));

        assertThat(planned.state()).isEqualTo(JobState.PLANNED);
        assertThat(planned.version()).isEqualTo(1);
        assertThat(planned.attempts()).isEqualTo(1);
        assertThat(planned.targetLocation()).isEqualTo("file:/warehouse/b/sales.db/orders/_strait_v1_1");
        assertThat(planned.updatedAtMillis()).isEqualTo(clock.millis());
        assertThat(store.find(job.id())).contains(planned);
        assertThat(store.history(job.id())).last().isEqualTo(
                new JobTransition(job.id(), JobState.PENDING, JobState.PLANNED, 1, "planned 3 files", clock.millis()));
    }

    @Test
    void optionalColumnsAreWrittenWhenGivenAndKeptOtherwise() {
        ReplicationJob planned = store.transition(JobTransitionRequest.of(newJob(), JobState.PLANNED, "plan")
                .withTargetLocation("file:/b/v1"));
        ReplicationJob waiting = store.transition(JobTransitionRequest.of(planned, JobState.RETRY_WAIT, "io")
                .withError("Cannot read file:/a/x: connection reset"));
        ReplicationJob pending = store.transition(JobTransitionRequest.of(waiting, JobState.PENDING, "retry"));
        ReplicationJob replanned = store.transition(JobTransitionRequest.of(pending, JobState.PLANNED, "plan again"));
        ReplicationJob committed = store.transition(JobTransitionRequest.of(replanned, JobState.COMMITTED, "commit")
                .withCommittedAt(1_700_000_009_000L));
        ReplicationJob succeeded = store.transition(JobTransitionRequest.of(committed, JobState.SUCCEEDED, "done"));

        assertThat(waiting.lastError()).isEqualTo("Cannot read file:/a/x: connection reset");
        assertThat(replanned.attempts()).isEqualTo(2);
        assertThat(succeeded.version()).isEqualTo(6);
        assertThat(succeeded.targetLocation()).isEqualTo("file:/b/v1");
        assertThat(committed.lastError()).isEqualTo("Cannot read file:/a/x: connection reset");
        assertThat(succeeded.lastError()).as("an earlier attempt's error is not the successful job's").isEmpty();
        assertThat(succeeded.committedAtMillis()).isEqualTo(1_700_000_009_000L);
        assertThat(store.history(succeeded.id())).extracting(JobTransition::to).containsExactly(JobState.PENDING,
                JobState.PLANNED, JobState.RETRY_WAIT, JobState.PENDING, JobState.PLANNED, JobState.COMMITTED,
                JobState.SUCCEEDED);
    }

    @Test
    void illegalTransitionIsRefusedAndChangesNothing() {
        ReplicationJob job = newJob();

        assertThatThrownBy(() -> store.transition(JobTransitionRequest.of(job, JobState.SUCCEEDED, "skip ahead")))
                .isInstanceOf(IllegalJobTransitionException.class)
                .hasMessageContaining("cannot transition from PENDING to SUCCEEDED");

        assertThat(store.find(job.id())).contains(job);
        assertThat(store.history(job.id())).hasSize(1);
    }

    @Test
    void staleCompareAndSetIsRejectedAndTheJobKeepsTheFirstWritersState() {
        ReplicationJob job = newJob();
        JobTransitionRequest firstCaller = JobTransitionRequest.of(job, JobState.PLANNED, "first caller plans");
        JobTransitionRequest secondCaller = JobTransitionRequest.of(job, JobState.SUPERSEDED, "second caller");

        store.transition(firstCaller);

        assertThatThrownBy(() -> store.transition(secondCaller))
                .isInstanceOf(StaleJobVersionException.class)
                .hasMessageContaining("expected state PENDING at version 0 but found PLANNED at version 1");
        ReplicationJob after = store.find(job.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(JobState.PLANNED);
        assertThat(after.version()).isEqualTo(1);
        assertThat(store.history(job.id())).extracting(JobTransition::to)
                .containsExactly(JobState.PENDING, JobState.PLANNED);
    }

    @Test
    void transitionOfAMissingJobIsStale() {
        JobTransitionRequest request = new JobTransitionRequest(987_654_321L, JobState.PENDING, 0, JobState.PLANNED,
                "plan", null, null, 0);

        assertThatThrownBy(() -> store.transition(request)).isInstanceOf(StaleJobVersionException.class)
                .hasMessageContaining("found no such job");
        assertThat(store.history(987_654_321L)).isEmpty();
    }

    @Test
    void findUnfinishedSkipsTerminalAndBlockedJobsAndOtherLinks() {
        String link = newLink();
        List<Long> ids = store.createJobs(link, 0, 4, List.of(job(link, 1), job(link, 2), job(link, 3),
                job(link, 4)));
        String otherLink = newLink();
        store.createJobs(otherLink, 0, 1, List.of(job(otherLink, 1)));
        ReplicationJob second = store.find(ids.get(1)).orElseThrow();
        store.transition(JobTransitionRequest.of(second, JobState.CANCELLED, "operator"));
        ReplicationJob fourth = store.find(ids.get(3)).orElseThrow();
        ReplicationJob blocked = store.transition(JobTransitionRequest.of(fourth, JobState.BLOCKED, "not replicable"));

        assertThat(store.findUnfinished(link)).extracting(ReplicationJob::id).containsExactly(ids.get(0), ids.get(2));

        store.transition(JobTransitionRequest.of(blocked, JobState.PENDING, "released by an operator"));
        assertThat(store.findUnfinished(link)).extracting(ReplicationJob::id)
                .containsExactly(ids.get(0), ids.get(2), ids.get(3));
    }

    @Test
    void jobsOfAnotherLinkAreRefused() {
        String link = newLink();

        assertThatThrownBy(() -> store.createJobs(link, 0, 1, List.of(job("elsewhere", 1))))
                .isInstanceOf(StraitException.class).hasMessageContaining("names link elsewhere");
        assertThat(store.plannerCursor(link)).isZero();
    }

    @Test
    void longReasonsAndErrorsAreCutToFit() {
        ReplicationJob job = newJob();
        String longText = "x".repeat(70_000);

        ReplicationJob failed = store.transition(JobTransitionRequest.of(job, JobState.FAILED, longText)
                .withError(longText));

        assertThat(failed.lastError()).hasSize(16_000).endsWith("\u2026");
        assertThat(store.history(job.id())).last().extracting(JobTransition::reason)
                .satisfies(reason -> assertThat(reason).hasSize(2048));
    }

    @Test
    void recentJobsAreListedNewestFirstAndCanBeFilteredByState() {
        String link = newLink();
        List<Long> ids = store.createJobs(link, 0, 3, List.of(job(link, 1), job(link, 2), job(link, 3)));
        ReplicationJob second = store.find(ids.get(1)).orElseThrow();
        store.transition(JobTransitionRequest.of(second, JobState.FAILED, "broken").withError("broken"));

        assertThat(store.recent(link, java.util.Optional.empty(), 2)).extracting(ReplicationJob::id)
                .containsExactly(ids.get(2), ids.get(1));
        assertThat(store.recent(link, java.util.Optional.of(JobState.FAILED), 10)).extracting(ReplicationJob::id)
                .containsExactly(ids.get(1));
        assertThat(store.recent(newLink(), java.util.Optional.empty(), 10)).isEmpty();
    }

    @Test
    void anOperatorsRetryOfAFailedJobStartsItsAttemptsAgain() {
        String link = newLink();
        long id = store.createJobs(link, 0, 1, List.of(job(link, 1))).get(0);
        ReplicationJob planned = store.transition(JobTransitionRequest.of(store.find(id).orElseThrow(),
                JobState.PLANNED, "claimed"));
        ReplicationJob failed = store.transition(JobTransitionRequest.of(planned, JobState.FAILED, "broken")
                .withError("broken"));
        assertThat(failed.attempts()).isEqualTo(1);

        ReplicationJob retried = store.transition(JobTransitionRequest.of(failed, JobState.PENDING, "operator"));

        assertThat(retried.attempts()).isZero();
        assertThat(store.transition(JobTransitionRequest.of(retried, JobState.PLANNED, "claimed")).attempts())
                .isEqualTo(1);
    }

    @Test
    void aJobWaitingToRetryIsSupersededByANewerJobOfItsObject() {
        String link = newLink();
        long id = store.createJobs(link, 0, 1, List.of(job(link, 1))).get(0);
        ReplicationJob planned = store.transition(JobTransitionRequest.of(store.find(id).orElseThrow(),
                JobState.PLANNED, "claimed"));
        store.transition(JobTransitionRequest.of(planned, JobState.RETRY_WAIT, "target down").withError("down"));
        NewJob first = job(link, 1);

        long newer = store.createJobs(link, 1, 2, List.of(new NewJob(link, first.kind(), first.object(), 2,
                1_002))).get(0);

        assertThat(store.find(id).orElseThrow().state()).isEqualTo(JobState.SUPERSEDED);
        assertThat(store.history(id)).last().satisfies(row -> {
            assertThat(row.from()).isEqualTo(JobState.RETRY_WAIT);
            assertThat(row.reason()).startsWith("coalesced: job " + newer);
        });
        assertThat(store.find(newer).orElseThrow().state()).isEqualTo(JobState.PENDING);
    }

    static String newLink() {
        return "link-" + LINKS.incrementAndGet();
    }

    /** A table job of its own table per event id (jobs of one object would coalesce). */
    static NewJob job(String link, long eventId) {
        return new NewJob(link, JobKind.SYNC_TABLE,
                ObjectRef.table(io.strait.common.metastore.TableRef.of(ORDERS.database(), ORDERS.table() + eventId)),
                eventId, 1_000 + eventId);
    }

    private static ReplicationJob newJob() {
        String link = newLink();
        long id = store.createJobs(link, 0, 1, List.of(job(link, 1))).get(0);
        return store.find(id).orElseThrow();
    }
}
