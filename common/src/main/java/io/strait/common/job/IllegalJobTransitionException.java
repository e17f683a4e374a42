package io.strait.common.job;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;

/** A transition that the job state machine does not allow. Always a bug in the caller, never retried. */
public final class IllegalJobTransitionException extends StraitException {
    public IllegalJobTransitionException(long jobId, JobState from, JobState to) {
        super(ErrorCategory.INTERNAL, String.format("Job %d cannot transition from %s to %s (allowed: %s)",
                jobId, from, to, JobTransitions.next(from)));
    }
}
