package io.strait.scheduler.cycle;

import io.strait.common.job.JobState;
import io.strait.common.job.ReplicationJob;
import java.time.Duration;

/** When a job waiting to retry may run again: exponential backoff by attempts, a pure function. */
public final class RetrySchedule {
    private static final int MAX_DOUBLINGS = 10;

    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public RetrySchedule(Duration initialBackoff) {
        this(initialBackoff, initialBackoff.multipliedBy(1L << MAX_DOUBLINGS));
    }

    /** Doubling from {@code initialBackoff} per attempt, never longer than {@code maxBackoff}. */
    public RetrySchedule(Duration initialBackoff, Duration maxBackoff) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff.compareTo(initialBackoff) < 0 ? initialBackoff : maxBackoff;
    }

    public Duration backoff(int attempts) {
        int doublings = Math.max(0, Math.min(MAX_DOUBLINGS, attempts - 1));
        Duration doubled = initialBackoff.multipliedBy(1L << doublings);
        return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }

    public boolean isDue(ReplicationJob job, long nowMillis) {
        return job.state() == JobState.RETRY_WAIT
                && job.updatedAtMillis() + backoff(job.attempts()).toMillis() <= nowMillis;
    }
}
