package io.strait.reparo.diff;

import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.ColumnStatistic;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One partition as reconcile saw it: its metastore values, current location, own columns, storage, parameters and
 * column statistics, and the live files at that location. Source and replica locations differ by design (mapped
 * roots and version folders): the diff never compares them with each other, it judges the replica's where it is
 * given the link's {@code ReplicaLocations}.
 */
public record PartitionState(List<String> values, String location, List<ColumnSpec> columns,
        StorageFormat storage, Map<String, String> parameters, List<ColumnStatistic> columnStatistics,
        List<FileState> files) {
    public PartitionState {
        columns = List.copyOf(Objects.requireNonNullElse(columns, List.of()));
        columnStatistics = List.copyOf(Objects.requireNonNullElse(columnStatistics, List.of()));
        values = List.copyOf(Objects.requireNonNull(values, "values"));
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a partition has at least one value");
        }
        location = location == null ? "" : location;
        storage = Objects.requireNonNullElse(storage, StorageFormat.NONE);
        parameters = Map.copyOf(Objects.requireNonNullElse(parameters, Map.of()));
        files = List.copyOf(Objects.requireNonNullElse(files, List.of()));
        requireUniquePaths(files, "partition " + values);
    }

    /** A partition without columns or column statistics of its own. */
    public PartitionState(List<String> values, String location, StorageFormat storage, Map<String, String> parameters,
            List<FileState> files) {
        this(values, location, List.of(), storage, parameters, List.of(), files);
    }

    /** The partition as its metastore holds it, with its live files and column statistics. */
    public static PartitionState of(PartitionSnapshot partition, List<ColumnStatistic> columnStatistics,
            List<FileState> files) {
        return new PartitionState(partition.ref().values(), partition.location(), partition.columns(),
                partition.storage(), partition.parameters(), columnStatistics, files);
    }

    /** The metastore side of this partition (its values under {@code table}). */
    public PartitionSnapshot snapshot(TableRef table) {
        return new PartitionSnapshot(PartitionRef.of(table, values), location, columns, storage, parameters);
    }

    static void requireUniquePaths(List<FileState> files, String owner) {
        Set<String> seen = new HashSet<>();
        for (FileState file : files) {
            if (!seen.add(file.relativePath())) {
                throw new IllegalArgumentException(owner + " lists file " + file.relativePath() + " twice");
            }
        }
    }
}
