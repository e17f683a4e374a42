package io.strait.common.job;

import java.util.Objects;
import java.util.Set;

/**
 * What one process asks of the state store when it has free workers: runnable jobs of {@code links} for up to
 * {@code max} workers (a worker takes one job, or a batch of partition jobs of one table: {@link ClaimUnits}), earliest deadline first, with at most {@code tableConcurrency} jobs in flight per table across all
 * processes (see {@link JobDag#claimOrder}).
 *
 * @param links the links whose jobs this process may run (the links it serves and that are not paused)
 * @param max how many jobs it can start now (its free workers)
 * @param tableConcurrency jobs of one table in flight at once, cluster-wide (scheduler.table-concurrency)
 * @param partitionBatch partition jobs of one table a worker takes as one unit ({@link ClaimUnits};
 *     scheduler.partition-batch); with 1, {@code max} is a number of jobs
 */
public record JobClaim(Set<String> links, int max, int tableConcurrency, int partitionBatch) {
    public JobClaim {
        links = Set.copyOf(Objects.requireNonNull(links, "links"));
        if (max < 0 || tableConcurrency < 1 || partitionBatch < 1) {
            throw new IllegalArgumentException("a claim takes max >= 0 units with table concurrency >= 1 and a"
                    + " partition batch >= 1: " + max + ", " + tableConcurrency + ", " + partitionBatch);
        }
    }

    /** A claim of at most {@code max} jobs, each its own unit. */
    public JobClaim(Set<String> links, int max, int tableConcurrency) {
        this(links, max, tableConcurrency, 1);
    }

    /** The units this claim may fill, empty. */
    public ClaimUnits units() {
        return new ClaimUnits(max, partitionBatch);
    }
}
