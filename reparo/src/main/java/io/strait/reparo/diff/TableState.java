package io.strait.reparo.diff;

import io.strait.common.metastore.ColumnStatistic;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One region's view of a table at scan time: the metastore snapshot (empty when the table does not exist there),
 * its partitions with their live files, or, for an unpartitioned table, the live files at the table's location.
 *
 * @param region the region the state was read from (named in divergence details)
 * @param ref the table
 * @param snapshot the table as the metastore holds it; empty when the region has no such table
 * @param partitions the partitions, in any order; empty for unpartitioned or absent tables
 * @param files the table's own files (unpartitioned tables only), in any order
 * @param database the table's database as the region holds it; empty when absent or not read
 * @param columnStatistics the table's own column statistics (unpartitioned tables only)
 * @param constraints the table's constraints, in {@link TableConstraint#ORDER}
 */
public record TableState(RegionId region, TableRef ref, Optional<TableSnapshot> snapshot,
        List<PartitionState> partitions, List<FileState> files, Optional<DatabaseSnapshot> database,
        List<ColumnStatistic> columnStatistics, List<TableConstraint> constraints) {
    public TableState {
        Objects.requireNonNull(database, "database");
        columnStatistics = List.copyOf(Objects.requireNonNullElse(columnStatistics, List.of()));
        constraints = TableConstraint.sorted(Objects.requireNonNullElse(constraints, List.of()));
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(snapshot, "snapshot");
        partitions = List.copyOf(Objects.requireNonNullElse(partitions, List.of()));
        files = List.copyOf(Objects.requireNonNullElse(files, List.of()));
        if (snapshot.isPresent()) {
            requireSameRef(ref, snapshot.get());
            requireMatchingShape(snapshot.get(), partitions, files);
        }
        if (snapshot.isEmpty() && !(partitions.isEmpty() && files.isEmpty())) {
            throw new IllegalArgumentException("absent table " + ref + " cannot have partitions or files");
        }
        requireUniqueValues(partitions, ref);
        PartitionState.requireUniquePaths(files, "table " + ref);
    }

    /** A table state whose database, table-level column statistics and constraints were not read. */
    public TableState(RegionId region, TableRef ref, Optional<TableSnapshot> snapshot, List<PartitionState> partitions,
            List<FileState> files) {
        this(region, ref, snapshot, partitions, files, Optional.empty(), List.of(), List.of());
    }

    /** This state with the table's database as the region holds it (empty: the database is absent). */
    public TableState withDatabase(Optional<DatabaseSnapshot> holdingDatabase) {
        return new TableState(region, ref, snapshot, partitions, files, holdingDatabase, columnStatistics,
                constraints);
    }

    /** This state with the table's own column statistics (an unpartitioned table's). */
    public TableState withColumnStatistics(List<ColumnStatistic> statistics) {
        return new TableState(region, ref, snapshot, partitions, files, database, statistics, constraints);
    }

    /** This state with the table's constraints. */
    public TableState withConstraints(List<TableConstraint> tableConstraints) {
        return new TableState(region, ref, snapshot, partitions, files, database, columnStatistics,
                tableConstraints);
    }

    /** The table does not exist in {@code region}. */
    public static TableState absent(RegionId region, TableRef ref) {
        return new TableState(region, ref, Optional.empty(), List.of(), List.of());
    }

    public static TableState partitioned(RegionId region, TableSnapshot table, List<PartitionState> partitions) {
        return new TableState(region, table.ref(), Optional.of(table), partitions, List.of());
    }

    public static TableState unpartitioned(RegionId region, TableSnapshot table, List<FileState> files) {
        return new TableState(region, table.ref(), Optional.of(table), List.of(), files);
    }

    public boolean exists() {
        return snapshot.isPresent();
    }

    private static void requireSameRef(TableRef ref, TableSnapshot table) {
        if (!table.ref().equals(ref)) {
            throw new IllegalArgumentException("snapshot of " + table.ref() + " given for table " + ref);
        }
    }

    private static void requireMatchingShape(TableSnapshot table, List<PartitionState> partitions,
            List<FileState> files) {
        if (table.isPartitioned() && !files.isEmpty()) {
            throw new IllegalArgumentException("partitioned table " + table.ref() + " keeps its files in partitions");
        }
        if (!table.isPartitioned() && !partitions.isEmpty()) {
            throw new IllegalArgumentException("unpartitioned table " + table.ref() + " cannot have partitions");
        }
    }

    private static void requireUniqueValues(List<PartitionState> partitions, TableRef ref) {
        Set<List<String>> seen = new HashSet<>();
        for (PartitionState partition : partitions) {
            if (!seen.add(partition.values())) {
                throw new IllegalArgumentException("table " + ref + " lists partition " + partition.values()
                        + " twice");
            }
        }
    }
}
