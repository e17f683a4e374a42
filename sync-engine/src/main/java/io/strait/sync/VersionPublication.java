package io.strait.sync;

import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.CopyVerdict;
import io.strait.common.publish.PublishOutcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of a new data version: the verdict over its copied files and, only when every file was VERIFIED,
 * the outcome of its publish.
 *
 * @param verdict VERIFIED when every file of the version was verified; anything else means nothing was published
 * @param detail why, naming the first bad files
 * @param copyResults the per-task results, in task order
 * @param publishOutcome the publisher's outcome, or null when the version was not published
 */
public record VersionPublication(CopyVerdict.Outcome verdict, String detail, List<CopyTaskResult> copyResults,
        PublishOutcome publishOutcome) {
    public VersionPublication {
        Objects.requireNonNull(verdict, "verdict");
        detail = detail == null ? "" : detail;
        copyResults = List.copyOf(Objects.requireNonNull(copyResults, "copyResults"));
        if ((verdict == CopyVerdict.Outcome.VERIFIED) != (publishOutcome != null)) {
            throw new IllegalArgumentException("a version has a publish outcome exactly when it is VERIFIED: "
                    + verdict + ", " + publishOutcome);
        }
    }

    public Optional<PublishOutcome> outcome() {
        return Optional.ofNullable(publishOutcome);
    }

    /** True when the target metastore now shows this version. */
    public boolean isPublished() {
        return publishOutcome != null && publishOutcome.status() == PublishOutcome.Status.PUBLISHED;
    }
}
