package io.strait.sql.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransition;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.TableRef;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Leases, fencing and takeover on the real state store: two processes (two stores with their own lease holder
 * names) on one database and one clock.
 */
class JobLeaseStoreTest {
    private static final TableRef ORDERS = TableRef.of("sales", "orders");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final AtomicInteger LINKS = new AtomicInteger();
    private static TestingMariaDb db;
    private static TestingClock clock;
    private static JdbcJobStore processA;
    private static JdbcJobStore processB;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
        clock = new TestingClock(1_700_000_000_000L);
        processA = new JdbcJobStore(db.dataSource(), clock, "host-a:11:aaaa", LEASE);
        processB = new JdbcJobStore(db.dataSource(), clock, "host-b:22:bbbb", LEASE);
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    private static List<Long> newJobs(String link, String... days) {
        List<NewJob> jobs = java.util.Arrays.stream(days).map(day -> new NewJob(link, JobKind.SYNC_PARTITION,
                ObjectRef.partition(PartitionRef.of(ORDERS, List.of(day))), 1, 1_000)).toList();
        return processA.createJobs(link, processA.plannerCursor(link), processA.plannerCursor(link) + 1, jobs);
    }

    private static ReplicationJob move(JdbcJobStore by, ReplicationJob job, JobState to) {
        return by.transition(JobTransitionRequest.of(job, to, "test"));
    }

    @Test
    void onlyTheLeaseHolderMovesAJobInFlightAndATakenOverHolderIsFencedOff() {
        String link = "lease-" + LINKS.incrementAndGet();
        long id = newJobs(link, "2026-01-01").get(0);
        ReplicationJob copying = move(processA, move(processA, processA.find(id).orElseThrow(), JobState.PLANNED),
                JobState.COPYING);
        assertThat(processA.holdsLease(id)).isTrue();

        // B reads the very same version, but does not hold the lease: refused by owner and token, not by version
        assertThatThrownBy(() -> move(processB, processB.find(id).orElseThrow(), JobState.COPIED))
                .isInstanceOf(StaleJobVersionException.class);
        assertThat(processB.takeOverExpiredLeases(link)).as("a live lease is not taken over").isEmpty();

        clock.advanceMillis(LEASE.toMillis() - 1_000);
        assertThat(processA.renewLeases()).isEqualTo(1);
        clock.advanceMillis(LEASE.toMillis() - 1_000);
        assertThat(processB.takeOverExpiredLeases(link)).as("a renewed lease is not taken over").isEmpty();

        clock.advanceMillis(2_000);
        List<ReplicationJob> taken = processB.takeOverExpiredLeases(link);
        assertThat(taken).extracting(ReplicationJob::state).containsExactly(JobState.RETRY_WAIT);
        List<JobTransition> history = processB.history(id);
        assertThat(history.get(history.size() - 1).reason()).contains("taken over by host-b:22:bbbb")
                .contains("lease of host-a:11:aaaa");
        assertThat(taken.get(0).lastError()).contains("interrupted in COPYING");

        // the stale holder wakes up: whatever it tries is refused, and it knows it lost the lease
        assertThatThrownBy(() -> move(processA, copying, JobState.COPIED))
                .isInstanceOf(StaleJobVersionException.class);
        assertThat(processA.holdsLease(id)).isFalse();
        assertThat(processA.renewLeases()).isZero();

        // B runs the next attempt; A, re-reading the job, still cannot move it
        ReplicationJob again = move(processB, move(processB, taken.get(0), JobState.PENDING), JobState.PLANNED);
        assertThat(processB.holdsLease(id)).isTrue();
        assertThatThrownBy(() -> move(processA, processA.find(id).orElseThrow(), JobState.COPYING))
                .isInstanceOf(StaleJobVersionException.class);
        ReplicationJob done = move(processB, move(processB, again, JobState.COMMITTED), JobState.SUCCEEDED);
        assertThat(done.lastError()).isEmpty();
        assertThat(processB.holdsLease(id)).isFalse();
    }

    /**
     * Fencing of a metastore call in flight: a lease confirmed for a commit is reserved for as long as such a call may
     * take, the heartbeat never shortens it, and no one takes the job over before it ends, even if its holder dies at
     * once. A lease that lapsed is not confirmed (and the holder forgets it).
     */
    @Test
    void aLeaseConfirmedForACommitIsReservedForTheLongestMetastoreCall() {
        Duration commitReserve = Duration.ofSeconds(90);
        JdbcJobStore committer = new JdbcJobStore(db.dataSource(), clock, "host-c:33:cccc", LEASE,
                io.strait.common.job.JobDeadlines.DEFAULT, commitReserve);
        String link = "lease-" + LINKS.incrementAndGet();
        List<Long> ids = newJobs(link, "2026-01-01", "2026-01-02");
        ReplicationJob reserved = move(committer, committer.find(ids.get(0)).orElseThrow(), JobState.PLANNED);
        ReplicationJob lapsed = move(committer, committer.find(ids.get(1)).orElseThrow(), JobState.PLANNED);

        clock.advanceMillis(LEASE.toMillis() - 1_000);
        assertThat(committer.confirmLease(reserved.id())).isTrue();
        assertThat(committer.renewLeases()).as("the heartbeat renews both").isEqualTo(2);
        clock.advanceMillis(LEASE.toMillis() + 1_000);

        assertThat(processB.takeOverExpiredLeases(link)).as("only the lease that was not reserved lapsed")
                .extracting(ReplicationJob::id).containsExactly(lapsed.id());
        assertThat(committer.confirmLease(lapsed.id())).as("a lapsed lease is not confirmed").isFalse();
        assertThat(committer.holdsLease(lapsed.id())).isFalse();

        clock.advanceMillis(commitReserve.toMillis() - LEASE.toMillis()); // past the reservation made at 29 s
        assertThat(processB.takeOverExpiredLeases(link)).as("after the longest call it is").extracting(
                ReplicationJob::id).containsExactly(reserved.id());
        assertThat(committer.confirmLease(reserved.id())).isFalse();
    }

    /** A commit batch's leases in one write: the held ones are confirmed and reserved, the lost ones forgotten. */
    @Test
    void theLeasesOfACommitBatchAreConfirmedTogetherAndALostOneIsRefusedAlone() {
        JdbcJobStore committer = new JdbcJobStore(db.dataSource(), clock, "host-d:44:dddd", LEASE);
        String link = "lease-" + LINKS.incrementAndGet();
        List<Long> ids = newJobs(link, "2026-01-01", "2026-01-02", "2026-01-03");
        ReplicationJob first = move(committer, committer.find(ids.get(0)).orElseThrow(), JobState.PLANNED);
        ReplicationJob lost = move(committer, committer.find(ids.get(1)).orElseThrow(), JobState.PLANNED);
        ReplicationJob third = move(committer, committer.find(ids.get(2)).orElseThrow(), JobState.PLANNED);
        processB.transition(JobTransitionRequest.of(processB.find(lost.id()).orElseThrow(), JobState.CANCELLED,
                "operator: cancel"));

        assertThat(committer.confirmLeases(List.of(first.id(), lost.id(), third.id())))
                .containsExactlyInAnyOrder(first.id(), third.id());
        assertThat(committer.holdsLease(lost.id())).as("the lost lease is forgotten").isFalse();
        assertThat(committer.holdsLease(first.id())).isTrue();
        assertThat(processB.confirmLeases(List.of(first.id(), third.id()))).as("not B's leases").isEmpty();
        assertThat(committer.confirmLeases(List.of())).isEmpty();
    }

    @Test
    void aCommittedJobTakenOverSucceedsAndAnOperatorMayCancelAJobInFlight() {
        String link = "lease-" + LINKS.incrementAndGet();
        List<Long> ids = newJobs(link, "2026-01-01", "2026-01-02");
        move(processA, move(processA, processA.find(ids.get(0)).orElseThrow(), JobState.PLANNED), JobState.COMMITTED);
        ReplicationJob planned = move(processA, processA.find(ids.get(1)).orElseThrow(), JobState.PLANNED);

        ReplicationJob cancelled = move(processB, processB.find(ids.get(1)).orElseThrow(), JobState.CANCELLED);
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThatThrownBy(() -> move(processA, planned, JobState.COPYING))
                .isInstanceOf(StaleJobVersionException.class);

        clock.advanceMillis(LEASE.toMillis() + 1);
        assertThat(processB.takeOverExpiredLeases(link)).extracting(ReplicationJob::id, ReplicationJob::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ids.get(0), JobState.SUCCEEDED));
    }

    @Test
    void aStoppingProcessGivesItsLeasesBack() {
        String link = "lease-" + LINKS.incrementAndGet();
        long id = newJobs(link, "2026-01-01").get(0);
        JdbcJobStore stopping = new JdbcJobStore(db.dataSource(), clock, "host-c:33:cccc", LEASE);
        ReplicationJob planned = move(stopping, stopping.find(id).orElseThrow(), JobState.PLANNED);

        assertThat(stopping.releaseLeases("process stopping")).isEqualTo(1);

        ReplicationJob released = processA.find(id).orElseThrow();
        assertThat(released.state()).isEqualTo(JobState.RETRY_WAIT);
        assertThat(processA.history(id).get(processA.history(id).size() - 1).reason())
                .contains("released by host-c:33:cccc: process stopping");
        assertThatThrownBy(() -> move(stopping, planned, JobState.COPYING))
                .isInstanceOf(StaleJobVersionException.class);
    }

    @Test
    void aFailureStandsUntilRetriedCancelledOrSupersededByALaterSuccessOfItsObject() {
        String link = "lease-" + LINKS.incrementAndGet();
        List<Long> first = newJobs(link, "2026-01-01", "2026-01-02");
        ReplicationJob failed = processA.transition(JobTransitionRequest.of(
                move(processA, processA.find(first.get(0)).orElseThrow(), JobState.PLANNED), JobState.FAILED, "failed")
                .withError("boom"));
        processA.transition(JobTransitionRequest.of(
                move(processA, processA.find(first.get(1)).orElseThrow(), JobState.PLANNED), JobState.FAILED, "failed")
                .withError("boom"));
        assertThat(processA.unresolvedFailures(link)).extracting(ReplicationJob::id).containsExactlyElementsOf(first);

        // a later job of the first partition succeeds: that failure is resolved, the other still stands
        long later = newJobs(link, "2026-01-01").get(0);
        move(processB, move(processB, move(processB, processB.find(later).orElseThrow(), JobState.PLANNED),
                JobState.COMMITTED), JobState.SUCCEEDED);
        assertThat(processA.unresolvedFailures(link)).extracting(ReplicationJob::id).containsExactly(first.get(1));
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
    }
}
