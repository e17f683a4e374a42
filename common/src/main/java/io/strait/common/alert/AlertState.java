package io.strait.common.alert;

/** The state of an SLA alert, as delivered: raised as projected or breached, then resolved once. */
public enum AlertState {
    /** A projected breach: the object is at risk of missing its SLA ({@code alerts.projected}). */
    PROJECTED,
    /** The object's oldest unapplied change is older than its SLA. */
    BREACHED,
    /** The condition cleared: the alert is closed. */
    RESOLVED
}
