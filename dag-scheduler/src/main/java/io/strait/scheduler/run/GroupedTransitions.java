package io.strait.scheduler.run;

import io.strait.common.job.ChainOutcome;
import io.strait.common.job.JobQueue;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.JobTransitions;
import io.strait.common.job.ReplicationJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One process's job transitions, written together (group commit): every state-store transaction waits for its log
 * flush, so when many jobs finish at once their moves share transactions. While one write runs, the moves that
 * arrive from other job workers queue, and the next worker to write takes all of them into one
 * {@link JobQueue#transitionsTogether} (at most {@code maxBatch}). Nothing waits to fill a batch: a move arriving
 * while no write runs goes alone, at once. Each job's chain stays its own compare-and-set, fenced by the process's
 * lease, with its history rows: a job that was moved meanwhile (or whose lease this process lost) fails alone with
 * its {@link io.strait.common.job.StaleJobVersionException}, the others are written. When a batch's transaction
 * fails as a whole, each of its chains is written again alone, so one bad chain never fails the others.
 */
public final class GroupedTransitions {
    /** Most chains in one transaction by default. */
    public static final int DEFAULT_MAX_BATCH = 100;

    private final JobQueue queue;
    private final int maxBatch;
    private final ReentrantLock writing = new ReentrantLock(true);
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

    public GroupedTransitions(JobQueue queue) {
        this(queue, DEFAULT_MAX_BATCH);
    }

    public GroupedTransitions(JobQueue queue, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
        }
        this.queue = Objects.requireNonNull(queue, "queue");
        this.maxBatch = maxBatch;
    }

    /** State-store writes made so far (a batch, or a chain alone): with the moves' count, the size of the groups. */
    public long writes() {
        return writes.get();
    }

    /** The job queue the moves are written to. */
    public JobQueue queue() {
        return queue;
    }

    /** {@link JobQueue#transition}, written together with the moves of other workers waiting at the same time. */
    public ReplicationJob transition(JobTransitionRequest request) {
        return transitions(List.of(request));
    }

    /**
     * {@link JobQueue#transitions}, written together with the chains of other workers waiting at the same time.
     * Returns the job as the chain leaves it, or throws the chain's own failure.
     */
    public ReplicationJob transitions(List<JobTransitionRequest> chain) {
        // an illegal chain is the caller's bug: it fails here, in its own thread, and never reaches a batch
        JobTransitions.checkChain(chain);
        Pending mine = new Pending(List.copyOf(chain));
        awaitWritten(List.of(mine));
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    /** Queues {@code mine} and writes waiting chains, in turn with other workers, until all of {@code mine} are. */
    private void awaitWritten(List<Pending> mine) {
        waiting.addAll(mine);
        while (mine.stream().anyMatch(pending -> !pending.done)) {
            writing.lock();
            try {
                if (mine.stream().anyMatch(pending -> !pending.done)) {
                    writeWaiting();
                }
            } finally {
                writing.unlock();
            }
        }
    }

    /**
     * The chains of several jobs of one caller (a worker's batch), written together with each other and with the
     * chains other workers wait with; one outcome per chain, in order, each chain failing alone.
     */
    public List<ChainOutcome> transitionsEach(List<List<JobTransitionRequest>> chains) {
        chains.forEach(JobTransitions::checkChain);
        List<Pending> mine = new ArrayList<>();
        for (List<JobTransitionRequest> chain : chains) {
            mine.add(new Pending(List.copyOf(chain)));
        }
        awaitWritten(mine);
        List<ChainOutcome> outcomes = new ArrayList<>();
        for (Pending pending : mine) {
            if (pending.failure instanceof io.strait.common.job.StaleJobVersionException stale) {
                outcomes.add(ChainOutcome.stale(stale));
            } else if (pending.failure != null) {
                throw pending.failure;
            } else {
                outcomes.add(ChainOutcome.moved(pending.result));
            }
        }
        return outcomes;
    }

    private void writeWaiting() {
        List<Pending> taken = new ArrayList<>();
        try {
            for (Pending next = waiting.poll(); next != null; next = taken.size() < maxBatch ? waiting.poll() : null) {
                taken.add(next);
            }
            if (taken.size() > 1 && writeTogether(taken)) {
                return;
            }
            for (Pending pending : taken) {
                writeAlone(pending);
            }
        } finally {
            // an Error in one write must not leave the other workers of the batch waiting for ever
            taken.stream().filter(pending -> !pending.done).forEach(pending -> pending.fail(new IllegalStateException(
                    "the state-store write of this job's move ended with an error before reaching it; retry")));
        }
    }

    /** The batch in one transaction; false when it failed as a whole (each chain is then written alone). */
    private boolean writeTogether(List<Pending> taken) {
        List<ChainOutcome> outcomes;
        writes.incrementAndGet();
        try {
            outcomes = queue.transitionsTogether(taken.stream().map(pending -> pending.chain).toList());
        } catch (RuntimeException batchFailed) {
            return false;
        }
        for (int i = 0; i < taken.size(); i++) {
            ChainOutcome outcome = outcomes.get(i);
            if (outcome.stale() != null) {
                taken.get(i).fail(outcome.stale());
            } else {
                taken.get(i).succeed(outcome.job());
            }
        }
        return true;
    }

    private void writeAlone(Pending pending) {
        writes.incrementAndGet();
        try {
            pending.succeed(queue.transitions(pending.chain));
        } catch (RuntimeException e) {
            pending.fail(e);
        }
    }

    /** Chains waiting to be written (for tests). */
    int waiting() {
        return waiting.size();
    }

    /** A chain waiting to be written; its outcome is set by the writing thread, read after {@code done}. */
    private static final class Pending {
        final List<JobTransitionRequest> chain;
        volatile boolean done;
        ReplicationJob result;
        RuntimeException failure;

        Pending(List<JobTransitionRequest> chain) {
            this.chain = chain;
        }

        void succeed(ReplicationJob job) {
            result = job;
            done = true;
        }

        void fail(RuntimeException error) {
            failure = error;
            done = true;
        }
    }
}
