package io.strait.common.publish;

import java.util.Objects;

/**
 * The outcome of a metadata commit in the target metastore.
 *
 * @param status what happened
 * @param detail a human-readable explanation
 * @param replacedLocation the data location the commit replaced (kept for housekeeping), empty when none
 * @param created the commit created the object (it had no column statistics before)
 */
public record PublishOutcome(Status status, String detail, String replacedLocation, boolean created) {
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

    /** An outcome that did not create the object. */
    public PublishOutcome(Status status, String detail, String replacedLocation) {
        this(status, detail, replacedLocation, false);
    }

    public static PublishOutcome published(String detail, String replacedLocation) {
        return new PublishOutcome(Status.PUBLISHED, detail, replacedLocation);
    }

    /** Published by creating the object (a new table or partition). */
    public static PublishOutcome created(String detail) {
        return new PublishOutcome(Status.PUBLISHED, detail, "", true);
    }
}
