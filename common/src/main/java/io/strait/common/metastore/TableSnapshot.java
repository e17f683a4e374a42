package io.strait.common.metastore;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table as a metastore holds it: type ({@code EXTERNAL_TABLE}, {@code MANAGED_TABLE}, {@code VIRTUAL_VIEW},
 * {@code MATERIALIZED_VIEW}), location, data columns, partition keys, storage (formats, serde, bucketing, skew),
 * parameters, owner and, for a view, its SQL text.
 */
public record TableSnapshot(TableRef ref, String tableType, String location, List<ColumnSpec> columns,
        List<ColumnSpec> partitionKeys, StorageFormat storage, Map<String, String> parameters, Owner owner,
        ViewText view) {
    public static final String EXTERNAL_TABLE = "EXTERNAL_TABLE";
    public static final String MANAGED_TABLE = "MANAGED_TABLE";
    public static final String VIRTUAL_VIEW = "VIRTUAL_VIEW";
    public static final String MATERIALIZED_VIEW = "MATERIALIZED_VIEW";

    public TableSnapshot {
        Objects.requireNonNull(ref, "ref");
        tableType = tableType == null ? "" : tableType;
        location = location == null ? "" : location;
        columns = List.copyOf(Objects.requireNonNullElse(columns, List.of()));
        partitionKeys = List.copyOf(Objects.requireNonNullElse(partitionKeys, List.of()));
        storage = Objects.requireNonNullElse(storage, StorageFormat.NONE);
        parameters = Map.copyOf(Objects.requireNonNullElse(parameters, Map.of()));
        owner = Objects.requireNonNullElse(owner, Owner.NONE);
        view = Objects.requireNonNullElse(view, ViewText.NONE);
    }

    /** A table (not a view) owned by the user {@code owner}. */
    public TableSnapshot(TableRef ref, String tableType, String location, List<ColumnSpec> columns,
            List<ColumnSpec> partitionKeys, StorageFormat storage, Map<String, String> parameters, String owner) {
        this(ref, tableType, location, columns, partitionKeys, storage, parameters, Owner.user(owner), ViewText.NONE);
    }

    public boolean isPartitioned() {
        return !partitionKeys.isEmpty();
    }

    /** True for a plain (virtual) view: metadata only, no data of its own. */
    public boolean isView() {
        return VIRTUAL_VIEW.equals(tableType);
    }

    public TableSnapshot withLocation(String newLocation) {
        return new TableSnapshot(ref, tableType, newLocation, columns, partitionKeys, storage, parameters, owner,
                view);
    }

    public TableSnapshot withParameters(Map<String, String> newParameters) {
        return new TableSnapshot(ref, tableType, location, columns, partitionKeys, storage, newParameters, owner,
                view);
    }

    public TableSnapshot withTableType(String newTableType) {
        return new TableSnapshot(ref, newTableType, location, columns, partitionKeys, storage, parameters, owner,
                view);
    }

    public TableSnapshot withColumns(List<ColumnSpec> newColumns) {
        return new TableSnapshot(ref, tableType, location, newColumns, partitionKeys, storage, parameters, owner,
                view);
    }

    public TableSnapshot withStorage(StorageFormat newStorage) {
        return new TableSnapshot(ref, tableType, location, columns, partitionKeys, newStorage, parameters, owner,
                view);
    }

    public TableSnapshot withView(ViewText newView) {
        return new TableSnapshot(ref, tableType, location, columns, partitionKeys, storage, parameters, owner,
                newView);
    }

    public TableSnapshot withOwner(Owner newOwner) {
        return new TableSnapshot(ref, tableType, location, columns, partitionKeys, storage, parameters, newOwner,
                view);
    }

    /** The partition name of {@code values} under this table's keys, e.g. {@code ds=2024-01-01}. */
    public String partitionName(List<String> values) {
        return PartitionNames.name(partitionKeys, values);
    }
}
