package io.strait.common.report;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The SLA judgement of one table or partition.
 *
 * @param state on time, at risk or breached
 * @param waiting true when a captured source change is not applied yet; false means "no change since" (up to date)
 * @param lagMillis now minus the capture time of the oldest change not applied (0 when none)
 * @param deadlineMillis when that change must be applied: its capture time plus the SLA (empty when none)
 * @param why one sentence naming the rule that decided
 */
public record SlaVerdict(SlaStatus state, boolean waiting, long lagMillis, OptionalLong deadlineMillis, String why) {
    public SlaVerdict {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(deadlineMillis, "deadlineMillis");
        Objects.requireNonNull(why, "why");
    }
}
