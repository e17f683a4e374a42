package io.strait.common.job;

/**
 * The states of a replication job. See {@link JobTransitions} for the legal moves and docs/JOB_STATE_MACHINE.md
 * for what each state means.
 */
public enum JobState {
    PENDING,
    PLANNED,
    COPYING,
    COPIED,
    VERIFIED,
    COMMITTED,
    SUCCEEDED,
    RETRY_WAIT,
    FAILED,
    SUPERSEDED,
    BLOCKED,
    CANCELLED,
    UNVERIFIABLE;

    /** Terminal states never change again. Only {@link #SUCCEEDED} counts as success. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == SUPERSEDED || this == CANCELLED
                || this == UNVERIFIABLE;
    }
}
