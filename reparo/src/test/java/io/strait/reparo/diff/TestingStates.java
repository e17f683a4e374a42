package io.strait.reparo.diff;

import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A partitioned and an unpartitioned table as each region would hold them, and small edits of them. */
final class TestingStates {
    static final RegionId SOURCE = RegionId.of("a");
    static final RegionId TARGET = RegionId.of("b");
    static final TableRef TABLE = TableRef.of("sales", "orders");

    private TestingStates() {
    }

    static TableSnapshot partitionedTable(String location) {
        return new TableSnapshot(TABLE, TableSnapshot.EXTERNAL_TABLE, location,
                List.of(ColumnSpec.of("id", "bigint"), ColumnSpec.of("amount", "double")),
                List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of("EXTERNAL", "TRUE", "owner_team", "payments", "transient_lastDdlTime", "1700000000"), "hive");
    }

    /** ds=1 with two files, ds=2 with one, at region-specific locations. */
    static TableState partitioned(RegionId region) {
        String root = "file:/" + region + "/warehouse/sales/orders";
        return TableState.partitioned(region, partitionedTable(root), List.of(
                partition(root + "/ds=1", List.of("1"), file("part-0.parquet", 10, 1), file("part-1.parquet", 20, 2)),
                partition(root + "/ds=2", List.of("2"), file("nested/part-0.parquet", 30, 3))));
    }

    static TableState unpartitioned(RegionId region) {
        TableSnapshot table = new TableSnapshot(TABLE, TableSnapshot.EXTERNAL_TABLE, "file:/" + region + "/t",
                List.of(ColumnSpec.of("id", "bigint")), List.of(), StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"),
                "hive");
        return TableState.unpartitioned(region, table, List.of(file("part-0", 5, 7), file("part-1", 6, 8)));
    }

    static PartitionState partition(String location, List<String> values, FileState... files) {
        return new PartitionState(values, location, StorageFormat.PARQUET,
                Map.of("numFiles", String.valueOf(files.length), "strait.source.region", "a"), List.of(files));
    }

    static FileState file(String path, long size, long crc) {
        return new FileState(path, size, String.format("crc32c:%08x", crc));
    }

    static TableState withTable(TableState state, UnaryOperator<TableSnapshot> edit) {
        TableSnapshot table = edit.apply(state.snapshot().orElseThrow());
        return new TableState(state.region(), state.ref(), java.util.Optional.of(table), state.partitions(),
                state.files());
    }

    static TableState withPartitions(TableState state, UnaryOperator<List<PartitionState>> edit) {
        return new TableState(state.region(), state.ref(), state.snapshot(), edit.apply(state.partitions()),
                state.files());
    }

    static TableState withFiles(TableState state, UnaryOperator<List<FileState>> edit) {
        return new TableState(state.region(), state.ref(), state.snapshot(), state.partitions(),
                edit.apply(state.files()));
    }

    /** Applies {@code edit} to the partition with {@code values}. */
    static TableState withPartition(TableState state, List<String> values, UnaryOperator<PartitionState> edit) {
        return withPartitions(state, partitions -> partitions.stream()
                .map(partition -> partition.values().equals(values) ? edit.apply(partition) : partition).toList());
    }

    static PartitionState withPartitionFiles(PartitionState partition, UnaryOperator<List<FileState>> edit) {
        return new PartitionState(partition.values(), partition.location(), partition.storage(),
                partition.parameters(), edit.apply(partition.files()));
    }

    static Map<String, String> plus(Map<String, String> parameters, String key, String value) {
        Map<String, String> result = new HashMap<>(parameters);
        result.put(key, value);
        return result;
    }
}
