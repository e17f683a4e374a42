package io.strait.common.report;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The one SLA rule, used by the dashboard, {@code strait why}, {@code strait status} and SLA alerts. A table or
 * partition is judged by the capture time of its oldest source change not yet applied in the target; its deadline
 * is that capture time plus the link's SLA ({@code links[].sla}):
 *
 * <ul>
 *   <li>{@link SlaStatus#BREACHED} when that change is older than the SLA (now − capture time &gt; SLA);</li>
 *   <li>{@link SlaStatus#AT_RISK} (a projected breach) when it is not, but its projected finish passes the deadline
 *       (the ETA of a copy in flight, or now plus the link's typical lag), or it has waited more than three quarters
 *       of the SLA (less than a quarter is left);</li>
 *   <li>{@link SlaStatus#ON_TIME} otherwise, and always when nothing is unapplied ("no change since").</li>
 * </ul>
 *
 * A pure function: no clock, no I/O.
 */
public final class SlaJudge {
    /** The margin is at least the SLA divided by this: an object is at risk from three quarters of its SLA on. */
    static final int MINIMUM_MARGIN_DIVISOR = 4;

    private SlaJudge() {
    }

    /**
     * Judges an object.
     *
     * @param oldestUnappliedCapturedAtMs capture time of the oldest source change not applied yet; empty when none
     * @param sla the link's SLA
     * @param typicalLag how long the link usually takes from capture to commit (zero when unknown)
     * @param nowMs the time of the judgement
     */
    public static SlaStatus judge(OptionalLong oldestUnappliedCapturedAtMs, Duration sla, Duration typicalLag,
            long nowMs) {
        Objects.requireNonNull(typicalLag, "typicalLag");
        OptionalLong projected = typicalLag.isZero() || typicalLag.isNegative() ? OptionalLong.empty()
                : OptionalLong.of(nowMs + typicalLag.toMillis());
        return verdict(oldestUnappliedCapturedAtMs, nowMs, sla, projected).state();
    }

    /**
     * Judges an object and says why.
     *
     * @param oldestUnappliedCapturedAtMs capture time of the oldest source change not applied yet; empty when none
     * @param nowMs the time of the judgement
     * @param sla the link's SLA
     * @param projectedFinishMs when the change is expected to be applied, if known
     */
    public static SlaVerdict verdict(OptionalLong oldestUnappliedCapturedAtMs, long nowMs, Duration sla,
            OptionalLong projectedFinishMs) {
        Objects.requireNonNull(oldestUnappliedCapturedAtMs, "oldestUnappliedCapturedAtMs");
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(projectedFinishMs, "projectedFinishMs");
        if (oldestUnappliedCapturedAtMs.isEmpty()) {
            return new SlaVerdict(SlaStatus.ON_TIME, false, 0, OptionalLong.empty(),
                    "every captured change is applied");
        }
        long captured = oldestUnappliedCapturedAtMs.getAsLong();
        long age = ageMillis(captured, nowMs);
        long slaMs = sla.toMillis();
        long deadline = captured + slaMs;
        OptionalLong due = OptionalLong.of(deadline);
        if (age > slaMs) {
            return new SlaVerdict(SlaStatus.BREACHED, true, age, due, "lag " + HumanDurations.human(age)
                    + " is past the SLA of " + HumanDurations.human(slaMs));
        }
        if (projectedFinishMs.isPresent() && projectedFinishMs.getAsLong() > deadline) {
            return new SlaVerdict(SlaStatus.AT_RISK, true, age, due, "the projected finish is "
                    + HumanDurations.human(projectedFinishMs.getAsLong() - deadline) + " after the deadline");
        }
        if (age > slaMs - slaMs / MINIMUM_MARGIN_DIVISOR) {
            return new SlaVerdict(SlaStatus.AT_RISK, true, age, due, "lag " + HumanDurations.human(age)
                    + " is past three quarters of the SLA of " + HumanDurations.human(slaMs));
        }
        return new SlaVerdict(SlaStatus.ON_TIME, true, age, due, "lag " + HumanDurations.human(age)
                + " is within three quarters of the SLA of " + HumanDurations.human(slaMs));
    }

    /** How long a change captured at {@code capturedAtMs} has waited at {@code nowMs} (0 for a future capture). */
    public static long ageMillis(long capturedAtMs, long nowMs) {
        return Math.max(0, nowMs - capturedAtMs);
    }
}
