package io.strait.scheduler.run;

import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a job's copy results add up to, a pure function. One bad file makes the whole version bad: a mismatch or
 * a failed copy is retried; a file that could not be verified ends the job UNVERIFIABLE (never success).
 */
public record CopyVerdict(Outcome outcome, String detail) {
    public enum Outcome { VERIFIED, MISMATCH, UNVERIFIABLE }

    private static final int FILES_NAMED = 5;

    public static CopyVerdict of(List<FileCopyResult> results) {
        List<FileCopyResult> bad = results.stream()
                .filter(result -> result.verification() == FileVerification.MISMATCH
                        || result.verification() == FileVerification.FAILED
                        || result.verification() == FileVerification.PENDING)
                .toList();
        if (!bad.isEmpty()) {
            return new CopyVerdict(Outcome.MISMATCH, describe(bad));
        }
        List<FileCopyResult> unverifiable = results.stream()
                .filter(result -> result.verification() == FileVerification.UNVERIFIABLE).toList();
        if (!unverifiable.isEmpty()) {
            return new CopyVerdict(Outcome.UNVERIFIABLE, describe(unverifiable));
        }
        return new CopyVerdict(Outcome.VERIFIED, results.size() + " files verified");
    }

    private static String describe(List<FileCopyResult> files) {
        String named = files.stream().limit(FILES_NAMED)
                .map(file -> file.relativePath() + " " + file.verification() + " (" + file.detail() + ")")
                .collect(Collectors.joining("; "));
        return files.size() + " file(s) not verified: " + named + (files.size() > FILES_NAMED ? "; ..." : "");
    }
}
