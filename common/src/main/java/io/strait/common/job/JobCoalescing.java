package io.strait.common.job;

/**
 * Which older jobs a new job supersedes when it is created (coalescing), a pure rule: a job reads its source object
 * when it runs, so the newest job of an object publishes everything older waiting jobs of it would have. Only jobs
 * not in flight (PENDING, or RETRY_WAIT between attempts) are superseded; claimed ones finish. A new drop covers every older pending job of its
 * object; a new sync covers older pending syncs, never a drop (a table dropped and created again, e.g. with other
 * partition keys, must still be dropped in the target first). A {@link JobKind#RENAME_TABLE} job neither covers nor
 * is covered: the replica under the previous name must be renamed, or the data would be copied again. The state store reads the waiting jobs
 * of the new jobs' objects and applies this rule to them; see docs/JOB_STATE_MACHINE.md, "Coalescing".
 */
public final class JobCoalescing {
    private JobCoalescing() {
    }

    /** True when creating {@code newer} (to get an id above {@code older}'s) supersedes {@code older}. */
    public static boolean covers(NewJob newer, ReplicationJob older) {
        return older.link().equals(newer.link()) && older.object().equals(newer.object())
                && coversSameObject(newer.kind(), older.kind(), older.state());
    }

    /**
     * The rule for an older job of the same link and object as the newer one: true when the newer job of kind
     * {@code newer} supersedes an older job of kind {@code older} in state {@code olderState}.
     */
    public static boolean coversSameObject(JobKind newer, JobKind older, JobState olderState) {
        return (olderState == JobState.PENDING || olderState == JobState.RETRY_WAIT)
                && older != JobKind.RENAME_TABLE && newer != JobKind.RENAME_TABLE
                && (newer.isDrop() || !older.isDrop());
    }
}
