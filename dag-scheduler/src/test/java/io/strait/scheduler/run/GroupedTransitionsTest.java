package io.strait.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.error.StraitException;
import io.strait.common.job.ChainOutcome;
import io.strait.common.job.IllegalJobTransitionException;
import io.strait.common.job.InMemoryJobStore;
import io.strait.common.job.JobClaim;
import io.strait.common.job.JobDeadlines;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobQueue;
import io.strait.common.job.JobState;
import io.strait.common.job.JobStore;
import io.strait.common.job.JobTransition;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.testing.TestingMariaDb;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Job moves of one process's workers are written together: the moves that arrive while one write runs go in the
 * next transaction together, each keeping its own outcome; nothing waits to fill a batch; a batch failing as a whole
 * is written again chain by chain.
 */
class GroupedTransitionsTest {
    private static final String LINK = "a-to-b";
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** The in-memory store, its writes recorded, the first lone write held until {@code release}. */
    private static final class WatchedQueue implements JobQueue {
        final JobStore store;
        final List<Integer> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean holdFirst = new AtomicBoolean(true);
        volatile boolean failNextBatch;

        WatchedQueue(JobStore store) {
            this.store = store;
        }

        @Override
        public Optional<ReplicationJob> find(long jobId) {
            return store.find(jobId);
        }

        @Override
        public List<ReplicationJob> findUnfinished(String link) {
            return store.findUnfinished(link);
        }

        @Override
        public ReplicationJob transition(JobTransitionRequest request) {
            return transitions(List.of(request));
        }

        @Override
        public ReplicationJob transitions(List<JobTransitionRequest> chain) {
            batches.add(1);
            if (holdFirst.getAndSet(false)) {
                writing.countDown();
                await(release);
            }
            return store.transitions(chain);
        }

        @Override
        public List<ChainOutcome> transitionsTogether(List<List<JobTransitionRequest>> chains) {
            if (failNextBatch) {
                failNextBatch = false;
                throw StraitException.external("Cannot move " + chains.size() + " jobs together: connection lost",
                        null);
            }
            batches.add(chains.size());
            return store.transitionsTogether(chains);
        }

        @Override
        public List<JobTransition> history(long jobId) {
            return store.history(jobId);
        }
    }

    private static InMemoryJobStore memoryStore() {
        return InMemoryJobStore.create(Clock.systemUTC(), Duration.ofMinutes(5), JobDeadlines.DEFAULT, "host:1:aa");
    }

    private static List<ReplicationJob> claimed(JobStore store, int count) {
        List<NewJob> jobs = java.util.stream.IntStream.range(0, count).mapToObj(i -> new NewJob(LINK,
                JobKind.SYNC_PARTITION, new ObjectRef("sales", "orders" + (i % 7), List.of("p" + i)), i + 1, 1_000))
                .toList();
        long cursor = store.plannerCursor(LINK);
        store.createJobs(LINK, cursor, cursor + count, jobs);
        List<ReplicationJob> claimed = store.claim(new JobClaim(Set.of(LINK), count, count));
        assertThat(claimed).hasSize(count);
        return claimed;
    }

    private static List<JobTransitionRequest> commitAndSucceed(ReplicationJob job) {
        JobTransitionRequest committed = JobTransitionRequest.of(job, JobState.COMMITTED, "published")
                .withCommittedAt(System.currentTimeMillis());
        return List.of(committed, committed.then(JobState.SUCCEEDED, "done"));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test's latch was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitWaiting(GroupedTransitions grouped, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (grouped.waiting() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(grouped.waiting() + " move(s) waiting, expected " + count);
            }
            Thread.sleep(1);
        }
    }

    @Test
    void movesArrivingWhileOneIsWrittenGoTogetherAndAStaleOneFailsAlone() throws Exception {
        InMemoryJobStore store = memoryStore();
        List<ReplicationJob> jobs = claimed(store, 5);
        // an operator cancels job 3 before its worker finishes it
        store.process("operator").transition(JobTransitionRequest.of(jobs.get(3), JobState.CANCELLED, "operator"));
        WatchedQueue queue = new WatchedQueue(store);
        GroupedTransitions grouped = new GroupedTransitions(queue);

        Future<ReplicationJob> first = threads.submit(() -> grouped.transitions(commitAndSucceed(jobs.get(0))));
        await(queue.writing);
        List<Future<ReplicationJob>> others = new ArrayList<>();
        for (ReplicationJob job : jobs.subList(1, 5)) {
            others.add(threads.submit(() -> grouped.transitions(commitAndSucceed(job))));
        }
        awaitWaiting(grouped, 4);
        queue.release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
        for (int i = 0; i < others.size(); i++) {
            if (i == 2) {
                Future<ReplicationJob> stale = others.get(i);
                assertThatThrownBy(() -> stale.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(
                        StaleJobVersionException.class);
            } else {
                assertThat(others.get(i).get(10, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
            }
        }
        assertThat(queue.batches).as("the first alone, at once; the four that waited in one write")
                .containsExactly(1, 4);
        assertThat(store.find(jobs.get(3).id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(store.history(jobs.get(2).id())).extracting(JobTransition::to).containsExactly(JobState.PENDING,
                JobState.PLANNED, JobState.COMMITTED, JobState.SUCCEEDED);
    }

    @Test
    void aBatchThatFailsAsAWholeIsWrittenAgainChainByChain() throws Exception {
        InMemoryJobStore store = memoryStore();
        List<ReplicationJob> jobs = claimed(store, 4);
        WatchedQueue queue = new WatchedQueue(store);
        queue.failNextBatch = true;
        GroupedTransitions grouped = new GroupedTransitions(queue);

        Future<ReplicationJob> first = threads.submit(() -> grouped.transitions(commitAndSucceed(jobs.get(0))));
        await(queue.writing);
        List<Future<ReplicationJob>> others = new ArrayList<>();
        for (ReplicationJob job : jobs.subList(1, 4)) {
            others.add(threads.submit(() -> grouped.transitions(commitAndSucceed(job))));
        }
        awaitWaiting(grouped, 3);
        queue.release.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (Future<ReplicationJob> other : others) {
            assertThat(other.get(10, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
        }
        assertThat(queue.batches).containsExactly(1, 1, 1, 1);
    }

    @Test
    void anIllegalChainFailsInItsCallersThreadAndNeverReachesABatch() {
        InMemoryJobStore store = memoryStore();
        ReplicationJob job = claimed(store, 1).get(0);
        WatchedQueue queue = new WatchedQueue(store);
        GroupedTransitions grouped = new GroupedTransitions(queue);

        assertThatThrownBy(() -> grouped.transition(JobTransitionRequest.of(job, JobState.SUCCEEDED, "skips")))
                .isInstanceOf(IllegalJobTransitionException.class);
        assertThat(grouped.waiting()).isZero();
        assertThat(queue.batches).isEmpty();
    }

    @Test
    void manyWorkersFinishingAtOnceOnTheStateStoreEachMoveTheirJobOnce() throws Exception {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            JdbcJobStore store = new JdbcJobStore(db.dataSource(), Clock.systemUTC(), "host:1:aa",
                    Duration.ofMinutes(5));
            List<ReplicationJob> jobs = claimed(store, 200);
            GroupedTransitions grouped = new GroupedTransitions(store);
            List<Future<ReplicationJob>> done = new ArrayList<>();
            for (ReplicationJob job : jobs) {
                done.add(threads.submit(() -> grouped.transitions(commitAndSucceed(job))));
            }
            for (Future<ReplicationJob> finished : done) {
                assertThat(finished.get(60, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
            }
            for (ReplicationJob job : jobs) {
                assertThat(store.history(job.id())).extracting(JobTransition::to).containsExactly(JobState.PENDING,
                        JobState.PLANNED, JobState.COMMITTED, JobState.SUCCEEDED);
                assertThat(store.holdsLease(job.id())).isFalse();
            }
            assertThat(store.hasUnfinished(LINK)).isFalse();
        }
    }
}
