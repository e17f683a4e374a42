package io.strait.listener;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import io.strait.thrift.ThriftSnapshots;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.Table;

/** Builds the {@link CapturedEvent} of each metastore event from the Thrift objects the event carries. */
final class EventTranslator {
    private final RegionId region;
    private final Clock clock;

    EventTranslator(RegionId region, Clock clock) {
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    CapturedEvent database(EventType type, Database database) {
        EventSnapshot snapshot = EventSnapshot.ofDatabase(ThriftSnapshots.toSnapshot(database));
        return captured(type, database.getName().toLowerCase(Locale.ROOT), "", snapshot);
    }

    /** CREATE_TABLE and DROP_TABLE. */
    CapturedEvent table(EventType type, Table table) {
        return tableEvent(type, EventSnapshot.ofTable(ThriftSnapshots.toSnapshot(table)));
    }

    /** ALTER_TABLE: the table after the change, and before it (a rename shows the old name there). */
    CapturedEvent alterTable(Table previous, Table current) {
        return alterTable(previous, current, List.of());
    }

    /**
     * ALTER_TABLE with {@code partitions} of the table after the change: a rename carries every partition of the
     * renamed table, so that the replica is complete under its new name.
     */
    CapturedEvent alterTable(Table previous, Table current, List<Partition> partitions) {
        TableSnapshot after = ThriftSnapshots.toSnapshot(current);
        return tableEvent(EventType.ALTER_TABLE, new EventSnapshot(null, after,
                partitions.stream().map(partition -> ThriftSnapshots.toSnapshot(after.ref(), partition)).toList(),
                ThriftSnapshots.toSnapshot(previous), List.of(), List.of()));
    }

    /** ADD_PARTITION and DROP_PARTITION: every partition of the metastore call in one event. */
    CapturedEvent partitions(EventType type, Table table, List<Partition> partitions) {
        TableSnapshot owner = ThriftSnapshots.toSnapshot(table);
        return tableEvent(type, EventSnapshot.ofPartitions(owner, partitions.stream().map(partition -> ThriftSnapshots.toSnapshot(owner.ref(), partition)).toList()));
    }

    /** ALTER_PARTITION: the partition after and before the change. */
    CapturedEvent alterPartition(Table table, Partition previous, Partition current) {
        TableSnapshot owner = ThriftSnapshots.toSnapshot(table);
        PartitionSnapshot after = ThriftSnapshots.toSnapshot(owner.ref(), current);
        PartitionSnapshot before = ThriftSnapshots.toSnapshot(owner.ref(), previous);
        return tableEvent(EventType.ALTER_PARTITION,
                new EventSnapshot(null, owner, List.of(after), null, List.of(before), List.of()));
    }

    /** INSERT: the files a writer added to a table, or to one partition when {@code partition} is not null. */
    CapturedEvent insert(Table table, Partition partition, List<String> files) {
        TableSnapshot owner = ThriftSnapshots.toSnapshot(table);
        List<PartitionSnapshot> partitions = partition == null
                ? List.of() : List.of(ThriftSnapshots.toSnapshot(owner.ref(), partition));
        List<String> inserted = files == null ? List.of() : files.stream().filter(Objects::nonNull).toList();
        return tableEvent(EventType.INSERT,
                new EventSnapshot(null, owner, partitions, null, List.of(), inserted));
    }

    /**
     * COLUMN_STATISTICS: statistics of {@code table} (null when the metastore's event did not carry it) or of its
     * partition {@code partitionValues} (empty for the table itself) were written or deleted.
     */
    CapturedEvent columnStatistics(String database, String tableName, Table table, List<String> partitionValues) {
        TableRef ref = TableRef.of(database, tableName);
        TableSnapshot owner = table == null ? null : ThriftSnapshots.toSnapshot(table);
        List<PartitionSnapshot> partitions = partitionValues == null || partitionValues.isEmpty() ? List.of()
                : List.of(new PartitionSnapshot(PartitionRef.of(ref, partitionValues), "", StorageFormat.NONE,
                        Map.of()));
        return captured(EventType.COLUMN_STATISTICS, ref.database(), ref.table(),
                new EventSnapshot(null, owner, partitions, null, List.of(), List.of()));
    }

    /**
     * CONSTRAINTS: a constraint of the table was added or dropped. The event names the table only (no snapshot):
     * the job reads the table's constraints from the source when it runs.
     */
    CapturedEvent constraints(String database, String table) {
        TableRef ref = TableRef.of(database, table);
        return captured(EventType.CONSTRAINTS, ref.database(), ref.table(),
                new EventSnapshot(null, null, List.of(), null, List.of(), List.of()));
    }

    private CapturedEvent tableEvent(EventType type, EventSnapshot snapshot) {
        return captured(type, snapshot.table().ref().database(), snapshot.table().ref().table(), snapshot);
    }

    private CapturedEvent captured(EventType type, String database, String table, EventSnapshot snapshot) {
        return new CapturedEvent(region, type, database, table, clock.millis(), EventOrigin.of(snapshot), snapshot);
    }
}
