package io.strait.common.event;

import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableSnapshot;
import java.util.List;
import java.util.Objects;

/**
 * The objects an event concerns, as the metastore held them when the event fired. Fields that do not apply to an
 * event type are null (objects) or empty (lists). For ALTER events {@code previousTable} /
 * {@code previousPartitions} hold the objects before the change (a rename shows a different name there).
 * {@code insertedFiles} are the file URIs an INSERT event names.
 */
public record EventSnapshot(DatabaseSnapshot database, TableSnapshot table, List<PartitionSnapshot> partitions,
        TableSnapshot previousTable, List<PartitionSnapshot> previousPartitions, List<String> insertedFiles) {
    public EventSnapshot {
        partitions = List.copyOf(Objects.requireNonNullElse(partitions, List.of()));
        previousPartitions = List.copyOf(Objects.requireNonNullElse(previousPartitions, List.of()));
        insertedFiles = List.copyOf(Objects.requireNonNullElse(insertedFiles, List.of()));
    }

    public static EventSnapshot ofDatabase(DatabaseSnapshot database) {
        return new EventSnapshot(database, null, List.of(), null, List.of(), List.of());
    }

    public static EventSnapshot ofTable(TableSnapshot table) {
        return new EventSnapshot(null, table, List.of(), null, List.of(), List.of());
    }

    public static EventSnapshot ofPartitions(TableSnapshot table, List<PartitionSnapshot> partitions) {
        return new EventSnapshot(null, table, partitions, null, List.of(), List.of());
    }
}
