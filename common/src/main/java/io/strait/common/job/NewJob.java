package io.strait.common.job;

import java.util.Objects;

/** A job the planner wants created (in state PENDING). */
public record NewJob(String link, JobKind kind, ObjectRef object, long sourceEventId, long sourceCapturedAtMillis) {
    public NewJob {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
    }
}
