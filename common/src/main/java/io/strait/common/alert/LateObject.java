package io.strait.common.alert;

import io.strait.common.report.SlaStatus;
import java.time.Duration;
import java.util.Objects;

/**
 * An object judged against its link's SLA at {@code judgedAtMs}: the capture time of its oldest source change not
 * applied yet (0 when nothing is unapplied), how many of its jobs are unapplied, and the verdict.
 */
public record LateObject(SlaObject object, long oldestUnappliedCapturedAtMs, int unappliedJobs, Duration sla,
        SlaStatus status, long judgedAtMs) {
    public LateObject {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(status, "status");
    }

    /** How long the oldest unapplied change has waited (0 when nothing is unapplied). */
    public long lagMs() {
        return oldestUnappliedCapturedAtMs == 0 ? 0 : Math.max(0, judgedAtMs - oldestUnappliedCapturedAtMs);
    }
}
