package io.strait.common.alert;

/** What an evaluation does about one object's alert ({@link AlertRule}). */
public enum AlertStep {
    /** Nothing changes: no alert and none needed, or the open alert stands as it is. */
    NONE,
    /** Open a new alert in state {@link AlertState#PROJECTED}. */
    RAISE_PROJECTED,
    /** Open a new alert in state {@link AlertState#BREACHED}. */
    RAISE_BREACHED,
    /** The open projected alert became a breach: it moves to {@link AlertState#BREACHED} (same alert id). */
    ESCALATE,
    /** The open alert's condition cleared: it is {@link AlertState#RESOLVED}. */
    RESOLVE
}
