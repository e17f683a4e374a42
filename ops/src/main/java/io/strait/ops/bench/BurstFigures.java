package io.strait.ops.bench;

import io.strait.common.job.JobKind;
import io.strait.sql.report.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a burst of jobs did, from their rows in the state store: how long it took to drain from the creation of its
 * first job to the last job's outcome and how many jobs a second that is; the same for its partition jobs alone,
 * from the first partition outcome to the last; and the lag of its partition jobs (commit in the target minus the
 * moment the change was known: its capture for an event job, its creation for a bootstrap job), nearest-rank
 * percentiles.
 */
record BurstFigures(int jobs, long drainMillis, int partitionJobs, long partitionSpanMillis, long lagP50Millis,
        long lagP99Millis) {

    /** One job's row: its kind, when it was created, when its change was captured, committed, last moved. */
    record JobTimes(JobKind kind, long createdAtMs, long capturedAtMs, long committedAtMs, long updatedAtMs) {
        boolean ofAPartition() {
            return kind == JobKind.SYNC_PARTITION || kind == JobKind.DROP_PARTITION;
        }
    }

    /** {@code lagFromCapture}: lag counted from each job's captured event (event jobs), else from its creation. */
    static BurstFigures of(List<JobTimes> jobs, boolean lagFromCapture) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("a burst of no jobs has no figures");
        }
        long firstCreated = jobs.stream().mapToLong(JobTimes::createdAtMs).min().orElseThrow();
        long lastOutcome = jobs.stream().mapToLong(JobTimes::updatedAtMs).max().orElseThrow();
        List<JobTimes> partitions = jobs.stream().filter(JobTimes::ofAPartition).toList();
        long firstPartition = partitions.stream().mapToLong(JobTimes::updatedAtMs).min().orElse(0);
        long lastPartition = partitions.stream().mapToLong(JobTimes::updatedAtMs).max().orElse(0);
        List<Long> lags = new ArrayList<>();
        for (JobTimes job : partitions) {
            if (job.committedAtMs() > 0) {
                lags.add(job.committedAtMs() - (lagFromCapture ? job.capturedAtMs() : job.createdAtMs()));
            }
        }
        return new BurstFigures(jobs.size(), lastOutcome - firstCreated, partitions.size(),
                lastPartition - firstPartition, Percentiles.nearestRank(lags, 50),
                Percentiles.nearestRank(lags, 99));
    }

    double jobsPerSecond() {
        return drainMillis == 0 ? 0 : jobs * 1000.0 / drainMillis;
    }

    double partitionJobsPerSecond() {
        return partitionSpanMillis == 0 ? 0 : partitionJobs * 1000.0 / partitionSpanMillis;
    }

    /** Two lines for the benchmark's report. */
    String describe(String what) {
        return String.format(Locale.ROOT, "  %s: %d jobs drained in %.1f s from the first job's creation to the last"
                + " outcome, %.1f jobs/s%n  %s: %d partition jobs, %s; lag p50 %d ms, p99 %d ms%n", what, jobs,
                drainMillis / 1000.0, jobsPerSecond(), what, partitionJobs, partitionPace(), lagP50Millis,
                lagP99Millis);
    }

    /** The partition jobs' pace; no rate when their outcomes share one moment (one batch: no span to divide by). */
    private String partitionPace() {
        if (partitionSpanMillis == 0) {
            return partitionJobs == 0 ? "none" : "their outcomes all at one moment (one batch), so no rate";
        }
        return String.format(Locale.ROOT, "first to last outcome %.1f s, %.1f jobs/s", partitionSpanMillis / 1000.0,
                partitionJobsPerSecond());
    }
}
