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
import io.strait.common.job.JobOrigin;
import io.strait.common.job.JobTransition;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
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
import io.strait.sql.watermark.JdbcTableWatermarks;
import io.strait.sync.InProcessCopyExecutor;
import io.strait.sync.MetastoreReplicaPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's cycle and job runner on the real state store (MariaDB) and the real data plane (sync-engine)
 * over in-memory regions: the job state machine end to end, its audit trail, and "nothing is published unless
 * every file is verified".
 */
class JobRunnerTest {
    private static final RegionId A = RegionId.of("a");
    private static final RegionId B = RegionId.of("b");
    private static final TableRef TABLE = TableRef.of("shop", "orders");
    private static final String SOURCE_ROOT = "mem://a/external";
    private static final String TARGET_ROOT = "mem://b/external";

    private final TestingMariaDb store = TestingMariaDb.create();
    private final JdbcEventLog events = new JdbcEventLog(store.dataSource(), Clock.systemUTC());
    private final JdbcJobStore jobs = new JdbcJobStore(store.dataSource(), Clock.systemUTC());
    private final JdbcTableWatermarks watermarks = new JdbcTableWatermarks(store.dataSource());
    private final InMemoryMetastoreGateway sourceMetastore = new InMemoryMetastoreGateway(A);
    private final InMemoryMetastoreGateway targetMetastore = new InMemoryMetastoreGateway(B);
    private final InMemoryRegionFileSystem sourceFiles = new InMemoryRegionFileSystem(A);
    private final InMemoryRegionFileSystem targetFiles = new InMemoryRegionFileSystem(B);
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private InProcessCopyExecutor copyExecutor;
    private final List<InProcessCopyExecutor> extraExecutors = new java.util.ArrayList<>();

    @AfterEach
    void close() {
        workers.shutdownNow();
        if (copyExecutor != null) {
            copyExecutor.close();
        }
        extraExecutors.forEach(InProcessCopyExecutor::close);
        store.close();
    }

    private ReplicationCycle cycle(RegionFileSystem targetWrites) {
        return cycle(sourceFiles, targetWrites);
    }

    private ReplicationCycle cycle(RegionFileSystem sourceReads, RegionFileSystem targetWrites) {
        copyExecutor = new InProcessCopyExecutor(sourceReads, targetWrites, 2);
        PathMapper mapper = new PathMapper(A, Map.of("external", SOURCE_ROOT), B, Map.of("external", TARGET_ROOT));
        LinkRuntime link = new LinkRuntime("a-to-b", A, B, TableFilter.all(), sourceMetastore, sourceReads,
                targetWrites, mapper, copyExecutor, new MetastoreReplicaPublisher(targetMetastore, mapper));
        JobRunner runner = new JobRunner(link, jobs, new CopySharder(1_000, 2), 2, Clock.systemUTC());
        return new ReplicationCycle(link, events, jobs, new JobDispatcher(jobs, Map.of(link.name(), runner), workers, 2, 4),
                new RetrySchedule(Duration.ofMillis(50)),
                100, Clock.systemUTC());
    }

    /** A cycle whose target metastore is {@code target} (e.g. one that loses answers). */
    private ReplicationCycle cycleWithTargetMetastore(io.strait.common.metastore.MetastoreGateway target) {
        copyExecutor = new InProcessCopyExecutor(sourceFiles, targetFiles, 2);
        PathMapper mapper = new PathMapper(A, Map.of("external", SOURCE_ROOT), B, Map.of("external", TARGET_ROOT));
        LinkRuntime link = new LinkRuntime("a-to-b", A, B, TableFilter.all(), sourceMetastore, sourceFiles,
                targetFiles, mapper, copyExecutor, new MetastoreReplicaPublisher(target, mapper));
        JobRunner runner = new JobRunner(link, jobs, new CopySharder(1_000, 2), 2, Clock.systemUTC(),
                new io.strait.common.retry.RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20)).jittered());
        return new ReplicationCycle(link, events, jobs, new JobDispatcher(jobs, Map.of(link.name(), runner), workers,
                2, 4), new RetrySchedule(Duration.ofMillis(50)), 100, Clock.systemUTC());
    }

    /**
     * The target metastore, except that the first {@code addPartition} call (and the first {@code alterPartition}
     * call) is carried out and then answered with a lost connection: the outcome is unknown to the caller.
     */
    private io.strait.common.metastore.MetastoreGateway losingFirstAnswers(java.util.concurrent.atomic.AtomicInteger lost) {
        java.util.Set<String> lostOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return (io.strait.common.metastore.MetastoreGateway) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {io.strait.common.metastore.MetastoreGateway.class},
                (proxy, method, arguments) -> {
                    if (method.isDefault()) {
                        // a batch as one call per partition, through this proxy: each call may lose its answer
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, arguments);
                    }
                    Object result;
                    try {
                        result = method.invoke(targetMetastore, arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if ((method.getName().equals("addPartition") || method.getName().equals("alterPartition"))
                            && lostOnce.add(method.getName())) {
                        lost.incrementAndGet();
                        throw io.strait.common.error.StraitException.external("Cannot " + method.getName()
                                + " in the metastore of region b: TTransportException: connection reset (the call"
                                + " was sent)", null);
                    }
                    return result;
                });
    }

    @Test
    void aCommitWhoseAnswerIsLostIsRecognisedAsDoneAndNothingIsCopiedTwice() throws IOException {
        createSourceTableWithPartition("2026-01-01", "alpha", "beta");
        java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();
        ReplicationCycle cycle = cycleWithTargetMetastore(losingFirstAnswers(lost));

        runUntilDrained(cycle);

        assertThat(lost).as("the fault was injected").hasValue(1);
        ReplicationJob job = jobs.find(2).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.attempts()).as("one attempt: the commit was not redone into a new folder").isEqualTo(1);
        assertThat(jobs.history(2)).extracting(JobTransition::to).containsExactly(JobState.PENDING, JobState.PLANNED,
                JobState.COPYING, JobState.COPIED, JobState.VERIFIED, JobState.COMMITTED, JobState.SUCCEEDED);
        assertThat(jobs.history(2)).filteredOn(transition -> transition.to() == JobState.COMMITTED).singleElement()
                .extracting(JobTransition::reason).asString()
                .contains("already shows this publish", "1 commit attempt(s) with an unknown outcome",
                        "connection reset");
        PartitionSnapshot replica = targetMetastore.getPartition(PartitionRef.of(TABLE, List.of("2026-01-01")))
                .orElseThrow();
        assertThat(replica.location()).endsWith("/_strait_v2_1");
        assertThat(targetFiles.listFiles(TARGET_ROOT + "/shop.db/orders/ds=2026-01-01"))
                .extracting(entry -> entry.relativePath().substring(0, entry.relativePath().indexOf('/')))
                .as("one version folder: the files were copied once").containsOnly("_strait_v2_1");
    }

    /** Renames the source table {@code orders} to {@code renamedTo} and records the rename's ALTER_TABLE event. */
    private TableSnapshot renameSourceTable(TableSnapshot table, TableRef renamedTo) {
        TableSnapshot renamed = new TableSnapshot(renamedTo, table.tableType(), table.location(), table.columns(),
                table.partitionKeys(), table.storage(), table.parameters(), table.owner(), table.view());
        sourceMetastore.renameTable(table.ref(), renamed);
        events.append(new CapturedEvent(A, EventType.ALTER_TABLE, renamedTo.database(), renamedTo.table(), 3_000,
                null, new EventSnapshot(null, renamed, sourceMetastore.listPartitions(renamedTo), table, List.of(),
                        List.of())));
        return renamed;
    }

    @Test
    void aRenameRenamesTheReplicaInPlaceAndCopiesNothingAgain() throws IOException {
        TableSnapshot table = createSourceTableWithPartition("2026-01-01", "alpha", "beta");
        ReplicationCycle cycle = cycle(targetFiles);
        runUntilDrained(cycle);
        TableRef renamedTo = TableRef.of("shop", "orders_v2");
        renameSourceTable(table, renamedTo);

        runUntilDrained(cycle);

        ReplicationJob rename = jobs.find(3).orElseThrow();
        assertThat(rename.kind()).isEqualTo(JobKind.RENAME_TABLE);
        assertThat(rename.renamedFrom()).isEqualTo(TABLE);
        assertThat(rename.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(jobs.history(3)).extracting(JobTransition::to).containsExactly(JobState.PENDING, JobState.PLANNED,
                JobState.COMMITTED, JobState.SUCCEEDED);
        assertThat(jobs.fileResults(3)).as("nothing copied").isEmpty();
        assertThat(jobs.find(4)).as("no other job").isEmpty();
        assertThat(targetMetastore.getTable(TABLE)).isEmpty();
        assertThat(targetMetastore.getPartition(PartitionRef.of(renamedTo, List.of("2026-01-01"))).orElseThrow()
                .location()).isEqualTo(TARGET_ROOT + "/shop.db/orders/ds=2026-01-01/_strait_v2_1");
        assertThat(targetFiles.listFiles(TARGET_ROOT + "/shop.db"))
                .extracting(entry -> entry.relativePath().substring(0, entry.relativePath().lastIndexOf('/')))
                .as("the one version folder written before the rename").containsOnly(
                        "orders/ds=2026-01-01/_strait_v2_1");
    }

    @Test
    void aRenameOfATableNeverReplicatedSyncsItUnderItsNewName() throws IOException {
        TableSnapshot table = createSourceTableWithPartition("2026-01-01", "alpha");
        ReplicationCycle cycle = cycle(targetFiles);
        TableRef renamedTo = TableRef.of("shop", "orders_v2");
        renameSourceTable(table, renamedTo);
        // only the rename is replicated: the link did not see the table before
        jobs.createJobs("a-to-b", 0, 2, List.of());

        runUntilDrained(cycle);

        ReplicationJob rename = jobs.find(1).orElseThrow();
        assertThat(rename.kind()).isEqualTo(JobKind.RENAME_TABLE);
        assertThat(rename.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(jobs.history(1)).filteredOn(transition -> transition.to() == JobState.COMMITTED).singleElement()
                .extracting(JobTransition::reason).asString().contains("ALREADY_ABSENT", "synced under the new name");
        assertThat(targetMetastore.getTable(TABLE)).isEmpty();
        PartitionSnapshot replica = targetMetastore.getPartition(PartitionRef.of(renamedTo, List.of("2026-01-01")))
                .orElseThrow();
        assertThat(replica.location()).contains("/_strait_v");
        assertThat(read(targetFiles, replica.location() + "/part-0")).isEqualTo("alpha");
    }

    private TableSnapshot createSourceTableWithPartition(String day, String... contents) throws IOException {
        sourceMetastore.createDatabase(new DatabaseSnapshot("shop", SOURCE_ROOT + "/shop.db", "", Map.of()));
        TableSnapshot table = new TableSnapshot(TABLE, "EXTERNAL_TABLE", SOURCE_ROOT + "/shop.db/orders",
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of("EXTERNAL", "TRUE"), "etl");
        sourceMetastore.createTable(table);
        String location = table.location() + "/ds=" + day;
        sourceMetastore.addPartition(new PartitionSnapshot(PartitionRef.of(TABLE, List.of(day)), location,
                StorageFormat.PARQUET, Map.of()));
        for (int i = 0; i < contents.length; i++) {
            sourceFiles.write(location + "/part-" + i, contents[i].getBytes(StandardCharsets.UTF_8));
        }
        events.append(new CapturedEvent(A, EventType.CREATE_TABLE, "shop", "orders", 1_000, null,
                EventSnapshot.ofTable(table)));
        events.append(new CapturedEvent(A, EventType.ADD_PARTITION, "shop", "orders", 1_001, null,
                EventSnapshot.ofPartitions(table, sourceMetastore.listPartitions(TABLE))));
        return table;
    }

    private void runUntilDrained(ReplicationCycle cycle) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            cycle.runOnce();
            return cycle.isDrained();
        });
    }

    @Test
    void aPartitionIsCopiedVerifiedAndPublishedThroughEveryStateWithAnAuditRowPerStep() throws IOException {
        createSourceTableWithPartition("2026-01-01", "alpha", "beta", "gamma");
        ReplicationCycle cycle = cycle(targetFiles);

        runUntilDrained(cycle);

        PartitionSnapshot replica = targetMetastore.getPartition(PartitionRef.of(TABLE, List.of("2026-01-01")))
                .orElseThrow();
        assertThat(replica.location()).startsWith(TARGET_ROOT + "/shop.db/orders/ds=2026-01-01/_strait_v");
        assertThat(targetFiles.listFiles(replica.location())).extracting(entry -> entry.relativePath())
                .containsExactly("part-0", "part-1", "part-2");
        assertThat(read(targetFiles, replica.location() + "/part-1")).isEqualTo("beta");
        ReplicationJob partitionJob = jobs.find(2).orElseThrow();
        assertThat(partitionJob.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(jobs.history(2)).extracting(JobTransition::to).containsExactly(JobState.PENDING, JobState.PLANNED,
                JobState.COPYING, JobState.COPIED, JobState.VERIFIED, JobState.COMMITTED, JobState.SUCCEEDED);
        assertThat(jobs.fileResults(2)).extracting(result -> result.verification())
                .containsOnly(FileVerification.VERIFIED).hasSize(3);
        assertThat(jobs.history(1)).extracting(JobTransition::to).containsExactly(JobState.PENDING, JobState.PLANNED,
                JobState.COMMITTED, JobState.SUCCEEDED);
        assertThat(watermarks.watermark("a-to-b", TABLE).orElseThrow().lastSourceEventId())
                .as("the table's freshness is the newest event applied").isEqualTo(2);
    }

    @Test
    void corruptedWritesAreMismatchesAreRetriedInFreshFoldersAndNothingIsPublished() throws IOException {
        createSourceTableWithPartition("2026-01-01", "alpha", "beta");
        ReplicationCycle cycle = cycle(new CorruptingWrites(targetFiles));

        runUntilDrained(cycle);

        ReplicationJob job = jobs.find(2).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.attempts()).isEqualTo(2);
        assertThat(job.lastError()).contains("MISMATCH");
        assertThat(jobs.history(2)).extracting(JobTransition::to).contains(JobState.RETRY_WAIT)
                .doesNotContain(JobState.VERIFIED, JobState.COMMITTED);
        assertThat(jobs.fileResults(2)).extracting(result -> result.verification())
                .containsOnly(FileVerification.MISMATCH);
        assertThat(targetMetastore.getPartition(PartitionRef.of(TABLE, List.of("2026-01-01")))).isEmpty();
        assertThat(targetFiles.listFiles(TARGET_ROOT + "/shop.db/orders/ds=2026-01-01"))
                .extracting(entry -> entry.relativePath().substring(0, entry.relativePath().indexOf('/')))
                .containsOnly("_strait_v2_1", "_strait_v2_2");
    }

    @Test
    void aSourceFileOverwrittenWhileTheFirstAttemptCopiesItIsNotPublishedAndTheRetryPublishesTheNewVersion()
            throws IOException {
        createSourceTableWithPartition("2026-01-01", "alpha");
        String file = SOURCE_ROOT + "/shop.db/orders/ds=2026-01-01/part-big";
        byte[] version1 = new byte[300_000];
        new Random(7).nextBytes(version1);
        sourceFiles.write(file, version1);
        byte[] head = new byte[1_000];
        byte[] tail = new byte[1_000];
        Arrays.fill(head, (byte) 1);
        Arrays.fill(tail, (byte) 2);
        OverwriteWhileRead sourceReads = new OverwriteWhileRead(sourceFiles, "/part-big", () -> {
            sourceFiles.overwriteInPlace(file, 0, head);
            sourceFiles.overwriteInPlace(file, version1.length - tail.length, tail);
        });
        byte[] version2 = version1.clone();
        System.arraycopy(head, 0, version2, 0, head.length);
        System.arraycopy(tail, 0, version2, version2.length - tail.length, tail.length);
        ReplicationCycle cycle = cycle(sourceReads, targetFiles);

        runUntilDrained(cycle);

        assertThat(sourceReads.written()).isTrue();
        ReplicationJob job = jobs.find(2).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.attempts()).isEqualTo(2);
        List<JobState> states = jobs.history(2).stream().map(JobTransition::to).toList();
        assertThat(states).containsSubsequence(JobState.COPYING, JobState.COPIED, JobState.RETRY_WAIT,
                JobState.PENDING, JobState.PLANNED, JobState.COPYING, JobState.COPIED, JobState.VERIFIED,
                JobState.COMMITTED, JobState.SUCCEEDED);
        assertThat(states.subList(0, states.indexOf(JobState.RETRY_WAIT))).as("the first attempt")
                .doesNotContain(JobState.VERIFIED, JobState.COMMITTED);
        assertThat(job.lastError()).as("a successful job shows no earlier attempt's error").isEmpty();
        assertThat(jobs.history(2)).filteredOn(row -> row.to() == JobState.RETRY_WAIT).singleElement()
                .extracting(JobTransition::reason).asString().as("the first attempt's error, kept in the history")
                .contains("part-big MISMATCH (source file " + file + " changed while it was copied: ");
        PartitionSnapshot replica = targetMetastore.getPartition(PartitionRef.of(TABLE, List.of("2026-01-01")))
                .orElseThrow();
        assertThat(replica.location()).isEqualTo(TARGET_ROOT + "/shop.db/orders/ds=2026-01-01/_strait_v2_2");
        assertThat(readBytes(targetFiles, replica.location() + "/part-big")).isEqualTo(version2);
        assertThat(read(targetFiles, replica.location() + "/part-0")).isEqualTo("alpha");
        assertThat(readBytes(targetFiles, TARGET_ROOT + "/shop.db/orders/ds=2026-01-01/_strait_v2_1/part-big"))
                .as("the first attempt's copy, never published, is neither version")
                .isNotEqualTo(version1).isNotEqualTo(version2);
        assertThat(jobs.fileResults(2)).extracting(result -> result.verification())
                .containsOnly(FileVerification.VERIFIED).hasSize(2);
    }

    @Test
    void aDropAfterAnAddOnTheSamePartitionRunsInOrderAndLeavesNoReplica() throws IOException {
        TableSnapshot table = createSourceTableWithPartition("2026-01-01", "alpha");
        ReplicationCycle cycle = cycle(targetFiles);
        runUntilDrained(cycle);
        PartitionSnapshot partition = sourceMetastore.getPartition(PartitionRef.of(TABLE, List.of("2026-01-01")))
                .orElseThrow();
        sourceMetastore.dropPartition(partition.ref());
        events.append(new CapturedEvent(A, EventType.DROP_PARTITION, "shop", "orders", 2_000, null,
                EventSnapshot.ofPartitions(table, List.of(partition))));

        runUntilDrained(cycle);

        assertThat(targetMetastore.getPartition(partition.ref())).isEmpty();
        assertThat(jobs.find(3).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(targetMetastore.getTable(TABLE)).isPresent();
    }

    @Test
    void anUnpartitionedTableIsPublishedAsANewVersionOfTheTableLocation() throws IOException {
        sourceMetastore.createDatabase(new DatabaseSnapshot("shop", SOURCE_ROOT + "/shop.db", "", Map.of()));
        TableRef flat = TableRef.of("shop", "customers");
        TableSnapshot table = new TableSnapshot(flat, "EXTERNAL_TABLE", SOURCE_ROOT + "/shop.db/customers",
                List.of(ColumnSpec.of("id", "bigint")), List.of(), StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"),
                "etl");
        sourceMetastore.createTable(table);
        sourceFiles.write(table.location() + "/part-0", "ada".getBytes(StandardCharsets.UTF_8));
        sourceFiles.write(table.location() + "/nested/part-1", "grace".getBytes(StandardCharsets.UTF_8));
        events.append(new CapturedEvent(A, EventType.CREATE_TABLE, "shop", "customers", 1_000, null,
                EventSnapshot.ofTable(table)));
        ReplicationCycle cycle = cycle(targetFiles);

        runUntilDrained(cycle);

        TableSnapshot replica = targetMetastore.getTable(flat).orElseThrow();
        assertThat(replica.location()).startsWith(TARGET_ROOT + "/shop.db/customers/_strait_v1_1");
        assertThat(targetFiles.listFiles(replica.location())).extracting(entry -> entry.relativePath())
                .containsExactly("nested/part-1", "part-0");
        assertThat(read(targetFiles, replica.location() + "/nested/part-1")).isEqualTo("grace");
        assertThat(jobs.find(1).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aTablesConstraintsReachItsReplicaAndFollowTheSourcesChanges() throws IOException {
        sourceMetastore.createDatabase(new DatabaseSnapshot("shop", SOURCE_ROOT + "/shop.db", "", Map.of()));
        TableRef orders = TableRef.of("shop", "orders");
        TableSnapshot table = new TableSnapshot(orders, "EXTERNAL_TABLE", SOURCE_ROOT + "/shop.db/orders",
                List.of(ColumnSpec.of("id", "bigint"), ColumnSpec.of("amount", "double")),
                List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"), "etl");
        sourceMetastore.createTable(table);
        TableConstraint key = new TableConstraint(TableConstraint.Kind.PRIMARY_KEY, "pk_orders", List.of("id"), "",
                List.of(), "", "", 0, 0, false, false, true);
        TableConstraint positive = new TableConstraint(TableConstraint.Kind.CHECK, "ck_amount", List.of("amount"),
                "", List.of(), "", "amount > 0", 0, 0, true, true, false);
        sourceMetastore.replaceConstraints(orders, List.of(key, positive));
        events.append(new CapturedEvent(A, EventType.CREATE_TABLE, "shop", "orders", 1_000, null,
                EventSnapshot.ofTable(table)));
        ReplicationCycle cycle = cycle(targetFiles);

        runUntilDrained(cycle);

        assertThat(targetMetastore.getConstraints(orders)).containsExactly(key, positive);

        sourceMetastore.replaceConstraints(orders, List.of(key));
        events.append(new CapturedEvent(A, EventType.CONSTRAINTS, "shop", "orders", 2_000, null,
                EventSnapshot.ofTable(null)));
        runUntilDrained(cycle);

        assertThat(targetMetastore.getConstraints(orders)).containsExactly(key);
        assertThat(jobs.find(2).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aForeignKeyLeftOutWhileItsParentHadNoReplicaArrivesWithTheParentsKeys() throws IOException {
        sourceMetastore.createDatabase(new DatabaseSnapshot("shop", SOURCE_ROOT + "/shop.db", "", Map.of()));
        TableRef customers = TableRef.of("shop", "customers");
        TableRef orders = TableRef.of("shop", "orders");
        TableSnapshot customersTable = partitionedTable(customers, "id");
        TableSnapshot ordersTable = partitionedTable(orders, "customer_id");
        sourceMetastore.createTable(customersTable);
        sourceMetastore.createTable(ordersTable);
        TableConstraint key = new TableConstraint(TableConstraint.Kind.PRIMARY_KEY, "pk_customers", List.of("id"),
                "", List.of(), "", "", 0, 0, false, false, true);
        TableConstraint foreignKey = new TableConstraint(TableConstraint.Kind.FOREIGN_KEY, "fk_orders_customer",
                List.of("customer_id"), "shop.customers", List.of("id"), "pk_customers", "", 0, 0, false, false, true);
        sourceMetastore.replaceConstraints(customers, List.of(key));
        sourceMetastore.replaceConstraints(orders, List.of(foreignKey));
        ReplicationCycle cycle = cycle(targetFiles);
        // the child's event first: its foreign key has no parent in region B yet
        events.append(new CapturedEvent(A, EventType.CREATE_TABLE, "shop", "orders", 1_000, null,
                EventSnapshot.ofTable(ordersTable)));
        runUntilDrained(cycle);
        assertThat(targetMetastore.getConstraints(orders)).as("left out: no parent yet").isEmpty();

        events.append(new CapturedEvent(A, EventType.CREATE_TABLE, "shop", "customers", 2_000, null,
                EventSnapshot.ofTable(customersTable)));
        runUntilDrained(cycle);

        assertThat(targetMetastore.getConstraints(customers)).containsExactly(key);
        assertThat(targetMetastore.getConstraints(orders)).as("synced again once the parent's key arrived")
                .containsExactly(foreignKey);
        ReplicationJob parentSync = jobs.find(2).orElseThrow();
        assertThat(jobs.history(parentSync.id())).anyMatch(row -> row.reason()
                .contains("foreign keys of [shop.orders] waited for this table's keys: synced again by job(s) 3..3"));
        ReplicationJob followUp = jobs.find(3).orElseThrow();
        assertThat(followUp.object()).isEqualTo(ObjectRef.table(orders));
        assertThat(followUp.origin()).isEqualTo(JobOrigin.REPAIR);
        assertThat(followUp.state()).isEqualTo(JobState.SUCCEEDED);

        events.append(new CapturedEvent(A, EventType.ALTER_TABLE, "shop", "customers", 3_000, null,
                EventSnapshot.ofTable(customersTable)));
        runUntilDrained(cycle);
        assertThat(jobs.find(5)).as("no follow-up once nothing waits").isEmpty();
    }

    private static TableSnapshot partitionedTable(TableRef ref, String column) {
        return new TableSnapshot(ref, "EXTERNAL_TABLE", SOURCE_ROOT + "/shop.db/" + ref.table(),
                List.of(ColumnSpec.of(column, "bigint")), List.of(ColumnSpec.of("ds", "string")),
                StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"), "etl");
    }

    @Test
    void tablesStraitCannotReplicateFaithfullyEndBlockedWithTheReasonWhileTheRestOfTheLinkReplicatesAndDrains()
            throws IOException {
        sourceMetastore.createDatabase(new DatabaseSnapshot("shop", SOURCE_ROOT + "/shop.db", "", Map.of()));
        String managed = "mem://a/managed/shop.db";
        TableSnapshot acid = createTable(TableRef.of("shop", "acid_orders"), "MANAGED_TABLE", managed + "/acid_orders",
                List.of(ColumnSpec.of("ds", "string")), Map.of("transactional", "true"));
        PartitionSnapshot acidPartition = new PartitionSnapshot(PartitionRef.of(acid.ref(), List.of("2026-01-01")),
                acid.location() + "/ds=2026-01-01", StorageFormat.PARQUET, Map.of());
        sourceMetastore.addPartition(acidPartition);
        sourceFiles.write(acidPartition.location() + "/delta_0000001_0000001_0000/bucket_00000",
                "acid".getBytes(StandardCharsets.UTF_8));
        TableSnapshot view = createTable(TableRef.of("shop", "orders_mv"), "MATERIALIZED_VIEW",
                managed + "/orders_mv", List.of(), Map.of());
        sourceFiles.write(view.location() + "/000000_0", "derived".getBytes(StandardCharsets.UTF_8));
        TableSnapshot hbase = createTable(TableRef.of("shop", "hbase_users"), "EXTERNAL_TABLE", "", List.of(),
                Map.of("EXTERNAL", "TRUE", "storage_handler", "org.apache.hadoop.hive.hbase.HBaseStorageHandler"));
        TableSnapshot plain = createTable(TableRef.of("shop", "customers"), "EXTERNAL_TABLE",
                SOURCE_ROOT + "/shop.db/customers", List.of(), Map.of("EXTERNAL", "TRUE"));
        sourceFiles.write(plain.location() + "/part-0", "ada".getBytes(StandardCharsets.UTF_8));
        events.append(new CapturedEvent(A, EventType.CREATE_TABLE, "shop", "acid_orders", 1_000, null,
                EventSnapshot.ofTable(acid)));
        events.append(new CapturedEvent(A, EventType.ADD_PARTITION, "shop", "acid_orders", 1_001, null,
                EventSnapshot.ofPartitions(acid, List.of(acidPartition))));
        events.append(new CapturedEvent(A, EventType.CREATE_TABLE, "shop", "orders_mv", 1_002, null,
                EventSnapshot.ofTable(view)));
        events.append(new CapturedEvent(A, EventType.CREATE_TABLE, "shop", "hbase_users", 1_003, null,
                EventSnapshot.ofTable(hbase)));
        events.append(new CapturedEvent(A, EventType.CREATE_TABLE, "shop", "customers", 1_004, null,
                EventSnapshot.ofTable(plain)));
        ReplicationCycle cycle = cycle(targetFiles);

        runUntilDrained(cycle);

        assertThat(jobs.find(1).orElseThrow().lastError()).isEqualTo("Cannot replicate shop.acid_orders: it is an"
                + " ACID (transactional) table, whose data Strait cannot copy as one consistent version. Exclude it"
                + " from link a-to-b: add \"shop.acid_orders\" to the link's exclude list (links[].exclude).");
        assertThat(jobs.find(2).orElseThrow().lastError()).as("the partition job waited for nobody and is blocked too")
                .startsWith("Cannot replicate shop.acid_orders: it is an ACID");
        assertThat(jobs.find(3).orElseThrow().lastError()).startsWith("Cannot replicate shop.orders_mv: it is a"
                + " materialized view");
        assertThat(jobs.find(4).orElseThrow().lastError()).startsWith("Cannot replicate shop.hbase_users: it is a"
                + " non-native table (storage handler org.apache.hadoop.hive.hbase.HBaseStorageHandler)");
        for (long blocked = 1; blocked <= 4; blocked++) {
            assertThat(jobs.find(blocked).orElseThrow().state()).isEqualTo(JobState.BLOCKED);
            assertThat(jobs.history(blocked)).extracting(JobTransition::to)
                    .containsExactly(JobState.PENDING, JobState.PLANNED, JobState.BLOCKED);
            assertThat(jobs.history(blocked).get(2).reason()).isEqualTo(jobs.find(blocked).orElseThrow().lastError());
            assertThat(jobs.plan(blocked)).as("nothing is planned for job %d", blocked).isEmpty();
            assertThat(jobs.fileResults(blocked)).isEmpty();
        }
        assertThat(targetMetastore.getTable(acid.ref())).isEmpty();
        assertThat(targetMetastore.getTable(view.ref())).isEmpty();
        assertThat(targetMetastore.getTable(hbase.ref())).isEmpty();
        assertThat(targetFiles.listFiles(TARGET_ROOT)).extracting(entry -> entry.relativePath())
                .containsExactly("shop.db/customers/_strait_v5_1/part-0");
        assertThat(jobs.find(5).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(targetMetastore.getTable(plain.ref())).isPresent();
        assertThat(jobs.findUnfinished("a-to-b")).isEmpty();
        assertThat(cycle.isDrained()).isTrue();
    }

    @Test
    void aBlockedJobReleasedByAnOperatorIsJudgedAgainAndADropOfATableNeverReplicatedSucceeds() throws IOException {
        sourceMetastore.createDatabase(new DatabaseSnapshot("shop", SOURCE_ROOT + "/shop.db", "", Map.of()));
        TableSnapshot acid = createTable(TableRef.of("shop", "acid_orders"), "MANAGED_TABLE",
                "mem://a/managed/shop.db/acid_orders", List.of(),
                Map.of("transactional", "true", "transactional_properties", "insert_only"));
        events.append(new CapturedEvent(A, EventType.CREATE_TABLE, "shop", "acid_orders", 1_000, null,
                EventSnapshot.ofTable(acid)));
        ReplicationCycle cycle = cycle(targetFiles);
        runUntilDrained(cycle);
        ReplicationJob blocked = jobs.find(1).orElseThrow();
        assertThat(blocked.state()).isEqualTo(JobState.BLOCKED);
        assertThat(blocked.lastError()).contains("an insert-only ACID (transactional) table");

        jobs.transition(JobTransitionRequest.of(blocked, JobState.PENDING, "released by an operator"));
        runUntilDrained(cycle);
        assertThat(jobs.history(1)).extracting(JobTransition::to).containsExactly(JobState.PENDING,
                JobState.PLANNED, JobState.BLOCKED, JobState.PENDING, JobState.PLANNED, JobState.BLOCKED);
        assertThat(jobs.find(1).orElseThrow().attempts()).as("the release started its attempts again").isEqualTo(1);

        sourceMetastore.dropTable(acid.ref());
        events.append(new CapturedEvent(A, EventType.DROP_TABLE, "shop", "acid_orders", 2_000, null,
                EventSnapshot.ofTable(acid)));
        runUntilDrained(cycle);
        assertThat(jobs.find(2).orElseThrow().kind()).isEqualTo(JobKind.DROP_TABLE);
        assertThat(jobs.find(2).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(targetMetastore.getTable(acid.ref())).isEmpty();
    }

    private TableSnapshot createTable(TableRef ref, String tableType, String location, List<ColumnSpec> partitionKeys,
            Map<String, String> parameters) {
        TableSnapshot table = new TableSnapshot(ref, tableType, location, List.of(ColumnSpec.of("id", "bigint")),
                partitionKeys, StorageFormat.PARQUET, parameters, "etl");
        sourceMetastore.createTable(table);
        return table;
    }

    @Test
    void jobsAStoppedSchedulerLeftMidFlightAreRetriedAndCommittedOnesFinish() throws IOException {
        createSourceTableWithPartition("2026-01-01", "alpha");
        ReplicationCycle cycle = cycle(targetFiles);
        jobs.createJobs("a-to-b", 0, 2, List.of(
                new NewJob("a-to-b", JobKind.SYNC_PARTITION,
                        ObjectRef.partition(PartitionRef.of(TABLE, List.of("2026-01-01"))), 2, 1),
                new NewJob("a-to-b", JobKind.SYNC_DATABASE,
                        ObjectRef.database("shop"), 1, 1)));
        // a process that stopped: its leases ran out (a short lease, never renewed)
        JdbcJobStore stopped = new JdbcJobStore(store.dataSource(), Clock.systemUTC(), "stopped-host:1:dead",
                Duration.ofMillis(1));
        ReplicationJob copying = advance(stopped, stopped.find(1).orElseThrow(), JobState.PLANNED, JobState.COPYING);
        ReplicationJob committed = advance(stopped, stopped.find(2).orElseThrow(), JobState.PLANNED,
                JobState.COMMITTED);
        sleep(20);

        cycle.recoverAbandonedJobs();

        assertThat(jobs.find(copying.id()).orElseThrow().state()).isEqualTo(JobState.RETRY_WAIT);
        assertThat(jobs.find(copying.id()).orElseThrow().lastError()).contains("COPYING")
                .contains("stopped-host:1:dead");
        assertThat(jobs.find(committed.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        runUntilDrained(cycle);
        assertThat(jobs.find(copying.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(jobs.find(copying.id()).orElseThrow().targetLocation()).endsWith("_strait_v1_2");
    }

    private ReplicationJob advance(ReplicationJob job, JobState... states) {
        return advance(jobs, job, states);
    }

    private static ReplicationJob advance(JdbcJobStore by, ReplicationJob job, JobState... states) {
        ReplicationJob current = job;
        for (JobState state : states) {
            current = by.transition(JobTransitionRequest.of(current, state, "test"));
        }
        return current;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The cycle of a process whose job store is {@code processStore}, with workers of its own. */
    private ReplicationCycle cycleOf(JdbcJobStore processStore, RegionFileSystem targetWrites, ExecutorService pool) {
        InProcessCopyExecutor executor = new InProcessCopyExecutor(sourceFiles, targetWrites, 2);
        extraExecutors.add(executor);
        PathMapper mapper = new PathMapper(A, Map.of("external", SOURCE_ROOT), B, Map.of("external", TARGET_ROOT));
        LinkRuntime link = new LinkRuntime("a-to-b", A, B, TableFilter.all(), sourceMetastore, sourceFiles,
                targetWrites, mapper, executor, new MetastoreReplicaPublisher(targetMetastore, mapper));
        JobRunner runner = new JobRunner(link, processStore, new CopySharder(1_000, 2), 3,
                Clock.systemUTC());
        return new ReplicationCycle(link, events, processStore, new JobDispatcher(processStore, Map.of(link.name(), runner), pool, 2, 4),
                new RetrySchedule(Duration.ofMillis(50)),
                100, Clock.systemUTC());
    }

    private ReplicationJob partitionJob() {
        return jobs.recent("a-to-b", java.util.Optional.empty(), 100).stream()
                .filter(job -> job.kind() == JobKind.SYNC_PARTITION).findFirst().orElseThrow();
    }

    @Test
    void anEnvironmentalFailureIsRetriedBeyondTheAttemptLimitUntilTheEnvironmentIsFixed() throws IOException {
        createSourceTableWithPartition("2026-01-01", "alpha");
        java.util.concurrent.atomic.AtomicBoolean diskFull = new java.util.concurrent.atomic.AtomicBoolean(true);
        RegionFileSystem flaky = new io.strait.common.region.ForwardingRegionFileSystem(targetFiles) {
            @Override
            public void mkdirs(String directoryUri) throws IOException {
                if (diskFull.get()) {
                    throw new IOException("No space left on device");
                }
                super.mkdirs(directoryUri);
            }
        };
        ReplicationCycle cycle = cycle(flaky);
        // the cycle's runner allows 2 attempts; an EXTERNAL failure is retried past them, never FAILED
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            cycle.runOnce();
            return partitionJob().attempts() >= 4;
        });
        ReplicationJob waiting = partitionJob();
        assertThat(waiting.state().isTerminal()).as("still being retried (a worker may hold attempt 5): %s",
                waiting.state()).isFalse();
        assertThat(jobs.history(waiting.id())).extracting(JobTransition::to).doesNotContain(JobState.FAILED);
        assertThat(jobs.history(waiting.id())).anyMatch(row -> row.reason().contains("environmental (EXTERNAL)"));

        diskFull.set(false);
        runUntilDrained(cycle);
        ReplicationJob done = jobs.find(waiting.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.lastError()).isEmpty();
    }

    @Test
    void aWorkerWhoseLeaseWasTakenOverCannotMoveTheJobAndTheSurvivorFinishesItOnce() throws IOException {
        createSourceTableWithPartition("2026-01-01", "alpha", "beta");
        Duration lease = Duration.ofMillis(400);
        JdbcJobStore storeA = new JdbcJobStore(store.dataSource(), Clock.systemUTC(), "host-a:1:aaaa", lease);
        JdbcJobStore storeB = new JdbcJobStore(store.dataSource(), Clock.systemUTC(), "host-b:2:bbbb", lease);
        GatedWrites stuck = new GatedWrites(targetFiles);
        ExecutorService workersA = Executors.newFixedThreadPool(2);
        ReplicationCycle processA = cycleOf(storeA, stuck, workersA);
        ReplicationCycle processB = cycleOf(storeB, targetFiles, workers);
        // A claims the partition job and is stuck writing its first file (a frozen process: no heartbeat)
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            processA.runOnce();
            return stuck.waiting() > 0;
        });
        ReplicationJob heldByA = partitionJob();
        assertThat(heldByA.state()).isEqualTo(JobState.COPYING);
        assertThat(storeA.holdsLease(heldByA.id())).isTrue();
        assertThat(processB.takeOverExpiredLeases()).as("a live lease is not taken over").isZero();

        sleep(lease.toMillis() + 100);
        assertThat(processB.takeOverExpiredLeases()).isEqualTo(1);
        ReplicationJob taken = jobs.find(heldByA.id()).orElseThrow();
        assertThat(taken.state()).isEqualTo(JobState.RETRY_WAIT);
        assertThat(jobs.history(taken.id()).get(jobs.history(taken.id()).size() - 1).reason())
                .contains("taken over by host-b:2:bbbb").contains("lease of host-a:1:aaaa");

        // B runs the job to the end, then A wakes up: every move it tries is refused by the fence
        runUntilDrained(processB);
        stuck.open();
        await().atMost(Duration.ofSeconds(20)).until(() -> processA.runningJobs() == 0);
        workersA.shutdownNow();

        ReplicationJob done = jobs.find(heldByA.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.lastError()).as("an earlier attempt's error is not the successful job's").isEmpty();
        assertThat(storeA.holdsLease(heldByA.id())).isFalse();
        List<JobTransition> history = jobs.history(heldByA.id());
        assertThat(history).extracting(JobTransition::to).filteredOn(state -> state == JobState.SUCCEEDED).hasSize(1);
        assertThat(history).extracting(JobTransition::to).containsExactly(JobState.PENDING, JobState.PLANNED,
                JobState.COPYING, JobState.RETRY_WAIT, JobState.PENDING, JobState.PLANNED, JobState.COPYING,
                JobState.COPIED, JobState.VERIFIED, JobState.COMMITTED, JobState.SUCCEEDED);
        PartitionSnapshot replica = targetMetastore.getPartition(PartitionRef.of(TABLE, List.of("2026-01-01")))
                .orElseThrow();
        assertThat(replica.location()).isEqualTo(done.targetLocation()).endsWith("_2");
    }

    @Test
    void aProcessWhoseLeaseIsTakenOverDuringItsCommitRetriesDoesNotCommit() throws Exception {
        createSourceTableWithPartition("2026-01-01", "alpha", "beta");
        Duration lease = Duration.ofMillis(400);
        JdbcJobStore storeA = new JdbcJobStore(store.dataSource(), Clock.systemUTC(), "host-a:1:aaaa", lease);
        JdbcJobStore storeB = new JdbcJobStore(store.dataSource(), Clock.systemUTC(), "host-b:2:bbbb", lease);
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger partitionCommits = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean failedOnce = new java.util.concurrent.atomic.AtomicBoolean();
        // A's target metastore: its first partition read hangs (a frozen process), then fails; every commit counted
        io.strait.common.metastore.MetastoreGateway slowForA = (io.strait.common.metastore.MetastoreGateway)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {io.strait.common.metastore.MetastoreGateway.class}, (proxy, method, args) -> {
                            if (method.isDefault()) {
                                // a batch as one call per partition, through this proxy: each call is watched
                                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                            }
                            if (method.getName().equals("getPartition") && failedOnce.compareAndSet(false, true)) {
                                waiting.incrementAndGet();
                                gate.await(20, java.util.concurrent.TimeUnit.SECONDS);
                                throw io.strait.common.error.StraitException.external("read timed out", null);
                            }
                            if (method.getName().equals("addPartition") || method.getName().equals("alterPartition")) {
                                partitionCommits.incrementAndGet();
                            }
                            try {
                                return method.invoke(targetMetastore, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        copyExecutor = new InProcessCopyExecutor(sourceFiles, targetFiles, 2);
        PathMapper mapper = new PathMapper(A, Map.of("external", SOURCE_ROOT), B, Map.of("external", TARGET_ROOT));
        LinkRuntime linkA = new LinkRuntime("a-to-b", A, B, TableFilter.all(), sourceMetastore, sourceFiles,
                targetFiles, mapper, copyExecutor, new MetastoreReplicaPublisher(slowForA, mapper));
        JobRunner runnerA = new JobRunner(linkA, storeA, new CopySharder(1_000, 2), 3, Clock.systemUTC(),
                new io.strait.common.retry.RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20)));
        ExecutorService workersA = Executors.newFixedThreadPool(2);
        ReplicationCycle processA = new ReplicationCycle(linkA, events, storeA, new JobDispatcher(storeA,
                Map.of("a-to-b", runnerA), workersA, 2, 4), new RetrySchedule(Duration.ofMillis(50)), 100,
                Clock.systemUTC());
        ReplicationCycle processB = cycleOf(storeB, targetFiles, workers);
        // A copies and verifies the partition, then hangs in its first commit attempt
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            processA.runOnce();
            return waiting.get() > 0;
        });
        ReplicationJob heldByA = partitionJob();
        assertThat(heldByA.state()).isEqualTo(JobState.VERIFIED);

        sleep(lease.toMillis() + 100);
        assertThat(processB.takeOverExpiredLeases()).isEqualTo(1);
        gate.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> processA.runningJobs() == 0);
        assertThat(partitionCommits).as("A confirmed its lease before retrying the commit, and had lost it")
                .hasValue(0);
        runUntilDrained(processB);
        workersA.shutdownNow();

        ReplicationJob done = jobs.find(heldByA.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(jobs.history(done.id())).extracting(JobTransition::to).filteredOn(state -> state
                == JobState.COMMITTED).hasSize(1);
        assertThat(targetMetastore.getPartition(PartitionRef.of(TABLE, List.of("2026-01-01"))).orElseThrow()
                .location()).isEqualTo(done.targetLocation()).endsWith("_2");
    }

    @Test
    void aDeadProcesssJobsAreTakenOverByASurvivorWithinTheLeaseAndEachSucceedsOnce() throws Exception {
        sourceMetastore.createDatabase(new DatabaseSnapshot("shop", SOURCE_ROOT + "/shop.db", "", Map.of()));
        TableSnapshot table = new TableSnapshot(TABLE, "EXTERNAL_TABLE", SOURCE_ROOT + "/shop.db/orders",
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of("EXTERNAL", "TRUE"), "etl");
        sourceMetastore.createTable(table);
        List<String> days = List.of("2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04");
        for (String day : days) {
            String location = table.location() + "/ds=" + day;
            sourceMetastore.addPartition(new PartitionSnapshot(PartitionRef.of(TABLE, List.of(day)), location,
                    StorageFormat.PARQUET, Map.of()));
            sourceFiles.write(location + "/part-0", day.getBytes(StandardCharsets.UTF_8));
        }
        events.append(new CapturedEvent(A, EventType.CREATE_TABLE, "shop", "orders", 1_000, null,
                EventSnapshot.ofTable(table)));
        events.append(new CapturedEvent(A, EventType.ADD_PARTITION, "shop", "orders", 1_001, null,
                EventSnapshot.ofPartitions(table, sourceMetastore.listPartitions(TABLE))));
        Duration lease = Duration.ofMillis(600);
        JdbcJobStore storeA = new JdbcJobStore(store.dataSource(), Clock.systemUTC(), "host-a:1:aaaa", lease);
        JdbcJobStore storeB = new JdbcJobStore(store.dataSource(), Clock.systemUTC(), "host-b:2:bbbb", lease);
        GatedWrites stuck = new GatedWrites(targetFiles);
        ExecutorService workersA = Executors.newFixedThreadPool(4);
        ReplicationCycle processA = cycleOf(storeA, stuck, workersA);
        ReplicationCycle processB = cycleOf(storeB, targetFiles, workers);
        io.strait.scheduler.cycle.LeaseHeartbeat heartbeatA =
                new io.strait.scheduler.cycle.LeaseHeartbeat(storeA, List.of(processA), lease);
        io.strait.scheduler.cycle.LeaseHeartbeat heartbeatB =
                new io.strait.scheduler.cycle.LeaseHeartbeat(storeB, List.of(processB), lease);
        heartbeatA.start();
        heartbeatB.start();
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
                processA.runOnce();
                return stuck.waiting() >= 2;
            });
            List<Long> heldByA = jobs.findUnfinished("a-to-b").stream()
                    .filter(job -> storeA.holdsLease(job.id())).map(ReplicationJob::id).toList();
            assertThat(heldByA).isNotEmpty();

            // A is alive (heartbeat on): after twice the lease, B's reaper and a B restart leave its jobs alone
            sleep(2 * lease.toMillis());
            processB.recoverAbandonedJobs();
            assertThat(jobs.findAll(heldByA)).extracting(ReplicationJob::state).doesNotContain(JobState.RETRY_WAIT);

            // A dies: no heartbeat, workers frozen. B (its heartbeat and its cycles) takes the jobs over.
            long died = System.currentTimeMillis();
            heartbeatA.close();
            await().atMost(lease.multipliedBy(3)).pollInterval(Duration.ofMillis(20)).until(() ->
                    heldByA.stream().allMatch(id -> jobs.history(id).stream()
                            .anyMatch(row -> row.reason().contains("taken over by host-b:2:bbbb"))));
            long takenOverAfter = System.currentTimeMillis() - died;
            assertThat(takenOverAfter).as("taken over within the lease and a heartbeat")
                    .isLessThan(lease.toMillis() * 2 + 500);
            runUntilDrained(processB);
            stuck.open();
            await().atMost(Duration.ofSeconds(20)).until(() -> processA.runningJobs() == 0);
        } finally {
            heartbeatA.close();
            heartbeatB.close();
            stuck.open();
            workersA.shutdownNow();
        }
        List<ReplicationJob> all = jobs.recent("a-to-b", java.util.Optional.empty(), 100);
        assertThat(all).hasSize(1 + days.size()).extracting(ReplicationJob::state).containsOnly(JobState.SUCCEEDED);
        for (ReplicationJob job : all) {
            assertThat(jobs.history(job.id())).extracting(JobTransition::to)
                    .filteredOn(state -> state == JobState.SUCCEEDED).as("job %s", job.id()).hasSize(1);
        }
        for (String day : days) {
            PartitionSnapshot replica = targetMetastore.getPartition(PartitionRef.of(TABLE, List.of(day)))
                    .orElseThrow();
            assertThat(read(targetFiles, replica.location() + "/part-0")).isEqualTo(day);
        }
    }

    private static byte[] readBytes(RegionFileSystem fileSystem, String uri) throws IOException {
        try (InputStream in = fileSystem.open(uri)) {
            return in.readAllBytes();
        }
    }

    private static String read(RegionFileSystem fileSystem, String uri) throws IOException {
        try (InputStream in = fileSystem.open(uri)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
