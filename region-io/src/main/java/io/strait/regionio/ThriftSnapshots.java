package io.strait.regionio;

import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.PrincipalType;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;

/**
 * Pure translation between the Hive Metastore's Thrift objects and Strait's snapshots, both ways. Empty snapshot
 * strings become absent Thrift fields (so the metastore chooses, e.g., a database location) and absent Thrift fields
 * become empty strings. Fields the snapshots do not carry (create times, buckets, skew, view text) are left at
 * neutral defaults when building Thrift objects.
 */
public final class ThriftSnapshots {
    private ThriftSnapshots() {
    }

    public static DatabaseSnapshot toSnapshot(Database database) {
        return new DatabaseSnapshot(database.getName(), database.getLocationUri(), database.getDescription(),
                mapOf(database.getParameters()));
    }

    public static Database toThrift(DatabaseSnapshot database) {
        Database thrift = new Database();
        thrift.setName(database.name());
        thrift.setDescription(nullIfEmpty(database.description()));
        thrift.setLocationUri(nullIfEmpty(database.location()));
        thrift.setParameters(new HashMap<>(database.parameters()));
        return thrift;
    }

    public static TableSnapshot toSnapshot(Table table) {
        StorageDescriptor sd = table.getSd();
        return new TableSnapshot(TableRef.of(table.getDbName(), table.getTableName()), table.getTableType(),
                sd == null ? "" : sd.getLocation(), sd == null ? List.of() : columns(sd.getCols()),
                columns(table.getPartitionKeys()), storage(sd), mapOf(table.getParameters()), table.getOwner());
    }

    public static Table toThrift(TableSnapshot table) {
        Table thrift = new Table();
        thrift.setDbName(table.ref().database());
        thrift.setTableName(table.ref().table());
        thrift.setTableType(table.tableType().isEmpty() ? null : table.tableType());
        thrift.setOwner(nullIfEmpty(table.owner()));
        if (!table.owner().isEmpty()) {
            thrift.setOwnerType(PrincipalType.USER);
        }
        thrift.setSd(storageDescriptor(table.location(), table.columns(), table.storage()));
        thrift.setPartitionKeys(fieldSchemas(table.partitionKeys()));
        thrift.setParameters(new HashMap<>(table.parameters()));
        return thrift;
    }

    public static PartitionSnapshot toSnapshot(Partition partition) {
        TableRef table = TableRef.of(partition.getDbName(), partition.getTableName());
        StorageDescriptor sd = partition.getSd();
        return new PartitionSnapshot(PartitionRef.of(table, partition.getValues()),
                sd == null ? "" : sd.getLocation(), storage(sd), mapOf(partition.getParameters()));
    }

    /** A new Thrift partition for {@code partition}; its columns are the table's data columns. */
    public static Partition toThrift(PartitionSnapshot partition, List<ColumnSpec> tableColumns) {
        Partition thrift = new Partition();
        thrift.setDbName(partition.ref().table().database());
        thrift.setTableName(partition.ref().table().table());
        thrift.setValues(new ArrayList<>(partition.ref().values()));
        thrift.setSd(storageDescriptor(partition.location(), tableColumns, partition.storage()));
        thrift.setParameters(new HashMap<>(partition.parameters()));
        return thrift;
    }

    /**
     * {@code existing} with the location, storage format and parameters of {@code partition}; everything else
     * (columns, create time, buckets) kept as the metastore holds it. Does not modify {@code existing}.
     */
    public static Partition withSnapshot(Partition existing, PartitionSnapshot partition) {
        Partition thrift = existing.deepCopy();
        StorageDescriptor sd = thrift.getSd() == null
                ? storageDescriptor("", List.of(), partition.storage()) : thrift.getSd();
        sd.setLocation(nullIfEmpty(partition.location()));
        applyStorage(sd, partition.storage());
        thrift.setSd(sd);
        thrift.setParameters(new HashMap<>(partition.parameters()));
        return thrift;
    }

    public static List<ColumnSpec> columns(List<FieldSchema> fields) {
        if (fields == null) {
            return List.of();
        }
        return fields.stream().map(field -> new ColumnSpec(field.getName(), field.getType(), field.getComment()))
                .toList();
    }

    static List<FieldSchema> fieldSchemas(List<ColumnSpec> columns) {
        List<FieldSchema> fields = new ArrayList<>();
        for (ColumnSpec column : columns) {
            fields.add(new FieldSchema(column.name(), column.type(), nullIfEmpty(column.comment())));
        }
        return fields;
    }

    static StorageFormat storage(StorageDescriptor sd) {
        if (sd == null) {
            return new StorageFormat("", "", "", Map.of());
        }
        SerDeInfo serde = sd.getSerdeInfo();
        return new StorageFormat(sd.getInputFormat(), sd.getOutputFormat(),
                serde == null ? "" : serde.getSerializationLib(),
                serde == null ? Map.of() : mapOf(serde.getParameters()));
    }

    private static StorageDescriptor storageDescriptor(String location, List<ColumnSpec> columns,
            StorageFormat storage) {
        StorageDescriptor sd = new StorageDescriptor();
        sd.setCols(fieldSchemas(columns));
        sd.setLocation(nullIfEmpty(location));
        sd.setCompressed(false);
        sd.setNumBuckets(-1);
        sd.setBucketCols(new ArrayList<>());
        sd.setSortCols(new ArrayList<>());
        sd.setParameters(new HashMap<>());
        applyStorage(sd, storage);
        return sd;
    }

    private static void applyStorage(StorageDescriptor sd, StorageFormat storage) {
        sd.setInputFormat(nullIfEmpty(storage.inputFormat()));
        sd.setOutputFormat(nullIfEmpty(storage.outputFormat()));
        SerDeInfo serde = sd.getSerdeInfo() == null ? new SerDeInfo() : sd.getSerdeInfo();
        serde.setSerializationLib(nullIfEmpty(storage.serializationLib()));
        serde.setParameters(new HashMap<>(storage.serdeParameters()));
        sd.setSerdeInfo(serde);
    }

    private static Map<String, String> mapOf(Map<String, String> parameters) {
        if (parameters == null) {
            return Map.of();
        }
        Map<String, String> copy = new HashMap<>();
        parameters.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }

    private static String nullIfEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
