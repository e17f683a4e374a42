package io.strait.thrift;

import io.strait.common.metastore.Bucketing;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.Owner;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.RemoteSource;
import io.strait.common.metastore.Skew;
import io.strait.common.metastore.SortColumn;
import io.strait.common.metastore.SerdeDetails;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.metastore.ViewText;
import io.strait.common.region.Locations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.DatabaseType;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Order;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.PrincipalType;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.SerdeType;
import org.apache.hadoop.hive.metastore.api.SkewedInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;

/**
 * The one translation between the Hive Metastore's Thrift objects and Strait's snapshots, both ways, field by field:
 * what a reader or engine uses survives the round trip (columns per partition, formats, serde, bucketing, sort
 * columns, skew, stored-as-subdirectories, descriptor parameters, owner, view text). Empty snapshot strings become
 * absent Thrift fields (so the metastore chooses, e.g., a database location) and absent Thrift fields become empty
 * strings; locations are read in {@link Locations#canonical} spelling. Fields a metastore sets itself (create and
 * access times, ids, write ids) are not carried. Pure.
 */
public final class ThriftSnapshots {
    /**
     * Whether the Thrift classes on the class path know Hive Metastore 4's database fields (managed location, type,
     * data connector, remote name). The listener runs on a 3.1 metastore's own classes, whose {@code Database} has
     * none of them: only {@link Hive4Databases} touches them, and only when they exist.
     */
    private static final boolean HIVE_4_DATABASES = java.util.Arrays.stream(Database.class.getMethods())
            .anyMatch(method -> method.getName().equals("getConnector_name"));

    private ThriftSnapshots() {
    }

    public static DatabaseSnapshot toSnapshot(Database database) {
        DatabaseSnapshot snapshot = new DatabaseSnapshot(database.getName(), location(database.getLocationUri()),
                database.getDescription(), clean(database.getParameters()),
                new Owner(database.getOwnerName(), principalType(database.getOwnerType())));
        return HIVE_4_DATABASES ? Hive4Databases.read(database, snapshot) : snapshot;
    }

    public static Database toThrift(DatabaseSnapshot database) {
        Database thrift = new Database();
        thrift.setName(database.name());
        thrift.setDescription(nullIfEmpty(database.description()));
        thrift.setLocationUri(nullIfEmpty(database.location()));
        if (HIVE_4_DATABASES) {
            Hive4Databases.write(database, thrift); // a 3.1 server skips these fields
        }
        thrift.setParameters(new HashMap<>(database.parameters()));
        applyOwner(database.owner(), thrift::setOwnerName, thrift::setOwnerType);
        return thrift;
    }

    /** Hive Metastore 4's database fields; loaded only where the Thrift classes have them. */
    private static final class Hive4Databases {
        private Hive4Databases() {
        }

        static DatabaseSnapshot read(Database database, DatabaseSnapshot snapshot) {
            RemoteSource remote = database.getType() == DatabaseType.REMOTE
                    ? new RemoteSource(database.getConnector_name(), database.getRemote_dbname())
                    : RemoteSource.NONE;
            return new DatabaseSnapshot(snapshot.name(), snapshot.location(), snapshot.description(),
                    snapshot.parameters(), snapshot.owner(), location(database.getManagedLocationUri()), remote);
        }

        static void write(DatabaseSnapshot database, Database thrift) {
            thrift.setManagedLocationUri(nullIfEmpty(database.managedLocation()));
            if (database.remote().isRemote()) {
                thrift.setType(DatabaseType.REMOTE);
                thrift.setConnector_name(database.remote().connector());
                thrift.setRemote_dbname(nullIfEmpty(database.remote().remoteDatabase()));
            }
        }
    }

    public static TableSnapshot toSnapshot(Table table) {
        StorageDescriptor sd = table.getSd();
        return new TableSnapshot(TableRef.of(table.getDbName(), table.getTableName()), table.getTableType(),
                sd == null ? "" : location(sd.getLocation()), sd == null ? List.of() : columns(sd.getCols()),
                columns(table.getPartitionKeys()), storage(sd), clean(table.getParameters()),
                new Owner(table.getOwner(), principalType(table.getOwnerType())),
                new ViewText(table.getViewOriginalText(), table.getViewExpandedText()));
    }

    public static Table toThrift(TableSnapshot table) {
        Table thrift = new Table();
        thrift.setDbName(table.ref().database());
        thrift.setTableName(table.ref().table());
        thrift.setTableType(nullIfEmpty(table.tableType()));
        applyOwner(table.owner(), thrift::setOwner, thrift::setOwnerType);
        thrift.setSd(storageDescriptor(table.location(), table.columns(), table.storage()));
        thrift.setPartitionKeys(fieldSchemas(table.partitionKeys()));
        thrift.setParameters(new HashMap<>(table.parameters()));
        thrift.setViewOriginalText(nullIfEmpty(table.view().originalText()));
        thrift.setViewExpandedText(nullIfEmpty(table.view().expandedText()));
        return thrift;
    }

    public static PartitionSnapshot toSnapshot(Partition partition) {
        return toSnapshot(TableRef.of(partition.getDbName(), partition.getTableName()), partition);
    }

    /** The partition of {@code table} (events may carry partitions without their table's names). */
    public static PartitionSnapshot toSnapshot(TableRef table, Partition partition) {
        StorageDescriptor sd = partition.getSd();
        return new PartitionSnapshot(PartitionRef.of(table, partition.getValues()),
                sd == null ? "" : location(sd.getLocation()), sd == null ? List.of() : columns(sd.getCols()),
                storage(sd), clean(partition.getParameters()));
    }

    /** A new Thrift partition for {@code partition}, with its own columns and storage. */
    public static Partition toThrift(PartitionSnapshot partition) {
        Partition thrift = new Partition();
        thrift.setDbName(partition.ref().table().database());
        thrift.setTableName(partition.ref().table().table());
        thrift.setValues(new ArrayList<>(partition.ref().values()));
        thrift.setSd(storageDescriptor(partition.location(), partition.columns(), partition.storage()));
        thrift.setParameters(new HashMap<>(partition.parameters()));
        return thrift;
    }

    /**
     * {@code existing} with everything {@code partition} carries (location, columns, storage, parameters); what the
     * metastore sets itself (create time, write id) kept as it holds it. Does not modify {@code existing}.
     */
    public static Partition withSnapshot(Partition existing, PartitionSnapshot partition) {
        Partition thrift = existing.deepCopy();
        thrift.setSd(storageDescriptor(partition.location(), partition.columns(), partition.storage()));
        thrift.setParameters(new HashMap<>(partition.parameters()));
        return thrift;
    }

    /**
     * Whether altering {@code existing} into {@code changed} removes serde or storage parameters from a partition
     * stored without columns. Hive Metastore 4.0.1 merges those two maps instead of replacing them on the first
     * alter of such a partition (one it holds without a column descriptor): the removed keys stay. After one alter
     * the partition has a column descriptor (the metastore gives it the table's columns), and later alters replace
     * the maps; so such a partition is first altered unchanged.
     */
    public static boolean removesParametersOfAPartitionWithoutColumns(Partition existing, Partition changed) {
        StorageDescriptor before = existing.getSd();
        StorageDescriptor after = changed.getSd();
        if (before == null || after == null || (before.getCols() != null && !before.getCols().isEmpty())) {
            return false;
        }
        return removesKeys(before.getParameters(), after.getParameters())
                || removesKeys(serdeParameters(before), serdeParameters(after));
    }

    private static Map<String, String> serdeParameters(StorageDescriptor sd) {
        return sd.getSerdeInfo() == null ? null : sd.getSerdeInfo().getParameters();
    }

    private static boolean removesKeys(Map<String, String> before, Map<String, String> after) {
        return before != null && !before.isEmpty()
                && (after == null || !after.keySet().containsAll(before.keySet()));
    }

    public static List<ColumnSpec> columns(List<FieldSchema> fields) {
        if (fields == null) {
            return List.of();
        }
        return fields.stream().map(field -> new ColumnSpec(field.getName(),
                field.getType() == null ? "" : field.getType(), field.getComment())).toList();
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
            return StorageFormat.NONE;
        }
        SerDeInfo serde = sd.getSerdeInfo();
        return new StorageFormat(sd.getInputFormat(), sd.getOutputFormat(),
                serde == null ? "" : serde.getSerializationLib(),
                serde == null ? Map.of() : clean(serde.getParameters()), serde == null ? "" : serde.getName(),
                sd.isCompressed(), bucketing(sd), skew(sd.getSkewedInfo()), sd.isStoredAsSubDirectories(),
                clean(sd.getParameters()), serde == null ? SerdeDetails.NONE : serdeDetails(serde));
    }

    private static SerdeDetails serdeDetails(SerDeInfo serde) {
        return new SerdeDetails(serde.getDescription(), serde.getSerializerClass(), serde.getDeserializerClass(),
                serde.getSerdeType() == null ? "" : serde.getSerdeType().name());
    }

    private static void applySerdeDetails(SerdeDetails details, SerDeInfo serde) {
        serde.setDescription(nullIfEmpty(details.description()));
        serde.setSerializerClass(nullIfEmpty(details.serializerClass()));
        serde.setDeserializerClass(nullIfEmpty(details.deserializerClass()));
        serde.setSerdeType(details.serdeType().isEmpty() ? null : SerdeType.valueOf(details.serdeType()));
    }

    private static Bucketing bucketing(StorageDescriptor sd) {
        List<SortColumn> sortColumns = sd.getSortCols() == null ? List.of() : sd.getSortCols().stream()
                .map(order -> new SortColumn(order.getCol(), order.getOrder())).toList();
        return new Bucketing(sd.isSetNumBuckets() ? sd.getNumBuckets() : -1, sd.getBucketCols(), sortColumns);
    }

    private static Skew skew(SkewedInfo info) {
        if (info == null) {
            return Skew.NONE;
        }
        List<Skew.SkewedLocation> locations = new ArrayList<>();
        if (info.getSkewedColValueLocationMaps() != null) {
            info.getSkewedColValueLocationMaps().forEach((values, location) ->
                    locations.add(new Skew.SkewedLocation(values, location(location))));
        }
        locations.sort((left, right) -> String.join("\u0000", left.values())
                .compareTo(String.join("\u0000", right.values())));
        return new Skew(info.getSkewedColNames(), info.getSkewedColValues(), locations);
    }

    private static StorageDescriptor storageDescriptor(String location, List<ColumnSpec> columns,
            StorageFormat storage) {
        StorageDescriptor sd = new StorageDescriptor();
        sd.setCols(fieldSchemas(columns));
        sd.setLocation(nullIfEmpty(location));
        sd.setInputFormat(nullIfEmpty(storage.inputFormat()));
        sd.setOutputFormat(nullIfEmpty(storage.outputFormat()));
        SerDeInfo serde = new SerDeInfo();
        serde.setName(nullIfEmpty(storage.serdeName()));
        serde.setSerializationLib(nullIfEmpty(storage.serializationLib()));
        serde.setParameters(new HashMap<>(storage.serdeParameters()));
        applySerdeDetails(storage.serdeDetails(), serde);
        sd.setSerdeInfo(serde);
        sd.setCompressed(storage.compressed());
        sd.setNumBuckets(storage.bucketing().numBuckets());
        sd.setBucketCols(new ArrayList<>(storage.bucketing().bucketColumns()));
        sd.setSortCols(storage.bucketing().sortColumns().stream()
                .map(sort -> new Order(sort.column(), sort.order())).collect(ArrayList::new, List::add, List::addAll));
        sd.setSkewedInfo(skewedInfo(storage.skew()));
        sd.setStoredAsSubDirectories(storage.storedAsSubDirectories());
        sd.setParameters(new HashMap<>(storage.parameters()));
        return sd;
    }

    private static SkewedInfo skewedInfo(Skew skew) {
        SkewedInfo info = new SkewedInfo();
        info.setSkewedColNames(new ArrayList<>(skew.columns()));
        info.setSkewedColValues(skew.values().stream().map(values -> (List<String>) new ArrayList<>(values))
                .collect(ArrayList::new, List::add, List::addAll));
        Map<List<String>, String> locations = new HashMap<>();
        skew.locations().forEach(location -> locations.put(new ArrayList<>(location.values()), location.location()));
        info.setSkewedColValueLocationMaps(locations);
        return info;
    }

    private static void applyOwner(Owner owner, java.util.function.Consumer<String> name,
            java.util.function.Consumer<PrincipalType> type) {
        name.accept(nullIfEmpty(owner.name()));
        if (!owner.name().isEmpty()) {
            type.accept(owner.type().isEmpty() ? PrincipalType.USER : PrincipalType.valueOf(owner.type()));
        }
    }

    private static String principalType(PrincipalType type) {
        return type == null ? "" : type.name();
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

    private static String nullIfEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
