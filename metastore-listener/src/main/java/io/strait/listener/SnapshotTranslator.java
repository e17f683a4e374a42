package io.strait.listener;

import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.Locations;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;

/**
 * Turns the metastore's Thrift objects into Strait's snapshots. Absent parts (a view has no storage location, a
 * table without parameters) become empty values; locations are written in {@link Locations#canonical} spelling.
 */
final class SnapshotTranslator {
    private static final StorageFormat NO_STORAGE = new StorageFormat("", "", "", Map.of());

    DatabaseSnapshot database(Database database) {
        return new DatabaseSnapshot(database.getName(), location(database.getLocationUri()),
                database.getDescription(), clean(database.getParameters()));
    }

    TableSnapshot table(Table table) {
        StorageDescriptor storage = table.getSd();
        return new TableSnapshot(TableRef.of(table.getDbName(), table.getTableName()), table.getTableType(),
                storage == null ? "" : location(storage.getLocation()),
                storage == null ? List.of() : columns(storage.getCols()),
                columns(table.getPartitionKeys()), storage(storage), clean(table.getParameters()), table.getOwner());
    }

    PartitionSnapshot partition(TableRef table, Partition partition) {
        StorageDescriptor storage = partition.getSd();
        return new PartitionSnapshot(PartitionRef.of(table, partition.getValues()),
                storage == null ? "" : location(storage.getLocation()), storage(storage),
                clean(partition.getParameters()));
    }

    List<PartitionSnapshot> partitions(TableRef table, List<Partition> partitions) {
        return partitions.stream().map(partition -> partition(table, partition)).toList();
    }

    private static List<ColumnSpec> columns(List<FieldSchema> fields) {
        if (fields == null) {
            return List.of();
        }
        return fields.stream().map(field -> new ColumnSpec(field.getName(), Objects.requireNonNullElse(field.getType(), ""),
                        field.getComment()))
                .toList();
    }

    private static StorageFormat storage(StorageDescriptor storage) {
        if (storage == null) {
            return NO_STORAGE;
        }
        SerDeInfo serde = storage.getSerdeInfo();
        return new StorageFormat(storage.getInputFormat(), storage.getOutputFormat(),
                serde == null ? "" : serde.getSerializationLib(), serde == null ? Map.of() : clean(serde.getParameters()));
    }

    /** The entries with a key and a value: Thrift maps may hold nulls, Strait's values never do. */
    private static Map<String, String> clean(Map<String, String> parameters) {
        Map<String, String> result = new TreeMap<>();
        if (parameters != null) {
            parameters.forEach((key, value) -> {
                if (key != null && value != null) {
                    result.put(key, value);
                }
            });
        }
        return result;
    }

    private static String location(String location) {
        return location == null || location.isEmpty() ? "" : Locations.canonical(location);
    }
}
