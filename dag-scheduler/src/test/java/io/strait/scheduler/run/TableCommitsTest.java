package io.strait.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.job.ObjectRef;
import io.strait.common.region.RegionId;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Commits of one target table take turns; other tables, other regions and databases do not wait for them. */
class TableCommitsTest {
    private static final RegionId B = RegionId.of("b");
    private final TableCommits commits = new TableCommits();

    @Test
    void commitsOfOneTableNeverOverlap() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                ObjectRef partition = new ObjectRef("sales", "orders", List.of("p" + i));
                done.add(threads.submit(() -> commits.inTurn(B, partition, () -> {
                    mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    sleepQuietly(); // long enough for the other threads to try to enter
                    return inside.decrementAndGet();
                })));
            }
            for (Future<Integer> future : done) {
                future.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(mostAtOnce).hasValue(1);
    }

    @Test
    void anotherTableOrRegionCommitsWhileOneTableIsBusy() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Object> busy = thread.submit(() -> commits.inTurn(B, ObjectRef.partition(
                    io.strait.common.metastore.PartitionRef.of(io.strait.common.metastore.TableRef.of("sales",
                            "orders"), List.of("1"))), () -> {
                holding.countDown();
                awaitQuietly(release);
                return null;
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(commits.inTurn(B, new ObjectRef("sales", "returns", List.of("1")), () -> "other table"))
                    .isEqualTo("other table");
            assertThat(commits.inTurn(RegionId.of("c"), new ObjectRef("sales", "orders", List.of("1")),
                    () -> "other region")).isEqualTo("other region");
            assertThat(commits.inTurn(B, ObjectRef.database("sales"), () -> "database")).isEqualTo("database");
            release.countDown();
            busy.get(10, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
