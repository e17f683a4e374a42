package io.strait.common.job;

import java.util.Objects;

/**
 * What became of one job's chain of moves in {@link JobQueue#transitionsTogether}: the job as the chain left it, or
 * the compare-and-set that found it moved (or its lease lost) and applied nothing of the chain.
 */
public record ChainOutcome(ReplicationJob job, StaleJobVersionException stale) {
    public ChainOutcome {
        if ((job == null) == (stale == null)) {
            throw new IllegalArgumentException("a chain's outcome is either the moved job or its stale failure");
        }
    }

    public static ChainOutcome moved(ReplicationJob job) {
        return new ChainOutcome(Objects.requireNonNull(job, "job"), null);
    }

    public static ChainOutcome stale(StaleJobVersionException stale) {
        return new ChainOutcome(null, Objects.requireNonNull(stale, "stale"));
    }

    /** The moved job, or the chain's own {@link StaleJobVersionException}. */
    public ReplicationJob orThrow() {
        if (stale != null) {
            throw stale;
        }
        return job;
    }
}
