package io.strait.common.job;

/** One row of a job's audit trail: a transition that happened. */
public record JobTransition(long jobId, JobState from, JobState to, long newVersion, String reason, long atMillis) {
}
