package io.strait.common.report;

/** How a table or partition stands against its link's SLA ({@link SlaJudge}). */
public enum SlaStatus {
    /** Nothing unapplied, or the oldest unapplied change still has a comfortable margin. */
    ON_TIME,
    /** Not late yet, but less time is left before the SLA than the link usually needs for a change. */
    AT_RISK,
    /** The oldest unapplied source change is older than the SLA. */
    BREACHED
}
