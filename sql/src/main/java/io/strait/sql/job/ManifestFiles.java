package io.strait.sql.job;

import io.strait.common.copy.CopyTask;
import io.strait.common.job.JobPlan;
import io.strait.common.region.FileEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a job's file manifest: every file of every copy task with its task's index, then the plan's files
 * that no task carries with task index {@value #NO_TASK}. Pure.
 */
final class ManifestFiles {
    static final int NO_TASK = -1;

    private ManifestFiles() {
    }

    /** One manifest row. */
    record ManifestFile(int taskIndex, FileEntry file) {
    }

    /** Throws {@link IllegalArgumentException} when a file is in two tasks or two tasks share an index. */
    static List<ManifestFile> of(JobPlan plan, List<CopyTask> tasks) {
        Map<String, Integer> taskOfPath = new HashMap<>();
        List<ManifestFile> rows = new ArrayList<>();
        for (CopyTask task : tasks) {
            for (FileEntry file : task.files()) {
                Integer previous = taskOfPath.putIfAbsent(file.relativePath(), task.taskIndex());
                if (previous != null) {
                    throw new IllegalArgumentException("file " + file.relativePath() + " is in tasks " + previous
                            + " and " + task.taskIndex());
                }
                rows.add(new ManifestFile(task.taskIndex(), file));
            }
        }
        for (FileEntry file : plan.files()) {
            if (taskOfPath.putIfAbsent(file.relativePath(), NO_TASK) == null) {
                rows.add(new ManifestFile(NO_TASK, file));
            }
        }
        return rows;
    }

    /** Throws {@link IllegalArgumentException} unless every task belongs to {@code jobId} with a distinct index. */
    static void requireTasksOf(long jobId, List<CopyTask> tasks) {
        Map<Integer, CopyTask> byIndex = new HashMap<>();
        for (CopyTask task : tasks) {
            if (task.jobId() != jobId) {
                throw new IllegalArgumentException("task " + task.taskIndex() + " belongs to job " + task.jobId());
            }
            if (task.taskIndex() < 0 || byIndex.put(task.taskIndex(), task) != null) {
                throw new IllegalArgumentException("task index " + task.taskIndex() + " is negative or repeated");
            }
        }
    }
}
