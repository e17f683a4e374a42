package io.strait.common.alert;

import io.strait.common.report.SlaStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * When an SLA alert is raised, escalated and resolved, from the object's open alert (if any) and its
 * {@link SlaStatus} now. One alert per breach: an open alert is never raised again while its condition lasts.
 *
 * <ul>
 *   <li>An object is <em>alerting</em> when it is {@link SlaStatus#BREACHED}, or {@link SlaStatus#AT_RISK} with
 *       projected alerts enabled.</li>
 *   <li>No open alert and alerting: raise one (breached or projected).</li>
 *   <li>A projected alert whose object is now breached: escalate it (a breach is always told).</li>
 *   <li>A breached alert whose object is merely at risk again stays open and silent: the alert closes only when
 *       the object stops alerting, so a breach that hovers around the SLA is one alert, not many.</li>
 *   <li>An open alert whose object is no longer alerting: resolve it.</li>
 * </ul>
 *
 * A pure function.
 */
public final class AlertRule {
    private AlertRule() {
    }

    /**
     * @param open the state of the object's open alert; empty when it has none
     * @param status the object's status now
     * @param projectedAlerts whether projected breaches are alerted ({@code alerts.projected})
     */
    public static AlertStep next(Optional<AlertState> open, SlaStatus status, boolean projectedAlerts) {
        Objects.requireNonNull(status, "status");
        boolean alerting = status == SlaStatus.BREACHED || (status == SlaStatus.AT_RISK && projectedAlerts);
        if (open.isEmpty() || open.get() == AlertState.RESOLVED) {
            if (!alerting) {
                return AlertStep.NONE;
            }
            return status == SlaStatus.BREACHED ? AlertStep.RAISE_BREACHED : AlertStep.RAISE_PROJECTED;
        }
        if (status == SlaStatus.BREACHED) {
            return open.get() == AlertState.PROJECTED ? AlertStep.ESCALATE : AlertStep.NONE;
        }
        if (status == SlaStatus.AT_RISK && (projectedAlerts || open.get() == AlertState.BREACHED)) {
            return AlertStep.NONE;
        }
        return AlertStep.RESOLVE;
    }
}
