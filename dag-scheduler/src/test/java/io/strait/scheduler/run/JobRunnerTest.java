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
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.PathMapper;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
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
import java.util.List;
import java.util.Map;
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

    @AfterEach
    void close() {
        workers.shutdownNow();
        if (copyExecutor != null) {
            copyExecutor.close();
        }
        store.close();
    }

    private ReplicationCycle cycle(RegionFileSystem targetWrites) {
        copyExecutor = new InProcessCopyExecutor(sourceFiles, targetWrites, 2);
        PathMapper mapper = new PathMapper(A, Map.of("external", SOURCE_ROOT), B, Map.of("external", TARGET_ROOT));
        LinkRuntime link = new LinkRuntime("a-to-b", A, B, TableFilter.all(), sourceMetastore, sourceFiles,
                targetWrites, mapper, copyExecutor, new MetastoreReplicaPublisher(targetMetastore, mapper));
        JobRunner runner = new JobRunner(link, jobs, watermarks, new CopySharder(1_000, 2), 2, Clock.systemUTC());
        return new ReplicationCycle(link, events, jobs, runner, workers, new RetrySchedule(Duration.ofMillis(50)),
                100, Clock.systemUTC());
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
    void jobsAStoppedSchedulerLeftMidFlightAreRetriedAndCommittedOnesFinish() throws IOException {
        createSourceTableWithPartition("2026-01-01", "alpha");
        ReplicationCycle cycle = cycle(targetFiles);
        jobs.createJobs("a-to-b", 0, 2, List.of(
                new NewJob("a-to-b", JobKind.SYNC_PARTITION,
                        ObjectRef.partition(PartitionRef.of(TABLE, List.of("2026-01-01"))), 2, 1),
                new NewJob("a-to-b", JobKind.SYNC_DATABASE,
                        ObjectRef.database("shop"), 1, 1)));
        ReplicationJob copying = advance(jobs.find(1).orElseThrow(), JobState.PLANNED, JobState.COPYING);
        ReplicationJob committed = advance(jobs.find(2).orElseThrow(), JobState.PLANNED, JobState.COMMITTED);

        cycle.recoverAbandonedJobs();

        assertThat(jobs.find(copying.id()).orElseThrow().state()).isEqualTo(JobState.RETRY_WAIT);
        assertThat(jobs.find(copying.id()).orElseThrow().lastError()).contains("COPYING");
        assertThat(jobs.find(committed.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        runUntilDrained(cycle);
        assertThat(jobs.find(copying.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(jobs.find(copying.id()).orElseThrow().targetLocation()).endsWith("_strait_v1_2");
    }

    private ReplicationJob advance(ReplicationJob job, JobState... states) {
        ReplicationJob current = job;
        for (JobState state : states) {
            current = jobs.transition(JobTransitionRequest.of(current, state, "test"));
        }
        return current;
    }

    private static String read(RegionFileSystem fileSystem, String uri) throws IOException {
        try (InputStream in = fileSystem.open(uri)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
