package io.strait.common.copy;

import io.strait.common.region.FileEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A unit of copy work: some files of one job, copied from {@code sourceDirectory} (source region) to the same
 * relative paths under {@code targetDirectory} (a fresh version folder in the target region). {@code reusable}
 * names those of its files that the previous version of the object already holds unchanged (see
 * {@link DeltaDecider}): the executor takes them from there inside the target region instead of sending them.
 */
public record CopyTask(long jobId, int taskIndex, String sourceDirectory, String targetDirectory,
        List<FileEntry> files, List<ReusableFile> reusable) {
    public CopyTask {
        Objects.requireNonNull(sourceDirectory, "sourceDirectory");
        Objects.requireNonNull(targetDirectory, "targetDirectory");
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        reusable = List.copyOf(Objects.requireNonNull(reusable, "reusable"));
        Set<String> paths = new HashSet<>();
        files.forEach(file -> paths.add(file.relativePath()));
        for (ReusableFile file : reusable) {
            if (!paths.contains(file.relativePath())) {
                throw new IllegalArgumentException("reusable file " + file.relativePath() + " is not a file of task "
                        + taskIndex + " of job " + jobId);
            }
        }
    }

    /** A task that sends every file. */
    public CopyTask(long jobId, int taskIndex, String sourceDirectory, String targetDirectory, List<FileEntry> files) {
        this(jobId, taskIndex, sourceDirectory, targetDirectory, files, List.of());
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::sizeBytes).sum();
    }

    /** The same task with {@code reusable} files (each one of its files). */
    public CopyTask withReusable(List<ReusableFile> reusableFiles) {
        return new CopyTask(jobId, taskIndex, sourceDirectory, targetDirectory, files, reusableFiles);
    }
}
