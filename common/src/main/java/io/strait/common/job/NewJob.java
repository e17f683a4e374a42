package io.strait.common.job;

import java.util.Objects;

/**
 * A job the planner (origin {@link JobOrigin#EVENT}), a repair or a bootstrap wants created (in state PENDING).
 *
 * @param link the link
 * @param kind what the job does
 * @param object the object it replicates
 * @param sourceEventId the event the job covers; for a repair or bootstrap job, the link's event position when it
 *     was planned
 * @param sourceCapturedAtMillis when that event was captured (for a repair or bootstrap job, when it was planned)
 * @param origin why the job exists
 */
public record NewJob(String link, JobKind kind, ObjectRef object, long sourceEventId, long sourceCapturedAtMillis,
        JobOrigin origin) {
    public NewJob {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(origin, "origin");
    }

    /** A job planned from a captured event. */
    public NewJob(String link, JobKind kind, ObjectRef object, long sourceEventId, long sourceCapturedAtMillis) {
        this(link, kind, object, sourceEventId, sourceCapturedAtMillis, JobOrigin.EVENT);
    }
}
