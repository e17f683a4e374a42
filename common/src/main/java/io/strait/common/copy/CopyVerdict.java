package io.strait.common.copy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Strait's publish rule, a pure function and the only one: a new data version may be published only if every file
 * of every copy task has a result and every result is VERIFIED. One bad file makes the whole version bad: a file
 * that differs, failed to copy or has no result is a MISMATCH (retried into a fresh version folder); otherwise a
 * file that could not be verified makes the version UNVERIFIABLE (never counted as success). The job runner applies
 * it before every commit, and the data plane's tests through the same call.
 */
public record CopyVerdict(Outcome outcome, String detail) {
    public enum Outcome {
        /** Every file verified: the version may be published. */
        VERIFIED,
        /** At least one file differs, failed to copy or has no result: not published, worth a retry. */
        MISMATCH,
        /** No file is bad but at least one could not be verified: not published, never counted as success. */
        UNVERIFIABLE
    }

    private static final int FILES_NAMED = 5;

    /** The verdict over {@code results} of {@code tasks}: every file of every task must have a VERIFIED result. */
    public static CopyVerdict of(List<CopyTask> tasks, List<CopyTaskResult> results) {
        List<String> bad = new ArrayList<>(missingResults(tasks, results));
        List<String> unverifiable = new ArrayList<>();
        long files = 0;
        for (CopyTaskResult task : results) {
            for (FileCopyResult file : task.files()) {
                files++;
                if (file.verification() == FileVerification.UNVERIFIABLE) {
                    unverifiable.add(describe(task, file));
                } else if (file.verification() != FileVerification.VERIFIED) {
                    bad.add(describe(task, file));
                }
            }
        }
        if (!bad.isEmpty()) {
            return new CopyVerdict(Outcome.MISMATCH, summary(bad));
        }
        if (!unverifiable.isEmpty()) {
            return new CopyVerdict(Outcome.UNVERIFIABLE, summary(unverifiable));
        }
        return new CopyVerdict(Outcome.VERIFIED, files + " file(s) verified");
    }

    /** Files of the tasks that have no result: a task or file result that went missing counts as bad. */
    private static List<String> missingResults(List<CopyTask> tasks, List<CopyTaskResult> results) {
        Set<String> reported = new LinkedHashSet<>();
        results.forEach(task -> task.files().forEach(file -> reported.add(task.taskIndex() + "/"
                + file.relativePath())));
        List<String> missing = new ArrayList<>();
        for (CopyTask task : tasks) {
            task.files().forEach(file -> {
                if (!reported.contains(task.taskIndex() + "/" + file.relativePath())) {
                    missing.add("task " + task.taskIndex() + " file " + file.relativePath() + " has no result");
                }
            });
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
}
