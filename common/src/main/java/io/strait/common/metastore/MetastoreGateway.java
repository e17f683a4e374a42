package io.strait.common.metastore;

import io.strait.common.region.RegionId;
import java.util.List;
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

    Optional<DatabaseSnapshot> getDatabase(String name);

    void createDatabase(DatabaseSnapshot database);

    /** Replaces the database's description and parameters; its location stays as it is. */
    void alterDatabase(DatabaseSnapshot database);

    /** Drops an empty database; data is never deleted. */
    void dropDatabase(String name);

    List<String> listTables(String database);

    Optional<TableSnapshot> getTable(TableRef table);

    void createTable(TableSnapshot table);

    void alterTable(TableSnapshot table);

    /** Drops the table's metadata (and its partitions' metadata); data is never deleted. */
    void dropTable(TableRef table);

    List<PartitionSnapshot> listPartitions(TableRef table);

    Optional<PartitionSnapshot> getPartition(PartitionRef partition);

    void addPartition(PartitionSnapshot partition);

    /** Replaces the partition's location, storage and parameters in one metastore call. */
    void alterPartition(PartitionSnapshot partition);

    /** Drops the partition's metadata; data is never deleted. */
    void dropPartition(PartitionRef partition);

    @Override
    void close();
}
