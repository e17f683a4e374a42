package io.strait.common.metastore;

import io.strait.common.error.StraitException;
import io.strait.common.region.RegionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/** The in-memory twin of {@link MetastoreGateway}, with the same refusals as a real metastore. */
public final class InMemoryMetastoreGateway implements MetastoreGateway {
    private final RegionId region;
    private final Map<String, DatabaseSnapshot> databases = new ConcurrentSkipListMap<>();
    private final Map<TableRef, TableSnapshot> tables = new ConcurrentSkipListMap<>();
    private final Map<TableRef, Map<List<String>, PartitionSnapshot>> partitions = new ConcurrentSkipListMap<>();
    private final Map<TableRef, List<ColumnStatistic>> tableStatistics = new ConcurrentHashMap<>();
    private final Map<PartitionRef, List<ColumnStatistic>> partitionStatistics = new ConcurrentHashMap<>();
    private final Map<TableRef, List<TableConstraint>> constraints = new ConcurrentHashMap<>();

    private final boolean hive4DatabaseFields;

    /** An empty metastore that keeps Hive Metastore 4's database fields. */
    public InMemoryMetastoreGateway(RegionId region) {
        this(region, true);
    }

    private InMemoryMetastoreGateway(RegionId region, boolean hive4DatabaseFields) {
        this.region = Objects.requireNonNull(region, "region");
        this.hive4DatabaseFields = hive4DatabaseFields;
    }

    /** An empty metastore that, like Hive Metastore 3.1, keeps no managed location and no remote database. */
    public static InMemoryMetastoreGateway withoutHive4DatabaseFields(RegionId region) {
        return new InMemoryMetastoreGateway(region, false);
    }

    @Override
    public boolean holdsHive4DatabaseFields() {
        return hive4DatabaseFields;
    }

    @Override
    public RegionId region() {
        return region;
    }

    @Override
    public List<String> listDatabases() {
        return List.copyOf(databases.keySet());
    }

    @Override
    public Optional<DatabaseSnapshot> getDatabase(String name) {
        return Optional.ofNullable(databases.get(lower(name)));
    }

    @Override
    public synchronized void createDatabase(DatabaseSnapshot database) {
        DatabaseSnapshot kept = hive4DatabaseFields ? database : database.withoutHive4Fields();
        if (databases.putIfAbsent(lower(database.name()), kept) != null) {
            throw StraitException.userError("Cannot create database " + database.name() + ": it already exists");
        }
    }

    @Override
    public synchronized void alterDatabase(DatabaseSnapshot database) {
        requireDatabase(database.name());
        DatabaseSnapshot existing = databases.get(lower(database.name()));
        // as a metastore does: a location given moves the database, and no alter changes its kind (remote or not)
        DatabaseSnapshot altered = new DatabaseSnapshot(existing.name(),
                database.location().isEmpty() ? existing.location() : database.location(),
                database.description(), database.parameters(), database.owner(),
                database.managedLocation().isEmpty() ? existing.managedLocation() : database.managedLocation(),
                existing.remote());
        databases.put(lower(database.name()), hive4DatabaseFields ? altered : altered.withoutHive4Fields());
    }

    @Override
    public synchronized void dropDatabase(String name) {
        if (!listTables(name).isEmpty()) {
            throw StraitException.userError("Cannot drop database " + name + ": it still has tables");
        }
        databases.remove(lower(name));
    }

    @Override
    public List<String> listTables(String database) {
        return tables.keySet().stream().filter(ref -> ref.database().equals(lower(database))).map(TableRef::table)
                .toList();
    }

    @Override
    public Optional<TableSnapshot> getTable(TableRef table) {
        return Optional.ofNullable(tables.get(table));
    }

    @Override
    public synchronized void createTable(TableSnapshot table) {
        requireDatabase(table.ref().database());
        if (tables.putIfAbsent(table.ref(), table) != null) {
            throw StraitException.userError("Cannot create table " + table.ref() + ": it already exists");
        }
        partitions.put(table.ref(), new ConcurrentSkipListMap<>(InMemoryMetastoreGateway::compareValues));
    }

    @Override
    public synchronized void alterTable(TableSnapshot table) {
        requireTable(table.ref());
        tables.put(table.ref(), table);
    }

    @Override
    public synchronized void renameTable(TableRef from, TableSnapshot renamed) {
        requireTable(from);
        requireDatabase(renamed.ref().database());
        TableRef to = renamed.ref();
        if (tables.containsKey(to)) {
            throw StraitException.userError("Cannot rename table " + from + " to " + to + ": " + to
                    + " already exists");
        }
        tables.remove(from);
        tables.put(to, renamed);
        Map<List<String>, PartitionSnapshot> moved = new ConcurrentSkipListMap<>(
                InMemoryMetastoreGateway::compareValues);
        partitions.remove(from).forEach((values, partition) -> moved.put(values, new PartitionSnapshot(
                new PartitionRef(to, values), partition.location(), partition.columns(), partition.storage(),
                partition.parameters())));
        partitions.put(to, moved);
        List<ColumnStatistic> statistics = tableStatistics.remove(from);
        if (statistics != null) {
            tableStatistics.put(to, statistics);
        }
        List<TableConstraint> held = constraints.remove(from);
        if (held != null) {
            constraints.put(to, held);
        }
        for (PartitionRef partition : List.copyOf(partitionStatistics.keySet())) {
            if (partition.table().equals(from)) {
                partitionStatistics.put(new PartitionRef(to, partition.values()),
                        partitionStatistics.remove(partition));
            }
        }
    }

    @Override
    public synchronized void dropTable(TableRef table) {
        requireTable(table);
        tables.remove(table);
        partitions.remove(table);
        tableStatistics.remove(table);
        constraints.remove(table);
        partitionStatistics.keySet().removeIf(partition -> partition.table().equals(table));
    }

    @Override
    public List<PartitionSnapshot> listPartitions(TableRef table) {
        requireTable(table);
        return new ArrayList<>(partitions.get(table).values());
    }

    @Override
    public Optional<PartitionSnapshot> getPartition(PartitionRef partition) {
        Map<List<String>, PartitionSnapshot> ofTable = partitions.get(partition.table());
        return ofTable == null ? Optional.empty() : Optional.ofNullable(ofTable.get(partition.values()));
    }

    @Override
    public synchronized void addPartition(PartitionSnapshot partition) {
        TableSnapshot table = requireTable(partition.ref().table());
        if (table.partitionKeys().size() != partition.ref().values().size()) {
            throw StraitException.userError("Cannot add partition " + partition.ref() + ": table has keys "
                    + table.partitionKeys());
        }
        if (partitions.get(table.ref()).putIfAbsent(partition.ref().values(), partition) != null) {
            throw StraitException.userError("Cannot add partition " + partition.ref() + ": it already exists");
        }
    }

    @Override
    public synchronized void alterPartition(PartitionSnapshot partition) {
        requirePartition(partition.ref());
        partitions.get(partition.ref().table()).put(partition.ref().values(), partition);
    }

    @Override
    public synchronized void dropPartition(PartitionRef partition) {
        requirePartition(partition);
        partitions.get(partition.table()).remove(partition.values());
        partitionStatistics.remove(partition);
    }

    /** All or none, as one metastore transaction: a partition not there (or given twice) drops nothing. */
    @Override
    public synchronized void dropPartitions(TableSnapshot table, List<PartitionRef> wanted) {
        requireTable(table.ref());
        if (new java.util.HashSet<>(wanted).size() != wanted.size()) {
            throw StraitException.userError("Cannot drop partitions of " + table.ref() + ": one is named twice in "
                    + wanted);
        }
        for (PartitionRef partition : wanted) {
            if (!partition.table().equals(table.ref())) {
                throw new IllegalArgumentException("partition " + partition + " is not of table " + table.ref());
            }
            requirePartition(partition);
        }
        wanted.forEach(this::dropPartition);
    }

    @Override
    public List<ColumnStatistic> getTableColumnStatistics(TableRef table) {
        requireTable(table);
        return tableStatistics.getOrDefault(table, List.of());
    }

    @Override
    public Map<PartitionRef, List<ColumnStatistic>> getPartitionColumnStatistics(TableSnapshot table,
            List<PartitionRef> wanted) {
        requireTable(table.ref());
        return wanted.stream().filter(partitionStatistics::containsKey)
                .collect(Collectors.toMap(partition -> partition, partitionStatistics::get));
    }

    @Override
    public synchronized void replaceTableColumnStatistics(TableRef table, List<ColumnStatistic> statistics) {
        requireTable(table);
        store(tableStatistics, table, statistics);
    }

    @Override
    public synchronized void replacePartitionColumnStatistics(TableSnapshot table, PartitionRef partition,
            List<ColumnStatistic> statistics) {
        requirePartition(partition);
        store(partitionStatistics, partition, statistics);
    }

    @Override
    public List<TableConstraint> getConstraints(TableRef table) {
        requireTable(table);
        return constraints.getOrDefault(table, List.of());
    }

    /**
     * Keeps every constraint given but, as a metastore does, a foreign key whose parent table does not exist or lacks
     * the key it refers to: that one is left out.
     */
    @Override
    public synchronized List<String> replaceConstraints(TableRef table, List<TableConstraint> wanted) {
        requireTable(table);
        List<TableConstraint> kept = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (TableConstraint constraint : TableConstraint.sorted(wanted)) {
            if (constraint.kind() != TableConstraint.Kind.FOREIGN_KEY || hasReferencedKey(table, constraint, kept)) {
                kept.add(constraint);
            } else {
                leftOut.add(constraint.describe() + ": parent key " + constraint.referencedTable() + "."
                        + constraint.referencedConstraint() + " does not exist");
            }
        }
        if (kept.isEmpty()) {
            constraints.remove(table);
        } else {
            constraints.put(table, List.copyOf(kept));
        }
        return leftOut;
    }

    private boolean hasReferencedKey(TableRef table, TableConstraint foreignKey, List<TableConstraint> ownKept) {
        TableRef parent = TableRef.parse(foreignKey.referencedTable());
        List<TableConstraint> parentKeys = parent.equals(table) ? ownKept : constraints.getOrDefault(parent, List.of());
        return tables.containsKey(parent) && parentKeys.stream().anyMatch(key -> key.isKey()
                && (foreignKey.referencedConstraint().isEmpty() || key.name().equals(foreignKey.referencedConstraint())));
    }

    @Override
    public List<ForeignKeyRef> getForeignKeysReferencing(TableRef parent) {
        List<ForeignKeyRef> keys = new ArrayList<>();
        constraints.forEach((table, held) -> held.stream()
                .filter(constraint -> constraint.kind() == TableConstraint.Kind.FOREIGN_KEY
                        && TableRef.parse(constraint.referencedTable()).equals(parent))
                .forEach(constraint -> keys.add(new ForeignKeyRef(table, constraint.name()))));
        return keys;
    }

    private static <K> void store(Map<K, List<ColumnStatistic>> statisticsByObject, K object,
            List<ColumnStatistic> statistics) {
        if (statistics.isEmpty()) {
            statisticsByObject.remove(object);
        } else {
            statisticsByObject.put(object, List.copyOf(statistics));
        }
    }

    @Override
    public void close() {
    }

    private void requireDatabase(String name) {
        if (!databases.containsKey(lower(name))) {
            throw StraitException.userError("Cannot find database " + name + " in region " + region);
        }
    }

    private TableSnapshot requireTable(TableRef table) {
        TableSnapshot snapshot = tables.get(table);
        if (snapshot == null) {
            throw StraitException.userError("Cannot find table " + table + " in region " + region);
        }
        return snapshot;
    }

    private void requirePartition(PartitionRef partition) {
        if (getPartition(partition).isEmpty()) {
            throw StraitException.userError("Cannot find partition " + partition + " in region " + region);
        }
    }

    /** Hive's metastore keeps database names in lower case. */
    private static String lower(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    private static int compareValues(List<String> left, List<String> right) {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int compared = left.get(i).compareTo(right.get(i));
            if (compared != 0) {
                return compared;
            }
        }
        return Integer.compare(left.size(), right.size());
    }
}
