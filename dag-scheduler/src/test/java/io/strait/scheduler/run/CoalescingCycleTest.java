package io.strait.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.strait.common.region.RegionId;
import io.strait.scheduler.cycle.ReplicationCycle;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.job.JdbcJobStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Coalescing on MariaDB: an add-partition event and three inserts into it in one burst make one copy. */
class CoalescingCycleTest {
    private static final TableRef TABLE = TableRef.of("shop", "orders");
    private static final RegionId A = TestingCycleLink.A;
    private static final String SOURCE_ROOT = TestingCycleLink.SOURCE_ROOT;
    private static final String TARGET_ROOT = TestingCycleLink.TARGET_ROOT;

    private final TestingCycleLink link = new TestingCycleLink();
    private final JdbcEventLog events = link.events;
    private final JdbcJobStore jobs = link.jobs;
    private final InMemoryMetastoreGateway sourceMetastore = link.sourceMetastore;
    private final InMemoryMetastoreGateway targetMetastore = link.targetMetastore;
    private final InMemoryRegionFileSystem sourceFiles = link.sourceFiles;
    private final InMemoryRegionFileSystem targetFiles = link.targetFiles;

    @AfterEach
    void close() {
        link.close();
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
        return link.cycle();
    }
}
