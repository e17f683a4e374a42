package io.strait.spark;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.ReusableFile;
import io.strait.common.region.FileEntry;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One file of a copy task as it is sent to an executor: where it comes from and goes to, its manifest entry, and
 * the previous version's copy when it may be reused ({@code previousUri} empty otherwise) with when its manifest
 * recorded it verified ({@code previousVerifiedAtMillis}, 0 when unknown).
 */
record FileWork(long jobId, int taskIndex, int fileIndex, String sourceDirectory, String targetDirectory,
        String relativePath, long sizeBytes, long modificationTimeMillis, String previousUri, long previousSize,
        String previousChecksum, long previousVerifiedAtMillis) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A file without a time of verification of its previous copy. */
    FileWork(long jobId, int taskIndex, int fileIndex, String sourceDirectory, String targetDirectory,
            String relativePath, long sizeBytes, long modificationTimeMillis, String previousUri, long previousSize,
            String previousChecksum) {
        this(jobId, taskIndex, fileIndex, sourceDirectory, targetDirectory, relativePath, sizeBytes,
                modificationTimeMillis, previousUri, previousSize, previousChecksum, 0);
    }

    /** The files of the tasks, in task then file order. Tasks whose index is in {@code skipped} are left out. */
    static List<FileWork> of(List<CopyTask> tasks, java.util.Set<Integer> skipped) {
        List<FileWork> work = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            if (skipped.contains(t)) {
                continue;
            }
            CopyTask task = tasks.get(t);
            Map<String, ReusableFile> reusable = new HashMap<>();
            task.reusable().forEach(file -> reusable.put(file.relativePath(), file));
            for (int f = 0; f < task.files().size(); f++) {
                FileEntry file = task.files().get(f);
                ReusableFile previous = reusable.get(file.relativePath());
                work.add(new FileWork(task.jobId(), t, f, task.sourceDirectory(), task.targetDirectory(),
                        file.relativePath(), file.sizeBytes(), file.modificationTimeMillis(),
                        previous == null ? "" : previous.previousUri(), previous == null ? 0 : previous.sizeBytes(),
                        previous == null ? "" : previous.checksum(), previous == null ? 0
                                : previous.verifiedAtMillis()));
            }
        }
        return work;
    }

    /**
     * The files in at most {@code slices} groups of about equal bytes (largest file first into the lightest group),
     * each group in task and file order.
     */
    static List<ArrayList<FileWork>> balance(List<FileWork> work, int slices) {
        int groups = Math.max(1, Math.min(slices, work.size()));
        List<ArrayList<FileWork>> balanced = new ArrayList<>();
        long[] bytes = new long[groups];
        for (int g = 0; g < groups; g++) {
            balanced.add(new ArrayList<>());
        }
        List<FileWork> largestFirst = new ArrayList<>(work);
        largestFirst.sort(java.util.Comparator.comparingLong(FileWork::sizeBytes).reversed());
        for (FileWork file : largestFirst) {
            int lightest = 0;
            for (int g = 1; g < groups; g++) {
                if (bytes[g] < bytes[lightest]) {
                    lightest = g;
                }
            }
            balanced.get(lightest).add(file);
            bytes[lightest] += file.sizeBytes();
        }
        java.util.Comparator<FileWork> order = java.util.Comparator.comparingInt(FileWork::taskIndex)
                .thenComparingInt(FileWork::fileIndex);
        balanced.forEach(group -> group.sort(order));
        balanced.removeIf(List::isEmpty);
        return balanced;
    }

    FileEntry entry() {
        return new FileEntry(relativePath, sizeBytes, modificationTimeMillis);
    }

    Optional<ReusableFile> previous() {
        return previousUri.isEmpty() ? Optional.empty()
                : Optional.of(new ReusableFile(relativePath, previousUri, previousSize, previousChecksum,
                        previousVerifiedAtMillis));
    }
}
