package io.strait.scheduler.shard;

import io.strait.common.copy.CopyTask;
import io.strait.common.region.FileEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a job's manifest into copy tasks, a pure and deterministic function: first-fit decreasing bin packing by
 * bytes, each task holding at most {@code targetBytes} and {@code maxFiles} files. A file larger than
 * {@code targetBytes} gets a task of its own (splitting large files needs concat support: a later step).
 * Skewed partitions thus get many tasks and small ones a single task.
 */
public final class CopySharder {
    private final long targetBytes;
    private final int maxFiles;

    public CopySharder(long targetBytes, int maxFiles) {
        if (targetBytes <= 0 || maxFiles <= 0) {
            throw new IllegalArgumentException("targetBytes and maxFiles must be positive");
        }
        this.targetBytes = targetBytes;
        this.maxFiles = maxFiles;
    }

    public List<CopyTask> shard(long jobId, String sourceDirectory, String targetDirectory, List<FileEntry> files) {
        List<Bin> bins = new ArrayList<>();
        List<FileEntry> largestFirst = files.stream()
                .sorted(Comparator.comparingLong(FileEntry::sizeBytes).reversed()
                        .thenComparing(FileEntry::relativePath))
                .toList();
        for (FileEntry file : largestFirst) {
            bins.stream().filter(bin -> bin.fits(file)).findFirst()
                    .orElseGet(() -> newBin(bins)).add(file);
        }
        List<CopyTask> tasks = new ArrayList<>();
        for (int i = 0; i < bins.size(); i++) {
            List<FileEntry> taskFiles = bins.get(i).files.stream()
                    .sorted(Comparator.comparing(FileEntry::relativePath)).toList();
            tasks.add(new CopyTask(jobId, i, sourceDirectory, targetDirectory, taskFiles));
        }
        return tasks;
    }

    private Bin newBin(List<Bin> bins) {
        Bin bin = new Bin();
        bins.add(bin);
        return bin;
    }

    private final class Bin {
        private final List<FileEntry> files = new ArrayList<>();
        private long bytes;

        boolean fits(FileEntry file) {
            return files.size() < maxFiles && bytes + file.sizeBytes() <= targetBytes;
        }

        void add(FileEntry file) {
            files.add(file);
            bytes += file.sizeBytes();
        }
    }
}
