package io.strait.common.job;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;

/**
 * A compare-and-set on a job found the job no longer in the expected state and version: someone else moved it.
 * The caller's view is stale; it must re-read the job and decide again, never overwrite.
 */
public final class StaleJobVersionException extends StraitException {
    public StaleJobVersionException(long jobId, JobState expectedState, long expectedVersion, String actual) {
        super(ErrorCategory.INTERNAL, String.format(
                "Cannot move job %d: expected state %s at version %d but found %s; re-read the job",
                jobId, expectedState, expectedVersion, actual));
    }
}
