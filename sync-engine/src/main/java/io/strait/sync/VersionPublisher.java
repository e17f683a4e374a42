package io.strait.sync;

import io.strait.common.copy.CopyExecutor;
import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.publish.PublishContext;
import io.strait.common.publish.PublishOutcome;
import io.strait.common.publish.ReplicaPublisher;
import io.strait.sync.VersionPublication.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Strait's publish rule in one place: a new data version is published only if every file of every task has a
 * result and every result is VERIFIED. Otherwise the publisher is not called and readers of the target keep seeing
 * the previous version.
 */
public final class VersionPublisher {
    private static final int FILES_NAMED = 5;

    private final CopyExecutor executor;
    private final ReplicaPublisher publisher;

    public VersionPublisher(CopyExecutor executor, ReplicaPublisher publisher) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /** Copies {@code tasks} into {@code versionFolder}, then publishes the partition there if all is VERIFIED. */
    public VersionPublication replicatePartition(PublishContext context, TableSnapshot sourceTable,
            PartitionSnapshot sourcePartition, String versionFolder, List<CopyTask> tasks) {
        return publishIfVerified(tasks, executor.execute(tasks),
                () -> publisher.publishPartition(context, sourceTable, sourcePartition, versionFolder));
    }

    /** Copies {@code tasks} into {@code versionFolder}, then publishes the unpartitioned table there if VERIFIED. */
    public VersionPublication replicateTable(PublishContext context, TableSnapshot sourceTable, String versionFolder,
            List<CopyTask> tasks) {
        return publishIfVerified(tasks, executor.execute(tasks),
                () -> publisher.publishTable(context, sourceTable, versionFolder));
    }

    /** Calls {@code publish} only if every file of {@code tasks} has a VERIFIED result in {@code results}. */
    public static VersionPublication publishIfVerified(List<CopyTask> tasks, List<CopyTaskResult> results,
            Supplier<PublishOutcome> publish) {
        List<String> bad = new ArrayList<>(missingResults(tasks, results));
        List<String> unverifiable = new ArrayList<>();
        for (CopyTaskResult task : results) {
            for (FileCopyResult file : task.files()) {
                if (file.verification() == FileVerification.UNVERIFIABLE) {
                    unverifiable.add(describe(task, file));
                } else if (file.verification() != FileVerification.VERIFIED) {
                    bad.add(describe(task, file));
                }
            }
        }
        if (!bad.isEmpty()) {
            return new VersionPublication(Verdict.MISMATCH, "not published: " + summary(bad), results, null);
        }
        if (!unverifiable.isEmpty()) {
            return new VersionPublication(Verdict.UNVERIFIABLE, "not published: " + summary(unverifiable), results,
                    null);
        }
        PublishOutcome outcome = publish.get();
        return new VersionPublication(Verdict.VERIFIED, countFiles(results) + " file(s) verified; "
                + outcome.status() + " " + outcome.detail(), results, outcome);
    }

    /** Files of the tasks that have no result (a task or file result that went missing counts as bad). */
    private static List<String> missingResults(List<CopyTask> tasks, List<CopyTaskResult> results) {
        Set<String> reported = new LinkedHashSet<>();
        results.forEach(task -> task.files().forEach(file -> reported.add(task.taskIndex() + "/"
                + file.relativePath())));
        List<String> missing = new ArrayList<>();
        for (CopyTask task : tasks) {
            for (var file : task.files()) {
                if (!reported.contains(task.taskIndex() + "/" + file.relativePath())) {
                    missing.add("task " + task.taskIndex() + " file " + file.relativePath() + " has no result");
                }
            }
        }
        return missing;
    }

    private static String describe(CopyTaskResult task, FileCopyResult file) {
        return "task " + task.taskIndex() + " file " + file.relativePath() + " " + file.verification() + " ("
                + file.detail() + ")";
    }

    private static String summary(List<String> files) {
        return files.size() + " file(s) not verified: " + files.stream().limit(FILES_NAMED)
                .collect(Collectors.joining("; ")) + (files.size() > FILES_NAMED ? "; ..." : "");
    }

    private static long countFiles(List<CopyTaskResult> results) {
        return results.stream().mapToLong(task -> task.files().size()).sum();
    }
}
