package io.strait.scheduler.run;

import io.strait.common.job.ObjectRef;
import io.strait.common.region.RegionId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One process's metastore commits of one target table, one at a time. Concurrent partition changes of one table in a
 * metastore contend on its backing database's locks (on Derby they deadlock and wait out its 20 s detection), so the
 * jobs of a table copy in parallel but commit in turn; a commit takes milliseconds, a copy seconds. Across processes
 * {@code scheduler.table-concurrency} bounds how many jobs of a table are in flight at all. Keyed by target region,
 * database and table (never by a bare path).
 */
public final class TableCommits {
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Runs {@code commit} while no other commit of {@code object}'s table in {@code target} runs in this process. */
    public <T> T inTurn(RegionId target, ObjectRef object, Supplier<T> commit) {
        if (object.level() == ObjectRef.Level.DATABASE) {
            return commit.get();
        }
        ReentrantLock lock = locks.computeIfAbsent(target.name() + "\u0000" + object.database() + "\u0000"
                + object.table(), key -> new ReentrantLock(true));
        lock.lock();
        try {
            return commit.get();
        } finally {
            lock.unlock();
        }
    }
}
