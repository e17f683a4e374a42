package io.strait.common.job;

import io.strait.common.metastore.ColumnStatistic;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.FileEntry;
import java.util.List;
import java.util.Objects;

/**
 * What a job will publish, fixed when it is planned: the source objects as read from the source metastore, the
 * source data directory and its listing (the manifest), and the fresh version folder in the target region that
 * receives the copy, the source's column statistics of the table or partition, and, for a table job, the source
 * table's constraints. Data-less jobs (databases, partitioned tables, views, drops) have empty directories and files.
 */
public record JobPlan(DatabaseSnapshot sourceDatabase, TableSnapshot sourceTable, PartitionSnapshot sourcePartition,
        String sourceDirectory, String targetDirectory, List<FileEntry> files,
        List<ColumnStatistic> sourceColumnStatistics, List<TableConstraint> sourceConstraints) {
    public JobPlan {
        sourceDirectory = sourceDirectory == null ? "" : sourceDirectory;
        targetDirectory = targetDirectory == null ? "" : targetDirectory;
        files = List.copyOf(Objects.requireNonNullElse(files, List.of()));
        sourceColumnStatistics = List.copyOf(Objects.requireNonNullElse(sourceColumnStatistics, List.of()));
        sourceConstraints = List.copyOf(Objects.requireNonNullElse(sourceConstraints, List.of()));
    }

    /** A plan without constraints. */
    public JobPlan(DatabaseSnapshot sourceDatabase, TableSnapshot sourceTable, PartitionSnapshot sourcePartition,
            String sourceDirectory, String targetDirectory, List<FileEntry> files,
            List<ColumnStatistic> sourceColumnStatistics) {
        this(sourceDatabase, sourceTable, sourcePartition, sourceDirectory, targetDirectory, files,
                sourceColumnStatistics, List.of());
    }

    /** A plan without column statistics and constraints. */
    public JobPlan(DatabaseSnapshot sourceDatabase, TableSnapshot sourceTable, PartitionSnapshot sourcePartition,
            String sourceDirectory, String targetDirectory, List<FileEntry> files) {
        this(sourceDatabase, sourceTable, sourcePartition, sourceDirectory, targetDirectory, files, List.of());
    }

    /** This plan with the source table's {@code constraints}. */
    public JobPlan withSourceConstraints(List<TableConstraint> constraints) {
        return new JobPlan(sourceDatabase, sourceTable, sourcePartition, sourceDirectory, targetDirectory, files,
                sourceColumnStatistics, constraints);
    }

    /** True when the job publishes a table's or partition's data or metadata, and so its column statistics. */
    public boolean carriesColumnStatistics() {
        return sourcePartition != null || (sourceTable != null && !sourceTable.isPartitioned()
                && !sourceTable.isView() && !sourceTable.location().isEmpty());
    }

    /** True when the job publishes a new data version (it may have zero files: an empty partition). */
    public boolean copiesData() {
        return !targetDirectory.isEmpty();
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::sizeBytes).sum();
    }
}
