package io.strait.scheduler.run;

import io.strait.common.job.ObjectRef;
import io.strait.common.region.RegionId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One process's turns at one table: its metastore commits of one target table, one at a time. Concurrent partition
 * changes of one table in a metastore contend on its backing database's locks (on Derby they deadlock and wait out
 * its 20 s detection), so the jobs of a table copy in parallel but commit in turn. Commits that can go together
 * ({@link #inBatch}: partition publishes) are grouped: while one commit of a table runs, the commits that arrive
 * queue, and the next thread to take the turn commits all of them in one batch (group commit). Nothing waits to fill
 * a batch: a commit arriving at an idle table goes alone, at once; under a burst, batches grow by themselves up to
 * {@code maxBatch}. Across processes {@code scheduler.table-concurrency} bounds how many jobs of a table are in
 * flight at all. Keyed by target region, database and table (never by a bare path).
 */
public final class TableTurns {
    /** Most commits in one batch by default. */
    public static final int DEFAULT_MAX_BATCH = 100;

    private final Map<String, Turn> turns = new ConcurrentHashMap<>();
    private final int maxBatch;

    public TableTurns() {
        this(DEFAULT_MAX_BATCH);
    }

    public TableTurns(int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
        }
        this.maxBatch = maxBatch;
    }

    /** Commits that may go together in one call, and the same commit alone. */
    public interface BatchCommit<I, R> {
        /** Commits every item (at least two), returning one result each in order; throws for the whole batch. */
        List<R> commitAll(List<I> items);

        /** Commits one item alone: the first of a quiet table, and each item of a batch that failed. */
        R commitOne(I item);

        /** Items of one group go into one batch (e.g. those of one publisher); other groups get batches of theirs. */
        default Object groupOf(I item) {
            return this;
        }

        /**
         * Checked for the items of a batch (or a single item) in the table's turn right before they are committed
         * (e.g. that their jobs' leases are still held, all in one state-store write): returns the failure of each
         * item refused, by its position in {@code items}; a refused item fails alone and is left out of the batch.
         */
        default Map<Integer, RuntimeException> refusals(List<I> items) {
            return Map.of();
        }
    }

    /** Runs {@code commit} while no other commit of {@code object}'s table in {@code target} runs in this process. */
    public <T> T inTurn(RegionId target, ObjectRef object, Supplier<T> commit) {
        if (object.level() == ObjectRef.Level.DATABASE) {
            return commit.get();
        }
        ReentrantLock lock = turnOf(target, object).lock;
        lock.lock();
        try {
            return commit.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Commits {@code item} in its table's turn, together with the other items of its group that wait for the turn.
     * Returns its own result, or throws its own failure: when a batch fails, each of its items is committed again
     * alone ({@link BatchCommit#commitOne}), so one bad item never fails the others.
     */
    public <I, R> R inBatch(RegionId target, ObjectRef object, I item, BatchCommit<I, R> batch) {
        Committed<R> mine = inBatchAll(target, object, List.of(item), batch).get(0);
        if (mine.failure() != null) {
            throw mine.failure();
        }
        return mine.result();
    }

    /** What became of one item of {@link #inBatchAll}: its result, or its own failure. */
    public record Committed<R>(R result, RuntimeException failure) {
    }

    /**
     * {@link #inBatch} for several items of one caller at once (a worker's batch of partitions of one table): they
     * queue together, so they go into the same batch (up to the most in one), with whatever other workers' items
     * wait. Returns each item's result or failure, in order; never throws for an item's failure.
     */
    public <I, R> List<Committed<R>> inBatchAll(RegionId target, ObjectRef object, List<I> items,
            BatchCommit<I, R> batch) {
        Turn turn = turnOf(target, object);
        List<Pending<I, R>> mine = new ArrayList<>();
        for (I item : items) {
            mine.add(new Pending<>(item, batch));
        }
        turn.waiting.addAll(mine);
        while (mine.stream().anyMatch(pending -> !pending.done)) {
            turn.lock.lock();
            try {
                if (mine.stream().anyMatch(pending -> !pending.done)) {
                    commitWaiting(turn);
                }
            } finally {
                turn.lock.unlock();
            }
        }
        return mine.stream().map(pending -> new Committed<>(pending.result, pending.failure)).toList();
    }

    private void commitWaiting(Turn turn) {
        List<Pending<?, ?>> taken = new ArrayList<>();
        Map<List<Object>, List<Pending<?, ?>>> groups = new LinkedHashMap<>();
        try {
            for (Pending<?, ?> next = turn.waiting.poll(); next != null; next = taken.size() < maxBatch
                    ? turn.waiting.poll() : null) {
                taken.add(next);
                groups.computeIfAbsent(List.of(next.batch, next.group()), key -> new ArrayList<>()).add(next);
            }
            groups.values().forEach(TableTurns::commitGroup);
        } finally {
            // an Error in one commit must not leave the others of the batch waiting for ever
            taken.stream().filter(pending -> !pending.done).forEach(pending -> pending.fail(new IllegalStateException(
                    "the commit batch of this job's table ended with an error before reaching it; retry")));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void commitGroup(List<Pending<?, ?>> waiting) {
        BatchCommit batch = waiting.get(0).batch;
        List<Pending> group = new ArrayList<>();
        Map<Integer, RuntimeException> refusals;
        try {
            refusals = batch.refusals(waiting.stream().map(pending -> pending.item).toList());
        } catch (RuntimeException checkFailed) {
            waiting.forEach(pending -> pending.fail(checkFailed));
            return;
        }
        for (int i = 0; i < waiting.size(); i++) {
            Pending pending = waiting.get(i);
            RuntimeException refused = refusals.get(i);
            if (refused == null) {
                group.add(pending);
            } else {
                pending.fail(refused);
            }
        }
        if (group.size() > 1) {
            try {
                List<?> results = batch.commitAll(group.stream().map(pending -> pending.item).toList());
                for (int i = 0; i < group.size(); i++) {
                    ((Pending) group.get(i)).succeed(results.get(i));
                }
                return;
            } catch (RuntimeException batchFailed) {
                // each again alone: each reads the target first, so what the batch did commit is recognised
            }
        }
        for (Pending pending : group) {
            try {
                pending.succeed(batch.commitOne(pending.item));
            } catch (RuntimeException e) {
                pending.fail(e);
            }
        }
    }

    /** Commits waiting for the turn of {@code object}'s table in {@code target} (for tests). */
    int waiting(RegionId target, ObjectRef object) {
        return turnOf(target, object).waiting.size();
    }

    private Turn turnOf(RegionId target, ObjectRef object) {
        return turns.computeIfAbsent(target.name() + "\u0000" + object.database() + "\u0000" + object.table(),
                key -> new Turn());
    }

    private static final class Turn {
        final ReentrantLock lock = new ReentrantLock(true);
        final Queue<Pending<?, ?>> waiting = new ConcurrentLinkedQueue<>();
    }

    /** A commit waiting for its table's turn; its result is set under the turn's lock, read after taking it. */
    private static final class Pending<I, R> {
        final I item;
        final BatchCommit<I, R> batch;
        volatile boolean done;
        R result;
        RuntimeException failure;

        Pending(I item, BatchCommit<I, R> batch) {
            this.item = item;
            this.batch = batch;
        }

        Object group() {
            return batch.groupOf(item);
        }

        void succeed(R value) {
            result = value;
            done = true;
        }

        void fail(RuntimeException error) {
            failure = error;
            done = true;
        }
    }
}
