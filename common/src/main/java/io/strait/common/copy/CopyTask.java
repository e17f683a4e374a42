package io.strait.common.copy;

import io.strait.common.region.FileEntry;
import java.util.List;
import java.util.Objects;

/**
 * A unit of copy work: some files of one job, copied from {@code sourceDirectory} (source region) to the same
 * relative paths under {@code targetDirectory} (a fresh version folder in the target region).
 */
public record CopyTask(long jobId, int taskIndex, String sourceDirectory, String targetDirectory,
        List<FileEntry> files) {
    public CopyTask {
        Objects.requireNonNull(sourceDirectory, "sourceDirectory");
        Objects.requireNonNull(targetDirectory, "targetDirectory");
        files = List.copyOf(Objects.requireNonNull(files, "files"));
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::sizeBytes).sum();
    }
}
