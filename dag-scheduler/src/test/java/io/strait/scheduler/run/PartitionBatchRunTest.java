package io.strait.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.common.config.TableFilter;
import io.strait.common.copy.FileVerification;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransition;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.ForwardingRegionFileSystem;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.PathMapper;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.scheduler.cycle.JobDispatcher;
import io.strait.scheduler.cycle.ReplicationCycle;
import io.strait.scheduler.cycle.RetrySchedule;
import io.strait.scheduler.shard.CopySharder;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.testing.TestingMariaDb;
import io.strait.sync.InProcessCopyExecutor;
import io.strait.sync.MetastoreReplicaPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Partition jobs of one table run in batches ({@code scheduler.partition-batch}), on the real state store: each step
 * is taken once for a batch (one read of the source table, its partitions and their statistics; one
 * {@code add_partitions} in the target), and each job still goes through every state with its own history,
 * verification and publish; one partition that goes wrong leaves the batch and ends on its own.
 */
class PartitionBatchRunTest {
    private static final RegionId A = RegionId.of("a");
    private static final RegionId B = RegionId.of("b");
    private static final TableRef TABLE = TableRef.of("shop", "orders");
    private static final String SOURCE_ROOT = "mem://a/external";
    private static final String TARGET_ROOT = "mem://b/external";
    private static final int PARTITIONS = 20;
    private static final int BATCH = 8;

    private final TestingMariaDb store = TestingMariaDb.create();
    private final JdbcEventLog events = new JdbcEventLog(store.dataSource(), Clock.systemUTC());
    private final JdbcJobStore jobs = new JdbcJobStore(store.dataSource(), Clock.systemUTC());
    private final InMemoryMetastoreGateway sourceMetastore = new InMemoryMetastoreGateway(A);
    private final InMemoryMetastoreGateway targetMetastore = new InMemoryMetastoreGateway(B);
    private final Map<String, AtomicInteger> sourceCalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> targetCalls = new ConcurrentHashMap<>();
    private final InMemoryRegionFileSystem sourceFiles = new InMemoryRegionFileSystem(A);
    private final InMemoryRegionFileSystem targetFiles = new InMemoryRegionFileSystem(B);
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final AtomicInteger failingDropBatches = new AtomicInteger();
    private InProcessCopyExecutor copyExecutor;

    @AfterEach
    void close() {
        workers.shutdownNow();
        if (copyExecutor != null) {
            copyExecutor.close();
        }
        store.close();
    }

    @Test
    void aBurstOfPartitionsIsCopiedInBatchesEachJobThroughEveryStateWithOneSourceReadPerBatch() throws IOException {
        createTableWithPartitions();

        runUntilDrained(cycle(targetFiles));

        List<ReplicationJob> partitionJobs = partitionJobs();
        assertThat(partitionJobs).hasSize(PARTITIONS).allSatisfy(job -> {
            assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(jobs.history(job.id())).extracting(JobTransition::to).containsExactly(JobState.PENDING,
                    JobState.PLANNED, JobState.COPYING, JobState.COPIED, JobState.VERIFIED, JobState.COMMITTED,
                    JobState.SUCCEEDED);
            assertThat(jobs.fileResults(job.id())).extracting(result -> result.verification())
                    .containsExactly(FileVerification.VERIFIED);
        });
        for (int day = 0; day < PARTITIONS; day++) {
            PartitionSnapshot replica = targetMetastore.getPartition(partition(day)).orElseThrow();
            assertThat(replica.location()).contains("/_strait_v");
            assertThat(read(targetFiles, replica.location() + "/part-0")).isEqualTo("rows of " + day(day));
        }
        assertThat(calls(sourceCalls, "getPartition")).as("no partition is read alone").isZero();
        int batches = calls(sourceCalls, "getPartitions");
        assertThat(batches).as("partitions read in batches of at most %s", BATCH)
                .isBetween((PARTITIONS + BATCH - 1) / BATCH, PARTITIONS / 2);
        assertThat(calls(sourceCalls, "getTable")).as("one read of the table per batch, and the table job's")
                .isLessThanOrEqualTo(batches + 1);
        assertThat(calls(sourceCalls, "getPartitionColumnStatistics")).isEqualTo(batches);
        assertThat(calls(targetCalls, "addPartitions")).as("the batches' partitions added together")
                .isLessThanOrEqualTo(batches);
        assertThat(calls(targetCalls, "addPartition")).isZero();
    }

    @Test
    void aPartitionWhoseCopyIsCorruptLeavesItsBatchAndFailsAloneWhileTheOthersArePublished() throws IOException {
        createTableWithPartitions();
        String corrupt = "ds=" + day(5) + "/";

        runUntilDrained(cycle(new ForwardingRegionFileSystem(targetFiles) {
            @Override
            public OutputStream create(String uri) throws IOException {
                OutputStream out = delegate().create(uri);
                return !uri.contains(corrupt) ? out : new java.io.FilterOutputStream(out) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        for (int i = 0; i < length; i++) {
                            out.write(i == 0 ? bytes[offset] ^ 1 : bytes[offset + i]);
                        }
                    }
                };
            }
        }));

        for (ReplicationJob job : partitionJobs()) {
            boolean isCorrupt = job.object().partitionValues().get(0).equals(day(5));
            assertThat(job.state()).as("job %s", job).isEqualTo(isCorrupt ? JobState.FAILED : JobState.SUCCEEDED);
            if (isCorrupt) {
                assertThat(job.lastError()).contains("MISMATCH");
                assertThat(jobs.history(job.id())).extracting(JobTransition::to).contains(JobState.RETRY_WAIT)
                        .doesNotContain(JobState.VERIFIED, JobState.COMMITTED);
            }
        }
        assertThat(targetMetastore.getPartition(partition(5))).as("nothing of the corrupt copy is visible").isEmpty();
        assertThat(targetMetastore.listPartitions(TABLE)).hasSize(PARTITIONS - 1);
    }

    @Test
    void aPartitionDroppedInTheSourceBeforeItsBatchRunsIsSupersededAndTheOthersArePublished() throws IOException {
        createTableWithPartitions();
        sourceMetastore.dropPartition(partition(3));

        runUntilDrained(cycle(targetFiles));

        for (ReplicationJob job : partitionJobs()) {
            boolean dropped = job.object().partitionValues().get(0).equals(day(3));
            assertThat(job.state()).as("job %s", job).isEqualTo(dropped ? JobState.SUPERSEDED : JobState.SUCCEEDED);
        }
        assertThat(targetMetastore.getPartition(partition(3))).isEmpty();
        assertThat(targetMetastore.listPartitions(TABLE)).hasSize(PARTITIONS - 1);
    }

    @Test
    void aStepFailingOutsideAnyOneJobLeavesNoJobOfTheBatchInFlightAndTheRetryPublishesAll() throws IOException {
        createTableWithPartitions();
        AtomicInteger failures = new AtomicInteger();
        io.strait.common.job.JobStore failingOnce = (io.strait.common.job.JobStore) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {io.strait.common.job.JobStore.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("lastReplicatedVersion") && failures.getAndIncrement() == 0) {
                        throw io.strait.common.error.StraitException.external("state store connection lost", null);
                    }
                    try {
                        return method.invoke(jobs, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        runUntilDrained(cycle(targetFiles, failingOnce));

        List<ReplicationJob> partitionJobs = partitionJobs();
        assertThat(partitionJobs).allSatisfy(job -> assertThat(job.state()).isEqualTo(JobState.SUCCEEDED));
        assertThat(partitionJobs).as("the batch that met the failure went to RETRY_WAIT, not stuck in flight")
                .anySatisfy(job -> assertThat(jobs.history(job.id())).extracting(JobTransition::to)
                        .contains(JobState.RETRY_WAIT));
        assertThat(targetMetastore.listPartitions(TABLE)).hasSize(PARTITIONS);
    }

    @Test
    void aBurstOfDropsIsDroppedInBatchesEachJobThroughItsStatesWithOneTargetReadAndDropCallPerBatch()
            throws IOException {
        ReplicationCycle cycle = cycle(targetFiles);
        replicateThenDropAllInTheSource(cycle);
        targetCalls.clear();

        runUntilDrained(cycle);

        List<ReplicationJob> dropJobs = jobsOf(JobKind.DROP_PARTITION);
        assertThat(dropJobs).hasSize(PARTITIONS).allSatisfy(job -> {
            assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(jobs.history(job.id())).extracting(JobTransition::to).containsExactly(JobState.PENDING,
                    JobState.PLANNED, JobState.COMMITTED, JobState.SUCCEEDED);
            assertThat(jobs.history(job.id()).get(2).reason()).startsWith("PUBLISHED dropped partition");
        });
        assertThat(targetMetastore.listPartitions(TABLE)).isEmpty();
        assertThat(calls(targetCalls, "dropPartition")).as("no partition is dropped alone").isZero();
        assertThat(calls(targetCalls, "getPartition")).as("no partition is read alone").isZero();
        int batches = calls(targetCalls, "dropPartitions");
        assertThat(batches).as("%s drops in units of at most %s, whose drops may share a turn", PARTITIONS, BATCH)
                .isBetween(1, (PARTITIONS + BATCH - 1) / BATCH);
        assertThat(calls(targetCalls, "getPartitions")).as("one read of the partitions per batch").isEqualTo(batches);
        assertThat(calls(targetCalls, "getTable")).as("one read of the table per batch").isEqualTo(batches);
    }

    @Test
    void aForeignPartitionInABatchOfDropsIsRefusedAloneWhileTheOthersAreDropped() throws IOException {
        ReplicationCycle cycle = cycle(targetFiles);
        replicateThenDropAllInTheSource(cycle);
        targetMetastore.dropPartition(partition(4));
        targetMetastore.addPartition(new PartitionSnapshot(partition(4), "mem://b/theirs/ds=" + day(4),
                StorageFormat.PARQUET, Map.of()));

        runUntilDrained(cycle);

        for (ReplicationJob job : jobsOf(JobKind.DROP_PARTITION)) {
            boolean foreign = job.object().partitionValues().get(0).equals(day(4));
            assertThat(job.state()).as("job %s", job).isEqualTo(foreign ? JobState.FAILED : JobState.SUCCEEDED);
            if (foreign) {
                assertThat(job.lastError()).contains("was not written by Strait");
                assertThat(jobs.history(job.id())).extracting(JobTransition::to).containsExactly(JobState.PENDING,
                        JobState.PLANNED, JobState.FAILED);
            }
        }
        assertThat(targetMetastore.listPartitions(TABLE)).extracting(PartitionSnapshot::location)
                .containsExactly("mem://b/theirs/ds=" + day(4));
        assertThat(calls(targetCalls, "dropPartition")).isZero();
    }

    @Test
    void aPartitionAlreadyAbsentInTheTargetEndsAsItsDropAloneWouldWhileTheOthersAreDropped() throws IOException {
        ReplicationCycle cycle = cycle(targetFiles);
        replicateThenDropAllInTheSource(cycle);
        targetMetastore.dropPartition(partition(6));

        runUntilDrained(cycle);

        for (ReplicationJob job : jobsOf(JobKind.DROP_PARTITION)) {
            boolean absent = job.object().partitionValues().get(0).equals(day(6));
            assertThat(job.state()).as("job %s", job).isEqualTo(JobState.SUCCEEDED);
            assertThat(jobs.history(job.id()).get(2).reason()).as("job %s", job)
                    .startsWith(absent ? "ALREADY_ABSENT partition " + partition(6) + " is not in region b"
                            : "PUBLISHED dropped partition");
        }
        assertThat(targetMetastore.listPartitions(TABLE)).isEmpty();
    }

    @Test
    void aBatchedDropThatFailsIsDoneAgainJobByJobAndEveryJobSucceeds() throws IOException {
        ReplicationCycle cycle = cycle(targetFiles);
        replicateThenDropAllInTheSource(cycle);
        targetCalls.clear();
        failingDropBatches.set(1);

        runUntilDrained(cycle);

        assertThat(jobsOf(JobKind.DROP_PARTITION)).hasSize(PARTITIONS).allSatisfy(job -> {
            assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(jobs.history(job.id())).extracting(JobTransition::to).containsExactly(JobState.PENDING,
                    JobState.PLANNED, JobState.COMMITTED, JobState.SUCCEEDED);
        });
        assertThat(targetMetastore.listPartitions(TABLE)).isEmpty();
        assertThat(failingDropBatches.get()).as("the failure was met").isZero();
        assertThat(calls(targetCalls, "dropPartition")).as("the failed batch's partitions dropped alone")
                .isBetween(2, BATCH * 2);
    }

    /** Replicates the table's partitions, then drops them all in the source (one event, one drop job each). */
    private void replicateThenDropAllInTheSource(ReplicationCycle cycle) throws IOException {
        TableSnapshot table = createTableWithPartitions();
        runUntilDrained(cycle);
        assertThat(targetMetastore.listPartitions(TABLE)).hasSize(PARTITIONS);
        List<PartitionSnapshot> dropped = sourceMetastore.listPartitions(TABLE);
        dropped.forEach(partition -> sourceMetastore.dropPartition(partition.ref()));
        events.append(new CapturedEvent(A, EventType.DROP_PARTITION, "shop", "orders", 2_000, null,
                EventSnapshot.ofPartitions(table, dropped)));
    }

    private ReplicationCycle cycle(RegionFileSystem targetWrites) {
        return cycle(targetWrites, jobs);
    }

    private ReplicationCycle cycle(RegionFileSystem targetWrites, io.strait.common.job.JobStore runnerStore) {
        copyExecutor = new InProcessCopyExecutor(sourceFiles, targetWrites, 2);
        PathMapper mapper = new PathMapper(A, Map.of("external", SOURCE_ROOT), B, Map.of("external", TARGET_ROOT));
        LinkRuntime link = new LinkRuntime("a-to-b", A, B, TableFilter.all(), counting(sourceMetastore, sourceCalls),
                sourceFiles, targetWrites, mapper, copyExecutor,
                new MetastoreReplicaPublisher(counting(failingDropBatches(targetMetastore), targetCalls), mapper));
        JobRunner runner = new JobRunner(link, runnerStore, new CopySharder(1_000, 2), 2, Clock.systemUTC());
        return new ReplicationCycle(link, events, jobs, new JobDispatcher(jobs, Map.of(link.name(), runner), workers,
                2, 16, BATCH), new RetrySchedule(Duration.ofMillis(50)), 100, Clock.systemUTC());
    }

    /** {@code delegate}, whose batched drops fail (an outside cause) while {@link #failingDropBatches} is positive. */
    private MetastoreGateway failingDropBatches(MetastoreGateway delegate) {
        return (MetastoreGateway) Proxy.newProxyInstance(PartitionBatchRunTest.class.getClassLoader(),
                new Class<?>[] {MetastoreGateway.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("dropPartitions") && failingDropBatches.getAndUpdate(
                            left -> Math.max(0, left - 1)) > 0) {
                        throw io.strait.common.error.StraitException.external("metastore connection lost", null);
                    }
                    try {
                        return method.invoke(delegate, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** {@code delegate}, counting each call by method name (a batch call counts once). */
    private static MetastoreGateway counting(MetastoreGateway delegate, Map<String, AtomicInteger> calls) {
        return (MetastoreGateway) Proxy.newProxyInstance(PartitionBatchRunTest.class.getClassLoader(),
                new Class<?>[] {MetastoreGateway.class}, (proxy, method, arguments) -> {
                    calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(delegate, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static int calls(Map<String, AtomicInteger> calls, String method) {
        return calls.getOrDefault(method, new AtomicInteger()).get();
    }

    private TableSnapshot createTableWithPartitions() throws IOException {
        sourceMetastore.createDatabase(new DatabaseSnapshot("shop", SOURCE_ROOT + "/shop.db", "", Map.of()));
        TableSnapshot table = new TableSnapshot(TABLE, "EXTERNAL_TABLE", SOURCE_ROOT + "/shop.db/orders",
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of("EXTERNAL", "TRUE"), "etl");
        sourceMetastore.createTable(table);
        events.append(new CapturedEvent(A, EventType.CREATE_TABLE, "shop", "orders", 1_000, null,
                EventSnapshot.ofTable(table)));
        List<PartitionSnapshot> added = new ArrayList<>();
        for (int day = 0; day < PARTITIONS; day++) {
            String location = table.location() + "/ds=" + day(day);
            PartitionSnapshot partition = new PartitionSnapshot(partition(day), location, StorageFormat.PARQUET,
                    Map.of());
            sourceMetastore.addPartition(partition);
            sourceFiles.write(location + "/part-0", ("rows of " + day(day)).getBytes(StandardCharsets.UTF_8));
            added.add(partition);
        }
        events.append(new CapturedEvent(A, EventType.ADD_PARTITION, "shop", "orders", 1_001, null,
                EventSnapshot.ofPartitions(table, added)));
        return table;
    }

    private List<ReplicationJob> partitionJobs() {
        return jobsOf(JobKind.SYNC_PARTITION);
    }

    private List<ReplicationJob> jobsOf(JobKind kind) {
        return jobs.findAll(java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList()).stream()
                .filter(job -> job.kind() == kind).toList();
    }

    private static String day(int day) {
        return String.format("2026-01-%02d", day + 1);
    }

    private static PartitionRef partition(int day) {
        return PartitionRef.of(TABLE, List.of(day(day)));
    }

    private void runUntilDrained(ReplicationCycle cycle) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            cycle.runOnce();
            return cycle.isDrained();
        });
    }

    private static String read(RegionFileSystem fileSystem, String uri) throws IOException {
        try (InputStream in = fileSystem.open(uri)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
