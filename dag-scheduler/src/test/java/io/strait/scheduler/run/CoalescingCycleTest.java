package io.strait.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.common.config.TableFilter;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.FileEntry;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.PathMapper;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Coalescing on MariaDB: an add-partition event and three inserts into it in one burst make one copy. */
class CoalescingCycleTest {
    private static final RegionId A = RegionId.of("a");
    private static final RegionId B = RegionId.of("b");
    private static final TableRef TABLE = TableRef.of("shop", "orders");
    private static final String SOURCE_ROOT = "mem://a/external";
    private static final String TARGET_ROOT = "mem://b/external";

    private final TestingMariaDb store = TestingMariaDb.create();
    private final JdbcEventLog events = new JdbcEventLog(store.dataSource(), Clock.systemUTC());
    private final JdbcJobStore jobs = new JdbcJobStore(store.dataSource(), Clock.systemUTC());
    private final InMemoryMetastoreGateway sourceMetastore = new InMemoryMetastoreGateway(A);
    private final InMemoryMetastoreGateway targetMetastore = new InMemoryMetastoreGateway(B);
    private final InMemoryRegionFileSystem sourceFiles = new InMemoryRegionFileSystem(A);
    private final InMemoryRegionFileSystem targetFiles = new InMemoryRegionFileSystem(B);
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final InProcessCopyExecutor copyExecutor = new InProcessCopyExecutor(sourceFiles, targetFiles, 2);

    @AfterEach
    void close() {
        workers.shutdownNow();
        copyExecutor.close();
        store.close();
    }

    @Test
    void anAddPartitionAndThreeInsertsInOneBurstCopyThePartitionOnceWithItsFinalFiles() throws Exception {
        sourceMetastore.createDatabase(new DatabaseSnapshot("shop", SOURCE_ROOT + "/shop.db", "", Map.of()));
        TableSnapshot table = new TableSnapshot(TABLE, "EXTERNAL_TABLE", SOURCE_ROOT + "/shop.db/orders",
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of("EXTERNAL", "TRUE"), "etl");
        sourceMetastore.createTable(table);
        PartitionRef day = PartitionRef.of(TABLE, List.of("2026-01-01"));
        String location = table.location() + "/ds=2026-01-01";
        sourceMetastore.addPartition(new PartitionSnapshot(day, location, StorageFormat.PARQUET, Map.of()));
        sourceFiles.write(location + "/part-0", "first".getBytes(StandardCharsets.UTF_8));
        events.append(new CapturedEvent(A, EventType.ADD_PARTITION, "shop", "orders", 1_000, null,
                EventSnapshot.ofPartitions(table, sourceMetastore.listPartitions(TABLE))));
        for (int insert = 1; insert <= 3; insert++) {
            sourceFiles.write(location + "/part-" + insert, ("insert " + insert).getBytes(StandardCharsets.UTF_8));
            events.append(new CapturedEvent(A, EventType.INSERT, "shop", "orders", 1_000 + insert, null,
                    EventSnapshot.ofPartitions(table, sourceMetastore.listPartitions(TABLE))));
        }
        ReplicationCycle cycle = cycle();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            cycle.runOnce();
            return cycle.isDrained();
        });

        List<ReplicationJob> partitionJobs = jobs.findAll(LongStream.rangeClosed(1, 100).boxed().toList()).stream()
                .filter(job -> job.kind() == JobKind.SYNC_PARTITION).toList();
        assertThat(partitionJobs).hasSize(4);
        assertThat(partitionJobs).filteredOn(job -> job.state() == JobState.SUCCEEDED).hasSize(1);
        assertThat(partitionJobs).filteredOn(job -> job.state() == JobState.SUPERSEDED).hasSize(3)
                .allSatisfy(job -> assertThat(job.attempts()).as("never claimed, never copied").isZero());
        String replica = targetMetastore.getPartition(day).orElseThrow().location();
        assertThat(targetFiles.listFiles(replica)).extracting(FileEntry::relativePath)
                .containsExactly("part-0", "part-1", "part-2", "part-3");
        assertThat(targetFiles.listFiles(TARGET_ROOT + "/shop.db/orders/ds=2026-01-01")).as("one version folder")
                .hasSize(4);
    }

    private ReplicationCycle cycle() {
        PathMapper mapper = new PathMapper(A, Map.of("external", SOURCE_ROOT), B, Map.of("external", TARGET_ROOT));
        LinkRuntime link = new LinkRuntime("a-to-b", A, B, TableFilter.all(), sourceMetastore, sourceFiles,
                targetFiles, mapper, copyExecutor, new MetastoreReplicaPublisher(targetMetastore, mapper));
        JobRunner runner = new JobRunner(link, jobs, new JdbcTableWatermarks(store.dataSource()),
                new CopySharder(1_000, 2), 2, Clock.systemUTC());
        return new ReplicationCycle(link, events, jobs, runner, workers, new RetrySchedule(Duration.ofMillis(50)),
                100, Clock.systemUTC());
    }
}
