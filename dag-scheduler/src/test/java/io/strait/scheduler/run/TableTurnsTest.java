package io.strait.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.job.ObjectRef;
import io.strait.common.region.RegionId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Commits of one target table take turns; other tables, other regions and databases do not wait for them; commits
 * that arrive while a table commits go together in one batch, each with its own result or failure.
 */
class TableTurnsTest {
    private static final RegionId B = RegionId.of("b");
    private final TableTurns commits = new TableTurns();

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

    @Test
    void commitsThatArriveDuringATableCommitGoTogetherEachWithItsOwnResult() throws Exception {
        RecordingBatch batch = new RecordingBatch(Set.of());

        Map<String, String> results = commitWhileTheTurnIsTaken(batch, "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8",
                "p9", "p10");

        results.forEach((item, result) -> assertThat(result).isEqualTo(item + " committed"));
        assertThat(batch.batches).containsExactly(10);
        assertThat(batch.alone).isEmpty();
    }

    @Test
    void aCommitAtAQuietTableGoesAloneAtOnce() {
        RecordingBatch batch = new RecordingBatch(Set.of());

        assertThat(commits.inBatch(B, partition("1"), "p1", batch)).isEqualTo("p1 committed");
        assertThat(batch.batches).isEmpty();
        assertThat(batch.alone).containsExactly("p1");
    }

    @Test
    void aFailedBatchCommitsEachAloneSoOnlyTheBadCommitFails() throws Exception {
        RecordingBatch batch = new RecordingBatch(Set.of("p3"));

        Map<String, String> results = commitWhileTheTurnIsTaken(batch, "p1", "p2", "p3", "p4", "p5");

        assertThat(results).containsEntry("p1", "p1 committed").containsEntry("p2", "p2 committed")
                .containsEntry("p3", "failed: p3 refused").containsEntry("p4", "p4 committed")
                .containsEntry("p5", "p5 committed");
        assertThat(batch.batches).containsExactly(5);
        assertThat(batch.alone).containsExactlyInAnyOrder("p1", "p2", "p3", "p4", "p5");
    }

    /** Many threads, small batches: never two commits of a table at once, every result its caller's, no batch too big. */
    @Test
    void underLoadBatchesNeverOverlapNorExceedTheirSizeAndEveryCallerGetsItsOwnResult() throws Exception {
        TableTurns smallBatches = new TableTurns(4);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Integer> sizes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        TableTurns.BatchCommit<String, String> overlapping = new TableTurns.BatchCommit<>() {
            @Override
            public List<String> commitAll(List<String> items) {
                sizes.add(items.size());
                return enter(() -> items.stream().map(item -> item + " committed").toList());
            }

            @Override
            public String commitOne(String item) {
                sizes.add(1);
                return enter(() -> item + " committed");
            }

            private <T> T enter(java.util.function.Supplier<T> work) {
                mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
                sleepQuietly();
                inside.decrementAndGet();
                return work.get();
            }
        };
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            Map<String, Future<String>> results = new java.util.HashMap<>();
            for (int i = 0; i < 400; i++) {
                String item = "p" + i;
                results.put(item, threads.submit(() -> smallBatches.inBatch(B, partition(item), item, overlapping)));
            }
            for (Map.Entry<String, Future<String>> result : results.entrySet()) {
                assertThat(result.getValue().get(30, TimeUnit.SECONDS)).isEqualTo(result.getKey() + " committed");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(mostAtOnce).hasValue(1);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
        assertThat(sizes).allMatch(size -> size >= 1 && size <= 4).anyMatch(size -> size > 1);
    }

    @Test
    void aCommitNotAdmittedInItsTurnFailsAloneAndStaysOutOfTheBatch() throws Exception {
        List<List<String>> checks = new java.util.concurrent.CopyOnWriteArrayList<>();
        RecordingBatch batch = new RecordingBatch(Set.of()) {
            @Override
            public Map<Integer, RuntimeException> refusals(List<String> items) {
                checks.add(List.copyOf(items));
                return items.indexOf("p2") < 0 ? Map.of()
                        : Map.of(items.indexOf("p2"), new IllegalStateException("p2 lost its lease"));
            }
        };

        Map<String, String> results = commitWhileTheTurnIsTaken(batch, "p1", "p2", "p3");

        assertThat(results).containsEntry("p1", "p1 committed").containsEntry("p2", "failed: p2 lost its lease")
                .containsEntry("p3", "p3 committed");
        assertThat(batch.items).containsExactlyInAnyOrder("p1", "p3");
        assertThat(batch.alone).isEmpty();
        // the waiting commits are checked together, once: one check (one state-store write) for the batch
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0)).containsExactlyInAnyOrder("p1", "p2", "p3");
    }

    @Test
    void aCheckThatFailsFailsEveryCommitItCheckedAndCommitsNone() throws Exception {
        RecordingBatch batch = new RecordingBatch(Set.of()) {
            @Override
            public Map<Integer, RuntimeException> refusals(List<String> items) {
                throw new IllegalStateException("state store unreachable");
            }
        };

        Map<String, String> results = commitWhileTheTurnIsTaken(batch, "p1", "p2");

        assertThat(results).containsEntry("p1", "failed: state store unreachable")
                .containsEntry("p2", "failed: state store unreachable");
        assertThat(batch.items).isEmpty();
        assertThat(batch.alone).isEmpty();
    }

    @Test
    void commitsOfDifferentGroupsNeverShareABatch() throws Exception {
        RecordingBatch first = new RecordingBatch(Set.of());
        RecordingBatch second = new RecordingBatch(Set.of());
        Map<String, TableTurns.BatchCommit<String, String>> items = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            items.put("p" + i, i % 2 == 0 ? first : second);
        }

        Map<String, String> results = commitWhileTheTurnIsTaken(items);

        results.forEach((item, result) -> assertThat(result).isEqualTo(item + " committed"));
        assertThat(first.batches).containsExactly(3);
        assertThat(second.batches).containsExactly(3);
        assertThat(first.items).containsExactlyInAnyOrder("p2", "p4", "p6");
    }

    private Map<String, String> commitWhileTheTurnIsTaken(RecordingBatch batch, String... items) throws Exception {
        Map<String, TableTurns.BatchCommit<String, String>> all = new java.util.LinkedHashMap<>();
        for (String item : items) {
            all.put(item, batch);
        }
        return commitWhileTheTurnIsTaken(all);
    }

    /**
     * Holds the table's turn with another commit, lets every item (each from a thread of its own) queue for it, then
     * gives the turn back; each item's result, or "failed: " and its failure's message.
     */
    private Map<String, String> commitWhileTheTurnIsTaken(Map<String, TableTurns.BatchCommit<String, String>> items)
            throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(items.size() + 1);
        try {
            Future<Object> busy = threads.submit(() -> commits.inTurn(B, partition("0"), () -> {
                holding.countDown();
                awaitQuietly(release);
                return null;
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            Map<String, Future<String>> pending = new java.util.LinkedHashMap<>();
            items.forEach((item, batch) -> pending.put(item, threads.submit(() -> commits.inBatch(B, partition(item),
                    item, batch))));
            awaitWaiting(items.size());
            release.countDown();
            busy.get(10, TimeUnit.SECONDS);
            Map<String, String> results = new java.util.TreeMap<>();
            for (Map.Entry<String, Future<String>> result : pending.entrySet()) {
                try {
                    results.put(result.getKey(), result.getValue().get(10, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    results.put(result.getKey(), "failed: " + e.getCause().getMessage());
                }
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private void awaitWaiting(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commits.waiting(B, partition("0")) < count) {
            assertThat(System.nanoTime()).as("%d commits waiting for the table's turn", count).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static ObjectRef partition(String value) {
        return new ObjectRef("sales", "orders", List.of(value));
    }

    /** Records batch sizes and items committed alone; refuses the items it is told to (alone or in a batch). */
    private static class RecordingBatch implements TableTurns.BatchCommit<String, String> {
        final List<Integer> batches = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        final List<String> alone = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        final List<String> items = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        private final Set<String> refused;

        RecordingBatch(Set<String> refused) {
            this.refused = refused;
        }

        @Override
        public List<String> commitAll(List<String> batch) {
            batches.add(batch.size());
            items.addAll(batch);
            batch.stream().filter(refused::contains).findFirst().ifPresent(bad -> {
                throw new IllegalStateException(bad + " refused");
            });
            return batch.stream().map(item -> item + " committed").toList();
        }

        @Override
        public String commitOne(String item) {
            alone.add(item);
            if (refused.contains(item)) {
                throw new IllegalStateException(item + " refused");
            }
            return item + " committed";
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
