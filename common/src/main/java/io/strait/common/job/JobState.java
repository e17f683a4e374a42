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

    /**
     * Terminal states never change again. Only {@link #SUCCEEDED} counts as success. {@link #FAILED} and {@link
     * #UNVERIFIABLE} are not terminal: an operator may retry them ({@code strait retry}) or cancel them.
     */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == SUPERSEDED || this == CANCELLED;
    }

    /**
     * Settled states are the ones the scheduler never leaves by itself: the terminal states, {@link #BLOCKED},
     * {@link #FAILED} and {@link #UNVERIFIABLE} (held until an operator retries them to {@link #PENDING} or cancels
     * them). A settled job holds back no other job in the job DAG and does not keep a link from being drained; it
     * is not success either.
     */
    public boolean isSettled() {
        return isTerminal() || this == BLOCKED || this == FAILED || this == UNVERIFIABLE;
    }

    /**
     * In flight: claimed by a process that is running it (PLANNED to COMMITTED). Such a job is leased to that process
     * (docs/JOB_STATE_MACHINE.md, "Leases, fencing and takeover") and is an object lock in the job DAG.
     */
    public boolean isInFlight() {
        return this == PLANNED || this == COPYING || this == COPIED || this == VERIFIED || this == COMMITTED;
    }
}
