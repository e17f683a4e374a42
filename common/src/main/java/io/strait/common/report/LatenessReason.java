package io.strait.common.report;

/** Why a table or partition of the target region is (or is not) behind its source (see {@link LatenessExplainer}). */
public enum LatenessReason {
    /** Every captured change is applied and the planner has read every captured event. */
    UP_TO_DATE,
    /** Nothing planned for it is missing, but the planner has captured events still to read. */
    NO_CHANGE_SINCE,
    /** Its job waits for an earlier job that holds a conflicting lock on the object. */
    WAITING_BEHIND,
    /** Its job may start and waits for a free worker. */
    QUEUED,
    /** Its job is copying, verifying or publishing. */
    COPYING,
    /** Its job failed for a reason that may pass and waits for its next attempt. */
    RETRYING,
    /** Its job failed for good (FAILED or UNVERIFIABLE): an operator must retry or cancel it. */
    FAILED,
    /** Its job is held by a rule (e.g. an ACID table): an operator must release, exclude or cancel it. */
    BLOCKED,
    /** Its job waits because an operator paused the link. */
    PAUSED,
    /** No event was ever captured for it. */
    NO_EVENT,
    /** The source region's listener holds events in its local spool (the state store was unreachable). */
    SPOOLED
}
