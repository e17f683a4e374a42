package io.strait.common.job;

import java.util.Objects;

/**
 * A compare-and-set request: move job {@code jobId} from {@code from} at {@code expectedVersion} to {@code to}.
 * Optional columns written in the same update: {@code lastError}, {@code targetLocation}, {@code committedAtMillis}
 * (null / 0 leave the column unchanged).
 */
public record JobTransitionRequest(long jobId, JobState from, long expectedVersion, JobState to, String reason,
        String lastError, String targetLocation, long committedAtMillis) {
    public JobTransitionRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        reason = reason == null ? "" : reason;
    }

    /** Moves {@code job} from its current state and version to {@code to}. */
    public static JobTransitionRequest of(ReplicationJob job, JobState to, String reason) {
        return new JobTransitionRequest(job.id(), job.state(), job.version(), to, reason, null, null, 0);
    }

    public JobTransitionRequest withError(String error) {
        return new JobTransitionRequest(jobId, from, expectedVersion, to, reason, error, targetLocation,
                committedAtMillis);
    }

    public JobTransitionRequest withTargetLocation(String location) {
        return new JobTransitionRequest(jobId, from, expectedVersion, to, reason, lastError, location,
                committedAtMillis);
    }

    /**
     * The next move of a chain (see {@link JobQueue#transitions}): from where this one ends, at the version it leaves
     * the job with, to {@code next}.
     */
    public JobTransitionRequest then(JobState next, String nextReason) {
        return new JobTransitionRequest(jobId, to, expectedVersion + 1, next, nextReason, null, null, 0);
    }

    public JobTransitionRequest withCommittedAt(long millis) {
        return new JobTransitionRequest(jobId, from, expectedVersion, to, reason, lastError, targetLocation, millis);
    }
}
