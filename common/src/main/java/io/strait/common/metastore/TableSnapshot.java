package io.strait.common.metastore;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table as a metastore holds it: type ({@code EXTERNAL_TABLE}, {@code MANAGED_TABLE}, {@code VIRTUAL_VIEW}),
 * location, data columns, partition keys, storage format and parameters.
 */
public record TableSnapshot(TableRef ref, String tableType, String location, List<ColumnSpec> columns,
        List<ColumnSpec> partitionKeys, StorageFormat storage, Map<String, String> parameters, String owner) {
    public static final String EXTERNAL_TABLE = "EXTERNAL_TABLE";

    public TableSnapshot {
        Objects.requireNonNull(ref, "ref");
        tableType = tableType == null ? "" : tableType;
        location = location == null ? "" : location;
        columns = List.copyOf(Objects.requireNonNullElse(columns, List.of()));
        partitionKeys = List.copyOf(Objects.requireNonNullElse(partitionKeys, List.of()));
        storage = Objects.requireNonNullElse(storage, new StorageFormat("", "", "", Map.of()));
        parameters = Map.copyOf(Objects.requireNonNullElse(parameters, Map.of()));
        owner = owner == null ? "" : owner;
    }

    public boolean isPartitioned() {
        return !partitionKeys.isEmpty();
    }

    public TableSnapshot withLocation(String newLocation) {
        return new TableSnapshot(ref, tableType, newLocation, columns, partitionKeys, storage, parameters, owner);
    }

    public TableSnapshot withParameters(Map<String, String> newParameters) {
        return new TableSnapshot(ref, tableType, location, columns, partitionKeys, storage, newParameters, owner);
    }

    public TableSnapshot withTableType(String newTableType) {
        return new TableSnapshot(ref, newTableType, location, columns, partitionKeys, storage, parameters, owner);
    }

    /** The partition name of {@code values} under this table's keys, e.g. {@code ds=2024-01-01}. */
    public String partitionName(List<String> values) {
        return PartitionNames.name(partitionKeys, values);
    }
}
