package io.strait.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.job.ChainOutcome;
import io.strait.common.job.IllegalJobTransitionException;
import io.strait.common.job.InMemoryJobStore;
import io.strait.common.job.JobClaim;
import io.strait.common.job.JobDeadlines;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.JobStore;
import io.strait.common.job.JobTransition;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link io.strait.common.job.JobQueue#transitionsTogether} (group commit of several jobs' moves) holds the same
 * contract on the state store and on its in-memory twin: each chain is its own fenced compare-and-set with its
 * history rows; a chain whose job moved, or whose lease was taken over, fails alone while the others are applied;
 * an illegal chain applies nothing at all.
 */
class TransitionsTogetherContractTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final AtomicInteger LINKS = new AtomicInteger();
    private static TestingMariaDb db;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    /** Two processes on one store and one clock. */
    record Stores(String name, JobStore processA, JobStore processB, TestingClock clock) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Stores> stores() {
        TestingClock memoryClock = new TestingClock(1_700_000_000_000L);
        InMemoryJobStore memoryA = InMemoryJobStore.create(memoryClock, LEASE, JobDeadlines.DEFAULT, "host-a:1:aa");
        TestingClock jdbcClock = new TestingClock(1_700_000_000_000L);
        return Stream.of(new Stores("in-memory", memoryA, memoryA.process("host-b:2:bb"), memoryClock),
                new Stores("state store", new JdbcJobStore(db.dataSource(), jdbcClock, "host-a:1:aa", LEASE),
                        new JdbcJobStore(db.dataSource(), jdbcClock, "host-b:2:bb", LEASE), jdbcClock));
    }

    private static List<ReplicationJob> claimed(JobStore store, String link, int count) {
        List<NewJob> jobs = java.util.stream.IntStream.range(0, count).mapToObj(i -> new NewJob(link,
                JobKind.SYNC_PARTITION, new ObjectRef("sales", "orders" + i, List.of("p" + i)), i + 1, 1_000))
                .toList();
        store.createJobs(link, store.plannerCursor(link), store.plannerCursor(link) + count, jobs);
        List<ReplicationJob> claimed = store.claim(new JobClaim(Set.of(link), count, 16));
        assertThat(claimed).hasSize(count);
        return claimed.stream().sorted(java.util.Comparator.comparingLong(ReplicationJob::id)).toList();
    }

    private static List<JobTransitionRequest> commitAndSucceed(ReplicationJob job) {
        JobTransitionRequest committed = JobTransitionRequest.of(job, JobState.COMMITTED, "published")
                .withCommittedAt(1_700_000_000_500L);
        return List.of(committed, committed.then(JobState.SUCCEEDED, "done"));
    }

    private static List<JobState> moves(JobStore store, long jobId) {
        return store.history(jobId).stream().map(JobTransition::to).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void eachChainIsAppliedWithItsHistoryRows(Stores stores) {
        List<ReplicationJob> jobs = claimed(stores.processA(), "together-" + LINKS.incrementAndGet(), 3);

        List<ChainOutcome> outcomes = stores.processA().transitionsTogether(
                jobs.stream().map(TransitionsTogetherContractTest::commitAndSucceed).toList());

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.stale()).isNull());
        for (int i = 0; i < jobs.size(); i++) {
            ReplicationJob moved = outcomes.get(i).job();
            assertThat(moved.id()).isEqualTo(jobs.get(i).id());
            assertThat(moved.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(moved.version()).isEqualTo(jobs.get(i).version() + 2);
            assertThat(stores.processA().find(moved.id()).orElseThrow()).isEqualTo(moved);
            assertThat(moves(stores.processA(), moved.id())).containsExactly(JobState.PENDING, JobState.PLANNED,
                    JobState.COMMITTED, JobState.SUCCEEDED);
            assertThat(stores.processA().holdsLease(moved.id())).as("a settled job is leased to nobody").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aJobTakenOverByAnotherProcessFailsAloneAndTheOthersAreApplied(Stores stores) {
        String link = "together-" + LINKS.incrementAndGet();
        List<ReplicationJob> jobs = claimed(stores.processA(), link, 3);
        // the middle job's lease expires (process A froze) and process B takes it over: A is fenced off from it
        stores.clock().advanceMillis(LEASE.toMillis() + 1_000);
        stores.processA().transition(JobTransitionRequest.of(jobs.get(0), JobState.COPYING, "renews A's lease"));
        ReplicationJob firstCopying = stores.processA().find(jobs.get(0).id()).orElseThrow();
        stores.processA().transition(JobTransitionRequest.of(jobs.get(2), JobState.COPYING, "renews A's lease"));
        ReplicationJob lastCopying = stores.processA().find(jobs.get(2).id()).orElseThrow();
        List<ReplicationJob> taken = stores.processB().takeOverExpiredLeases(link);
        assertThat(taken).extracting(ReplicationJob::id).containsExactly(jobs.get(1).id());
        // B claims it again: the same state (PLANNED) A knew, but not A's lease any more
        stores.processB().transition(JobTransitionRequest.of(taken.get(0), JobState.PENDING, "backoff passed"));
        ReplicationJob reclaimed = stores.processB().claim(new JobClaim(Set.of(link), 1, 16)).get(0);
        assertThat(reclaimed.state()).isEqualTo(JobState.PLANNED);

        List<JobTransitionRequest> stale = List.of(JobTransitionRequest.of(reclaimed, JobState.COPYING, "A again"));
        List<ChainOutcome> outcomes = stores.processA().transitionsTogether(List.of(
                List.of(JobTransitionRequest.of(firstCopying, JobState.COPIED, "copied")),
                stale,
                List.of(JobTransitionRequest.of(lastCopying, JobState.COPIED, "copied"))));

        assertThat(outcomes.get(0).job().state()).isEqualTo(JobState.COPIED);
        assertThat(outcomes.get(1).job()).isNull();
        assertThatThrownBy(outcomes.get(1)::orThrow).isInstanceOf(StaleJobVersionException.class);
        assertThat(outcomes.get(2).job().state()).isEqualTo(JobState.COPIED);
        ReplicationJob untouched = stores.processB().find(reclaimed.id()).orElseThrow();
        assertThat(List.of(untouched.state(), untouched.version())).as("the fenced chain wrote nothing")
                .isEqualTo(List.of(reclaimed.state(), reclaimed.version()));
        assertThat(moves(stores.processB(), reclaimed.id())).last().isEqualTo(JobState.PLANNED);
        assertThat(stores.processA().holdsLease(reclaimed.id())).isFalse();
        assertThat(stores.processB().holdsLease(reclaimed.id())).isTrue();
        assertThat(stores.processA().holdsLease(jobs.get(0).id())).isTrue();
        // and B still moves its job: A's refused chain took nothing from it
        assertThat(stores.processB().transition(JobTransitionRequest.of(reclaimed, JobState.COPYING, "B"))
                .state()).isEqualTo(JobState.COPYING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aJobMovedMeanwhileFailsAloneAndItsSecondChainInOneBatchFindsItMoved(Stores stores) {
        List<ReplicationJob> jobs = claimed(stores.processA(), "together-" + LINKS.incrementAndGet(), 3);
        // an operator cancels the first job (no lease needed): its version moved
        stores.processB().transition(JobTransitionRequest.of(jobs.get(0), JobState.CANCELLED, "operator"));

        List<ChainOutcome> outcomes = stores.processA().transitionsTogether(List.of(
                commitAndSucceed(jobs.get(0)), commitAndSucceed(jobs.get(1)), commitAndSucceed(jobs.get(1)),
                commitAndSucceed(jobs.get(2))));

        assertThat(outcomes).extracting(outcome -> outcome.stale() != null).containsExactly(true, false, true, false);
        assertThat(stores.processA().find(jobs.get(0).id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(moves(stores.processA(), jobs.get(1).id())).containsExactly(JobState.PENDING, JobState.PLANNED,
                JobState.COMMITTED, JobState.SUCCEEDED);
        assertThat(moves(stores.processA(), jobs.get(2).id())).containsExactly(JobState.PENDING, JobState.PLANNED,
                JobState.COMMITTED, JobState.SUCCEEDED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anIllegalChainAppliesNothingOfTheBatch(Stores stores) {
        List<ReplicationJob> jobs = claimed(stores.processA(), "together-" + LINKS.incrementAndGet(), 2);

        assertThatThrownBy(() -> stores.processA().transitionsTogether(List.of(commitAndSucceed(jobs.get(0)),
                List.of(JobTransitionRequest.of(jobs.get(1), JobState.SUCCEEDED, "skips COMMITTED")))))
                .isInstanceOf(IllegalJobTransitionException.class);

        for (ReplicationJob job : jobs) {
            ReplicationJob now = stores.processA().find(job.id()).orElseThrow();
            assertThat(List.of(now.state(), now.version())).isEqualTo(List.of(job.state(), job.version()));
            assertThat(moves(stores.processA(), job.id())).containsExactly(JobState.PENDING, JobState.PLANNED);
        }
    }
}
