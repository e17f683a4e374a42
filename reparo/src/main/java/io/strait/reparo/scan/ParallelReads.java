package io.strait.reparo.scan;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the reads of one table scan on a bounded pool of its own and returns their results in submission order.
 * The first failure cancels the remaining reads and is rethrown; closing the pool stops its threads.
 */
final class ParallelReads<T> implements AutoCloseable {
    /** One read; throws {@link StraitException} on failure. */
    interface Read<T> {
        T read();
    }

    private final RegionId region;
    private final TableRef table;
    private final ExecutorService pool;

    ParallelReads(RegionId region, TableRef table, int parallelism) {
        this.region = region;
        this.table = table;
        this.pool = Executors.newFixedThreadPool(parallelism, threadFactory(region));
    }

    List<T> readAll(List<Read<T>> reads) {
        List<Future<T>> futures = new ArrayList<>();
        reads.forEach(read -> futures.add(pool.submit(read::read)));
        List<T> results = new ArrayList<>();
        try {
            for (Future<T> future : futures) {
                results.add(await(future));
            }
            return results;
        } finally {
            futures.forEach(future -> future.cancel(true));
        }
    }

    private T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StraitException(ErrorCategory.EXTERNAL, "Cannot finish the scan of " + table + " in region "
                    + region + ": interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new StraitException(ErrorCategory.INTERNAL, "Cannot finish the scan of " + table + " in region "
                    + region + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static ThreadFactory threadFactory(RegionId region) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "reparo-scan-" + region + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
