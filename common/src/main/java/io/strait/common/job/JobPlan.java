package io.strait.common.job;

import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.FileEntry;
import java.util.List;
import java.util.Objects;

/**
 * What a job will publish, fixed when it is planned: the source objects as read from the source metastore, the
 * source data directory and its listing (the manifest), and the fresh version folder in the target region that
 * receives the copy. Data-less jobs (databases, partitioned tables, drops) have empty directories and files.
 */
public record JobPlan(DatabaseSnapshot sourceDatabase, TableSnapshot sourceTable, PartitionSnapshot sourcePartition,
        String sourceDirectory, String targetDirectory, List<FileEntry> files) {
    public JobPlan {
        sourceDirectory = sourceDirectory == null ? "" : sourceDirectory;
        targetDirectory = targetDirectory == null ? "" : targetDirectory;
        files = List.copyOf(Objects.requireNonNullElse(files, List.of()));
    }

    /** True when the job publishes a new data version (it may have zero files: an empty partition). */
    public boolean copiesData() {
        return !targetDirectory.isEmpty();
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::sizeBytes).sum();
    }
}
