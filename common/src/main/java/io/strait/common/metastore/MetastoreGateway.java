package io.strait.common.metastore;

import io.strait.common.region.RegionId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Strait's narrow view of one region's Hive Metastore. Implementations: {@code ThriftMetastoreGateway}
 * (region-io, the Hive 4 Thrift client) and {@link InMemoryMetastoreGateway}.
 *
 * <p>Failures are {@link io.strait.common.error.StraitException}s: {@code EXTERNAL} when the metastore could not be
 * reached or answered with an error, {@code USER_ERROR} when the request was refused as invalid (e.g. creating an
 * object that already exists). Drops never delete data: Strait's version folders are removed by housekeeping.
 */
public interface MetastoreGateway extends AutoCloseable {
    RegionId region();

    /** The names of every database, sorted. */
    List<String> listDatabases();

    Optional<DatabaseSnapshot> getDatabase(String name);

    void createDatabase(DatabaseSnapshot database);

    /**
     * Replaces the database's description, parameters and owner, and its location and managed location when they
     * are given (an empty one stays as it is).
     */
    void alterDatabase(DatabaseSnapshot database);

    /**
     * Whether this metastore keeps Hive Metastore 4's database fields, a managed location and a remote database's
     * data connector ({@link DatabaseSnapshot#withoutHive4Fields}): 4 does, 3.1 has none.
     */
    default boolean holdsHive4DatabaseFields() {
        return true;
    }

    /** The names of this metastore's data connectors (Hive Metastore 4); none on a metastore without them. */
    default List<String> listDataConnectors() {
        return List.of();
    }

    /** Drops an empty database; data is never deleted. */
    void dropDatabase(String name);

    List<String> listTables(String database);

    Optional<TableSnapshot> getTable(TableRef table);

    void createTable(TableSnapshot table);

    void alterTable(TableSnapshot table);

    /**
     * Renames the table {@code from} to {@code renamed.ref()} and alters it to {@code renamed} in one call (Hive's
     * {@code alter_table} with the new name): its partitions follow with their metadata, statistics and locations; for
     * an external table no data moves (except that a Hive Metastore 4 moves the folder of a table it translated to
     * external, {@code TRANSLATED_TO_EXTERNAL=TRUE}, to the new name's path, one filesystem rename). Fails when
     * {@code from} is missing or the new name exists.
     */
    void renameTable(TableRef from, TableSnapshot renamed);

    /** Drops the table's metadata (and its partitions' metadata); data is never deleted. */
    void dropTable(TableRef table);

    List<PartitionSnapshot> listPartitions(TableRef table);

    Optional<PartitionSnapshot> getPartition(PartitionRef partition);

    void addPartition(PartitionSnapshot partition);

    /** Replaces the partition's location, columns, storage and parameters in one metastore call. */
    void alterPartition(PartitionSnapshot partition);

    /** Drops the partition's metadata; data is never deleted. */
    void dropPartition(PartitionRef partition);

    /**
     * Those of {@code partitions} (all of {@code table}, as the caller read it: its partition keys name what is
     * asked, so the table is not read again) that exist, by reference; one metastore call where the metastore serves
     * it, however many partitions are asked.
     */
    default Map<PartitionRef, PartitionSnapshot> getPartitions(TableSnapshot table, List<PartitionRef> partitions) {
        Map<PartitionRef, PartitionSnapshot> found = new java.util.LinkedHashMap<>();
        partitions.forEach(partition -> getPartition(partition).ifPresent(snapshot -> found.put(partition, snapshot)));
        return found;
    }

    /**
     * Adds partitions of one table, each with its own columns and storage; one metastore call (one metastore
     * transaction: all are added or none) where the metastore serves it, else one {@link #addPartition} each.
     */
    default void addPartitions(List<PartitionSnapshot> partitions) {
        partitions.forEach(this::addPartition);
    }

    /**
     * Replaces the location, columns, storage and parameters of existing partitions of {@code table} (as the caller
     * read it: its partition keys name the partitions); one metastore call where the metastore serves it, else one
     * {@link #alterPartition} each.
     */
    default void alterPartitions(TableSnapshot table, List<PartitionSnapshot> partitions) {
        partitions.forEach(this::alterPartition);
    }

    /**
     * Drops existing partitions of {@code table} (as the caller read it: its partition keys name the partitions);
     * data is never deleted. One metastore call (one metastore transaction: all are dropped or none, and a partition
     * that is not there fails the call) where the metastore serves it, else one {@link #dropPartition} each.
     */
    default void dropPartitions(TableSnapshot table, List<PartitionRef> partitions) {
        partitions.forEach(this::dropPartition);
    }

    /**
     * The column statistics the metastore holds for the table itself (an unpartitioned table's data), for every
     * column that has them, in column order. Empty when there are none.
     */
    List<ColumnStatistic> getTableColumnStatistics(TableRef table);

    /**
     * The column statistics of each of {@code partitions} (all of {@code table}, as the caller read it: its columns
     * and partition keys name what is asked, so the table is not read again) that has any; a partition without
     * statistics is absent from the map.
     */
    Map<PartitionRef, List<ColumnStatistic>> getPartitionColumnStatistics(TableSnapshot table,
            List<PartitionRef> partitions);

    /** Makes the table's own column statistics exactly {@code statistics}: columns not listed lose theirs. */
    void replaceTableColumnStatistics(TableRef table, List<ColumnStatistic> statistics);

    /**
     * Makes the partition's column statistics exactly {@code statistics}: columns not listed lose theirs.
     * {@code table} (its columns and partition keys, as the caller read it or published it) names the partition and
     * its columns, so the table is not read again.
     */
    void replacePartitionColumnStatistics(TableSnapshot table, PartitionRef partition,
            List<ColumnStatistic> statistics);

    /** The table's constraints (every kind), in {@link TableConstraint#ORDER}; empty when it has none. */
    List<TableConstraint> getConstraints(TableRef table);

    /**
     * Makes the table's constraints {@code constraints}: those it has that are not listed (or differ from the one of
     * the same name listed) are dropped, foreign keys first; those listed it lacks are added, keys before the foreign
     * keys that refer to them. A constraint the metastore refuses to add (a foreign key whose parent table or key is
     * not there yet) is left out and the others are written all the same: the result lists each one left out with
     * the metastore's reason, empty when all are written. A table already holding exactly {@code constraints} is
     * not written to.
     */
    List<String> replaceConstraints(TableRef table, List<TableConstraint> constraints);

    /** The foreign keys of any table that refer to {@code parent}'s keys, the table's own ones included. */
    List<ForeignKeyRef> getForeignKeysReferencing(TableRef parent);

    @Override
    void close();
}
