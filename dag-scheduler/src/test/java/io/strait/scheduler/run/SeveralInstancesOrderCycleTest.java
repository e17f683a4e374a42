package io.strait.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventRows;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.event.StampedEvent;
import io.strait.common.job.JobKind;
import io.strait.common.job.ReplicationJob;
import io.strait.common.json.StraitJson;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import io.strait.scheduler.cycle.ReplicationCycle;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two listener instances of region a (two metastore processes): one captures a drop of a partition but its write
 * reaches the event log only after the other instance logged the partition's re-creation. The planner orders the
 * two by the metastore's notification id, or without one by the partition's own version, and never lets the older
 * drop overwrite the re-creation. On MariaDB.
 */
class SeveralInstancesOrderCycleTest {
    private static final TableRef TABLE = TableRef.of("shop", "orders");
    private static final RegionId A = TestingCycleLink.A;
    private static final String SOURCE_ROOT = TestingCycleLink.SOURCE_ROOT;

    private final TestingCycleLink link = new TestingCycleLink();
    private final InMemoryMetastoreGateway sourceMetastore = link.sourceMetastore;

    @AfterEach
    void close() {
        link.close();
    }

    @ParameterizedTest(name = "notification log written: {0}")
    @ValueSource(booleans = {true, false})
    void anOlderDropLoggedAfterTheRecreationPlansNoJob(boolean notificationLog) throws Exception {
        sourceMetastore.createDatabase(new DatabaseSnapshot("shop", SOURCE_ROOT + "/shop.db", "", Map.of()));
        TableSnapshot table = new TableSnapshot(TABLE, "EXTERNAL_TABLE", SOURCE_ROOT + "/shop.db/orders",
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of("EXTERNAL", "TRUE"), "etl");
        sourceMetastore.createTable(table);
        PartitionRef day = PartitionRef.of(TABLE, List.of("2026-01-01"));
        String location = table.location() + "/ds=2026-01-01";
        PartitionSnapshot first = new PartitionSnapshot(day, location, StorageFormat.PARQUET,
                Map.of("transient_lastDdlTime", "1000"));
        PartitionSnapshot recreated = new PartitionSnapshot(day, location, StorageFormat.PARQUET,
                Map.of("transient_lastDdlTime", "1005"));
        sourceMetastore.addPartition(recreated);
        sourceFiles().write(location + "/part-0", "second life".getBytes(StandardCharsets.UTF_8));
        // the metastore's order: x adds (n 10), y drops (n 11), x re-adds (n 12); the log's: y's drop comes last
        write("x", 1, event(EventType.ADD_PARTITION, table, first, 1_000_000, notificationLog ? 10 : 0));
        write("x", 2, event(EventType.ADD_PARTITION, table, recreated, 1_005_000, notificationLog ? 12 : 0));
        long drop = write("y", 1, event(EventType.DROP_PARTITION, table, first, 1_003_000,
                notificationLog ? 11 : 0));
        ReplicationCycle cycle = link.cycle();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            cycle.runOnce();
            return cycle.isDrained();
        });

        List<ReplicationJob> jobs = link.jobs.findAll(LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(jobs).filteredOn(job -> job.kind() == JobKind.DROP_PARTITION).as("the older drop planned none")
                .isEmpty();
        assertThat(link.targetMetastore.getPartition(day)).as("the re-created partition stays").isPresent();
        assertThat(jobs).extracting(ReplicationJob::sourceEventId).as("ordered below the drop's id")
                .allMatch(id -> id < drop);
    }

    private io.strait.common.region.InMemoryRegionFileSystem sourceFiles() {
        return link.sourceFiles;
    }

    private static CapturedEvent event(EventType type, TableSnapshot table, PartitionSnapshot partition,
            long capturedAt, long notificationId) {
        return new CapturedEvent(A, type, "shop", "orders", capturedAt, null,
                EventSnapshot.ofPartitions(table, List.of(partition)), notificationId);
    }

    private long write(String instance, long sequence, CapturedEvent event) throws Exception {
        try (Connection connection = link.store.dataSource().getConnection()) {
            try (PreparedStatement register = connection.prepareStatement("INSERT IGNORE INTO listener_instance"
                    + " (instance_id, region, started_at_ms, last_contact_at_ms, spooled_tables)"
                    + " VALUES (?, 'a', ?, ?, '')")) {
                register.setString(1, instance);
                register.setLong(2, System.currentTimeMillis());
                register.setLong(3, System.currentTimeMillis());
                register.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement(EventRows.INSERT_STAMPED,
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                List<Object> values = EventRows.insertValues(new StampedEvent(instance, sequence, event),
                        System.currentTimeMillis(), new StraitJson());
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 1, values.get(i));
                }
                statement.executeUpdate();
                try (var keys = statement.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        }
    }
}
