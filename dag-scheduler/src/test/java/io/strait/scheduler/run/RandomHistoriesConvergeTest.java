package io.strait.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.strait.common.config.TableFilter;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.event.InMemoryEventLog;
import io.strait.common.job.InMemoryJobStore;
import io.strait.common.job.JobDeadlines;
import io.strait.common.job.JobState;
import io.strait.common.job.JobStore;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.StraitParameters;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.FileEntry;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.PathMapper;
import io.strait.common.region.RegionId;
import io.strait.common.retry.RetryPolicy;
import io.strait.scheduler.cycle.JobDispatcher;
import io.strait.scheduler.cycle.ReplicationCycle;
import io.strait.scheduler.cycle.RetrySchedule;
import io.strait.scheduler.shard.CopySharder;
import io.strait.sync.InProcessCopyExecutor;
import io.strait.sync.MetastoreReplicaPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The scheduler's rules on the in-memory twins, over thousands of random histories: random create, alter, insert and
 * drop events on a few tables and partitions, interleaved with replication cycles, and a process that dies at a
 * random point (a state-store write or a target metastore change, before or after it took effect) whose jobs a
 * second process takes over when their lease expires; partition jobs of a table run alone or in batches of 2 or 3
 * ({@code scheduler.partition-batch}). After draining: the target's tables, partitions, partition
 * parameters and files equal the source's; no partition was published twice for one source version; every job
 * ended SUCCEEDED or SUPERSEDED.
 */
class RandomHistoriesConvergeTest {
    private static final RegionId A = RegionId.of("a");
    private static final RegionId B = RegionId.of("b");
    private static final String SOURCE_ROOT = "mem://a/external";
    private static final String TARGET_ROOT = "mem://b/external";
    private static final String LINK = "a-to-b";
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final List<String> TABLES = List.of("t1", "t2");
    private static final List<String> DAYS = List.of("d1", "d2", "d3");

    /** A process dying: thrown through everything, like a SIGKILL through the JVM. */
    private static final class ProcessCrash extends Error {
        ProcessCrash(String where) {
            super("process crashed at " + where, null, false, false);
        }
    }

    /** One step of a history: a change in the source, or a replication cycle. */
    private record Step(int kind, int table, int day) {
        @Override
        public String toString() {
            String[] names = {"create", "add", "insert", "alter", "dropPartition", "dropTable", "cycle", "cycle"};
            return names[kind] + "(" + TABLES.get(table) + "/" + DAYS.get(day) + ")";
        }
    }

    private static ch.qos.logback.classic.Level savedLevel;

    /** Thousands of histories: their per-job INFO lines would bury the report of a falsified one. */
    @org.junit.jupiter.api.BeforeAll
    static void quiet() {
        ch.qos.logback.classic.Logger strait = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("io.strait");
        savedLevel = strait.getLevel();
        strait.setLevel(ch.qos.logback.classic.Level.ERROR);
    }

    @org.junit.jupiter.api.AfterAll
    static void restore() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.strait")).setLevel(savedLevel);
    }

    @Test
    void randomHistoriesWithACrashConvergeAndPublishEachVersionOnce() {
        Gen<List<Step>> histories = lists().of(integers().between(0, 7).zip(integers().between(0, 1),
                integers().between(0, 2), Step::new)).ofSizeBetween(1, 30);
        qt().withExamples(1_500).withShrinkCycles(200).forAll(histories, integers().between(0, 60),
                integers().between(0, 1), integers().between(1, 3)).checkAssert((history, crashAt, crashAfterWrite,
                        partitionBatch) -> new Run(crashAt, crashAfterWrite == 1, partitionBatch).replay(history));
    }

    /** One history replayed from scratch. */
    private static final class Run {
        private final MutableClock clock = new MutableClock();
        private final InMemoryMetastoreGateway source = new InMemoryMetastoreGateway(A);
        private final InMemoryMetastoreGateway target = new InMemoryMetastoreGateway(B);
        private final InMemoryRegionFileSystem sourceFiles = new InMemoryRegionFileSystem(A);
        private final InMemoryRegionFileSystem targetFiles = new InMemoryRegionFileSystem(B);
        private final InMemoryEventLog events = new InMemoryEventLog();
        private final InMemoryJobStore firstProcess = InMemoryJobStore.create(clock, LEASE, JobDeadlines.DEFAULT,
                "process-1");
        private final AtomicInteger writes = new AtomicInteger();
        private final int crashAt;
        private final boolean crashAfterWrite;
        private final int partitionBatch;
        private final Map<Map.Entry<PartitionRef, Long>, Integer> publishes = new HashMap<>();
        private final List<InProcessCopyExecutor> executors = new ArrayList<>();
        private int fileCounter;
        private boolean crashed;
        private ReplicationCycle cycle;

        Run(int crashAt, boolean crashAfterWrite, int partitionBatch) {
            this.partitionBatch = partitionBatch;
            this.crashAt = crashAt;
            this.crashAfterWrite = crashAfterWrite;
        }

        void replay(List<Step> history) {
            try {
                cycle = process(firstProcess, true);
                for (Step step : history) {
                    apply(step);
                }
                drain();
                assertConverged(history);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } finally {
                executors.forEach(InProcessCopyExecutor::close);
            }
        }

        private void apply(Step step) throws IOException {
            TableRef table = TableRef.of("shop", TABLES.get(step.table()));
            PartitionRef partition = PartitionRef.of(table, List.of(DAYS.get(step.day())));
            Optional<TableSnapshot> existing = source.getTable(table);
            switch (step.kind()) {
                case 0 -> {
                    if (existing.isEmpty()) {
                        createTable(table);
                    }
                }
                case 1 -> {
                    if (existing.isPresent() && source.getPartition(partition).isEmpty()) {
                        String location = existing.get().location() + "/ds=" + partition.values().get(0)
                                + "/v" + (++fileCounter);
                        writeFile(location);
                        source.addPartition(new PartitionSnapshot(partition, location, StorageFormat.PARQUET,
                                Map.of()));
                        event(EventType.ADD_PARTITION, existing.get(), partition);
                    }
                }
                case 2 -> {
                    if (existing.isPresent() && source.getPartition(partition).isPresent()) {
                        writeFile(source.getPartition(partition).orElseThrow().location());
                        event(EventType.INSERT, existing.get(), partition);
                    }
                }
                case 3 -> {
                    Optional<PartitionSnapshot> current = source.getPartition(partition);
                    if (existing.isPresent() && current.isPresent()) {
                        source.alterPartition(new PartitionSnapshot(partition, current.get().location(),
                                StorageFormat.PARQUET, Map.of("owner-note", "v" + (++fileCounter))));
                        event(EventType.ALTER_PARTITION, existing.get(), partition);
                    }
                }
                case 4 -> {
                    Optional<PartitionSnapshot> current = source.getPartition(partition);
                    if (existing.isPresent() && current.isPresent()) {
                        source.dropPartition(partition);
                        events.append(new CapturedEvent(A, EventType.DROP_PARTITION, "shop", table.table(),
                                clock.millis(), null, EventSnapshot.ofPartitions(existing.get(),
                                        List.of(current.get()))));
                    }
                }
                case 5 -> {
                    if (existing.isPresent()) {
                        source.dropTable(table);
                        events.append(new CapturedEvent(A, EventType.DROP_TABLE, "shop", table.table(),
                                clock.millis(), null, EventSnapshot.ofTable(existing.get())));
                    }
                }
                default -> runCycle();
            }
        }

        private void createTable(TableRef table) {
            if (source.getDatabase("shop").isEmpty()) {
                DatabaseSnapshot database = new DatabaseSnapshot("shop", SOURCE_ROOT + "/shop.db", "", Map.of());
                source.createDatabase(database);
                events.append(new CapturedEvent(A, EventType.CREATE_DATABASE, "shop", "", clock.millis(), null,
                        EventSnapshot.ofDatabase(database)));
            }
            TableSnapshot snapshot = new TableSnapshot(table, "EXTERNAL_TABLE",
                    SOURCE_ROOT + "/shop.db/" + table.table() + "/g" + (++fileCounter),
                    List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")),
                    StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"), "etl");
            source.createTable(snapshot);
            events.append(new CapturedEvent(A, EventType.CREATE_TABLE, "shop", table.table(), clock.millis(), null,
                    EventSnapshot.ofTable(snapshot)));
        }

        private void writeFile(String directory) throws IOException {
            int number = ++fileCounter;
            sourceFiles.write(directory + "/part-" + number, ("row " + number).getBytes(StandardCharsets.UTF_8));
        }

        private void event(EventType type, TableSnapshot table, PartitionRef partition) {
            events.append(new CapturedEvent(A, type, "shop", table.ref().table(), clock.millis(), null,
                    EventSnapshot.ofPartitions(table, List.of(source.getPartition(partition).orElseThrow()))));
        }

        private void runCycle() {
            clock.advance(Duration.ofMillis(10));
            try {
                cycle.runOnce();
            } catch (ProcessCrash crash) {
                crashed = true;
                // the first process is gone; its leases expire and a second process takes over
                clock.advance(LEASE.plusSeconds(1));
                cycle = process(firstProcess.process("process-2"), false);
            }
        }

        private void drain() {
            for (int round = 0; round < 500; round++) {
                runCycle();
                if (cycle.isDrained()) {
                    return;
                }
            }
            throw new AssertionError("not drained after 500 cycles");
        }

        /** A process: its view of the job store, runner, dispatcher and cycle; the first one may crash. */
        private ReplicationCycle process(InMemoryJobStore view, boolean mayCrash) {
            JobStore store = mayCrash ? crashing(view, JobStore.class, "transition", "transitions",
                    "transitionsTogether", "savePlanAndMove", "recordCopyResultsAndMove", "savePlansAndMove",
                    "recordCopyResultsAndMoveTogether") : view;
            MetastoreGateway targetGateway = counting(mayCrash ? crashing(target, MetastoreGateway.class,
                    "createDatabase", "createTable", "alterTable", "dropTable", "addPartition", "alterPartition",
                    "dropPartition") : target);
            InProcessCopyExecutor copyExecutor = new InProcessCopyExecutor(sourceFiles, targetFiles, 1);
            executors.add(copyExecutor);
            PathMapper mapper = new PathMapper(A, Map.of("external", SOURCE_ROOT), B,
                    Map.of("external", TARGET_ROOT));
            LinkRuntime link = new LinkRuntime(LINK, A, B, TableFilter.all(), source, sourceFiles, targetFiles,
                    mapper, copyExecutor, new MetastoreReplicaPublisher(targetGateway, mapper));
            JobRunner runner = new JobRunner(link, store, new CopySharder(1_000,
                    2), 3, clock, RetryPolicy.none());
            JobDispatcher dispatcher = new JobDispatcher(store, Map.of(LINK, runner), new DirectExecutor(), 2, 4,
                    partitionBatch);
            return new ReplicationCycle(link, events, store, dispatcher, new RetrySchedule(Duration.ofMillis(1)),
                    5, clock);
        }

        /** {@code delegate}, except that the {@code crashAt}-th call to one of {@code methods} kills the process. */
        @SuppressWarnings("unchecked")
        private <T> T crashing(T delegate, Class<T> type, String... methods) {
            Set<String> watched = Set.of(methods);
            return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                    (proxy, method, arguments) -> {
                        boolean dies = watched.contains(method.getName()) && !crashed
                                && writes.incrementAndGet() == crashAt;
                        if (dies && !crashAfterWrite) {
                            throw new ProcessCrash("before " + method.getName());
                        }
                        Object result = invoke(proxy, delegate, method, arguments);
                        if (dies) {
                            throw new ProcessCrash("after " + method.getName());
                        }
                        return result;
                    });
        }

        /** Counts the partition publishes that took effect, by partition and source version. */
        private MetastoreGateway counting(MetastoreGateway delegate) {
            return (MetastoreGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {MetastoreGateway.class}, (proxy, method, arguments) -> {
                        Object result = invoke(proxy, delegate, method, arguments);
                        // a batch (addPartitions, alterPartitions) reaches here as one call per partition: the
                        // in-memory metastore leaves them to the interface's composition, run through this proxy
                        if (method.getName().equals("addPartition") || method.getName().equals("alterPartition")) {
                            PartitionSnapshot published = (PartitionSnapshot) arguments[0];
                            publishes.merge(new AbstractMap.SimpleEntry<>(published.ref(),
                                    StraitParameters.sourceEventId(published.parameters())), 1, Integer::sum);
                        }
                        return result;
                    });
        }

        private void assertConverged(List<Step> history) {
            String context = "history " + history + ", crash at write " + crashAt + (crashAfterWrite ? " (after)"
                    : " (before)") + (crashed ? "" : " (no crash)");
            List<ReplicationJob> jobs = firstProcess.findAll(java.util.stream.LongStream.rangeClosed(1, 10_000)
                    .boxed().toList());
            assertThat(jobs).as(context).allSatisfy(job -> assertThat(job.state())
                    .as("job %s: %s", job, firstProcess.history(job.id()))
                    .isIn(JobState.SUCCEEDED, JobState.SUPERSEDED));
            assertThat(publishes).as(context + ": publishes by partition and source event").allSatisfy(
                    (version, count) -> assertThat(count).as("%s published", version).isEqualTo(1));
            for (String tableName : TABLES) {
                TableRef table = TableRef.of("shop", tableName);
                assertThat(target.getTable(table).isPresent()).as(context + ": " + table + " exists")
                        .isEqualTo(source.getTable(table).isPresent());
                if (source.getTable(table).isEmpty()) {
                    continue;
                }
                Map<String, PartitionSnapshot> sourcePartitions = byValues(source.listPartitions(table));
                Map<String, PartitionSnapshot> targetPartitions = byValues(target.listPartitions(table));
                assertThat(targetPartitions.keySet()).as(context + ": partitions of " + table)
                        .isEqualTo(sourcePartitions.keySet());
                sourcePartitions.forEach((values, sourcePartition) -> {
                    PartitionSnapshot replica = targetPartitions.get(values);
                    assertThat(replica.parameters()).as(context + ": parameters of " + replica.ref())
                            .containsAllEntriesOf(sourcePartition.parameters());
                    assertThat(files(targetFiles, replica.location())).as(context + ": files of " + replica.ref())
                            .isEqualTo(files(sourceFiles, sourcePartition.location()));
                });
            }
        }

        private static Map<String, PartitionSnapshot> byValues(List<PartitionSnapshot> partitions) {
            return partitions.stream().collect(Collectors.toMap(partition -> String.join("/", partition.ref().values()),
                    partition -> partition, (left, right) -> left, TreeMap::new));
        }

        private static Map<String, String> files(InMemoryRegionFileSystem files, String directory) {
            Map<String, String> contents = new TreeMap<>();
            try {
                for (FileEntry file : files.listFiles(directory)) {
                    try (InputStream in = files.open(directory + "/" + file.relativePath())) {
                        contents.put(file.relativePath(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return contents;
        }
    }

    private static Object invoke(Object proxy, Object delegate, java.lang.reflect.Method method, Object[] arguments)
            throws Throwable {
        if (method.isDefault() && !overrides(delegate, method)) {
            // the interface's own composition (e.g. a batch as one call per partition) through the proxy, so that
            // every call it makes is watched as the delegate's own would be
            return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, arguments);
        }
        try {
            return method.invoke(delegate, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean overrides(Object delegate, java.lang.reflect.Method method) {
        try {
            return delegate.getClass().getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass()
                    != method.getDeclaringClass();
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Runs every task in the caller's thread: a history replays deterministically. */
    private static final class DirectExecutor extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        void advance(Duration duration) {
            millis.addAndGet(duration.toMillis());
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }
    }
}
