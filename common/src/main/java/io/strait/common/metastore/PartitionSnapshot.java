package io.strait.common.metastore;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A partition as a metastore holds it, with its own columns and storage: Hive keeps a schema per partition (a
 * partition written before a column was added keeps the old columns), and readers use the partition's, never the
 * table's.
 */
public record PartitionSnapshot(PartitionRef ref, String location, List<ColumnSpec> columns, StorageFormat storage,
        Map<String, String> parameters) {
    public PartitionSnapshot {
        Objects.requireNonNull(ref, "ref");
        location = location == null ? "" : location;
        columns = List.copyOf(Objects.requireNonNullElse(columns, List.of()));
        storage = Objects.requireNonNullElse(storage, StorageFormat.NONE);
        parameters = Map.copyOf(Objects.requireNonNullElse(parameters, Map.of()));
    }

    /** A partition without columns of its own (in-memory metastores and tests). */
    public PartitionSnapshot(PartitionRef ref, String location, StorageFormat storage, Map<String, String> parameters) {
        this(ref, location, List.of(), storage, parameters);
    }

    public PartitionSnapshot withLocation(String newLocation) {
        return new PartitionSnapshot(ref, newLocation, columns, storage, parameters);
    }

    public PartitionSnapshot withParameters(Map<String, String> newParameters) {
        return new PartitionSnapshot(ref, location, columns, storage, newParameters);
    }

    public PartitionSnapshot withColumns(List<ColumnSpec> newColumns) {
        return new PartitionSnapshot(ref, location, newColumns, storage, parameters);
    }

    public PartitionSnapshot withStorage(StorageFormat newStorage) {
        return new PartitionSnapshot(ref, location, columns, newStorage, parameters);
    }
}
