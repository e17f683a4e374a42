package io.strait.common.publish;

import java.util.Objects;

/**
 * The outcome of a metadata commit in the target metastore.
 *
 * @param status what happened
 * @param detail a human-readable explanation
 * @param replacedLocation the data location the commit replaced (kept for housekeeping), empty when none
 */
public record PublishOutcome(Status status, String detail, String replacedLocation) {
    public enum Status {
        /** The target metastore now shows the published version. */
        PUBLISHED,
        /** The replica already carries a newer source event: nothing was changed. */
        SKIPPED_NEWER_REPLICA,
        /** A drop found nothing to drop (already gone). */
        ALREADY_ABSENT,
        /** Refused: the target object was not written by Strait from this source (never overwritten or dropped). */
        REFUSED_FOREIGN_OBJECT
    }

    public PublishOutcome {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
        replacedLocation = replacedLocation == null ? "" : replacedLocation;
    }

    public static PublishOutcome published(String detail, String replacedLocation) {
        return new PublishOutcome(Status.PUBLISHED, detail, replacedLocation);
    }
}
