package io.strait.common.job;

import java.util.Objects;
import java.util.Set;

/**
 * What one process asks of the state store when it has free workers: up to {@code max} runnable jobs of {@code
 * links}, earliest deadline first, with at most {@code tableConcurrency} jobs in flight per table across all
 * processes (see {@link JobDag#claimOrder}).
 *
 * @param links the links whose jobs this process may run (the links it serves and that are not paused)
 * @param max how many jobs it can start now (its free workers)
 * @param tableConcurrency jobs of one table in flight at once, cluster-wide (scheduler.table-concurrency)
 */
public record JobClaim(Set<String> links, int max, int tableConcurrency) {
    public JobClaim {
        links = Set.copyOf(Objects.requireNonNull(links, "links"));
        if (max < 0 || tableConcurrency < 1) {
            throw new IllegalArgumentException("a claim takes max >= 0 jobs with table concurrency >= 1: " + max
                    + ", " + tableConcurrency);
        }
    }
}
