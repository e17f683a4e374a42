package io.strait.scheduler.run;

import io.strait.common.job.JobStore;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fencing of metastore commits: in the table's turn, right before a commit attempt, each job's lease is confirmed
 * in the state store and reserved for as long as a metastore call may take ({@link JobStore#confirmLeases}). A job
 * whose lease is lost (taken over, or expired) commits nothing. The jobs of one commit batch are confirmed in one
 * state-store write.
 */
final class CommitFence {
    private final JobStore store;

    CommitFence(JobStore store) {
        this.store = store;
    }

    /** Throws {@link StaleJobVersionException} unless {@code job}'s lease is held and now reserved. */
    void confirm(ReplicationJob job) {
        RuntimeException refused = refusals(List.of(job)).get(0);
        if (refused != null) {
            throw refused;
        }
    }

    /** Confirms every job's lease at once; returns the failure of each job refused, by its position in {@code jobs}. */
    Map<Integer, RuntimeException> refusals(List<ReplicationJob> jobs) {
        Set<Long> held = store.confirmLeases(jobs.stream().map(ReplicationJob::id).toList());
        Map<Integer, RuntimeException> refused = new LinkedHashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            ReplicationJob job = jobs.get(i);
            if (!held.contains(job.id())) {
                refused.put(i, new StaleJobVersionException(job.id(), job.state(), job.version(), "its lease lost"
                        + " before the metastore commit (taken over or expired); nothing was committed"));
            }
        }
        return refused;
    }
}
