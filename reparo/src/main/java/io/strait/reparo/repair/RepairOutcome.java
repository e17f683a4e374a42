package io.strait.reparo.repair;

import io.strait.common.job.JobState;
import io.strait.common.job.ReplicationJob;
import java.util.List;
import java.util.Objects;

/**
 * What running a {@link RepairPlan} did: the jobs it waited for (created by it, or left unfinished by an earlier run
 * on the same objects) as they ended, and the quarantined folders.
 *
 * @param plan the plan run
 * @param eventPosition the source event id the jobs carry
 * @param jobs the jobs waited for, by id, in their last state
 * @param quarantine what happened to each folder of a dropped object
 * @param settled true when every job settled before the timeout (else they go on in the state store)
 */
public record RepairOutcome(RepairPlan plan, long eventPosition, List<ReplicationJob> jobs,
        List<QuarantineResult> quarantine, boolean settled) {
    public RepairOutcome {
        Objects.requireNonNull(plan, "plan");
        jobs = List.copyOf(jobs);
        quarantine = List.copyOf(quarantine);
    }

    /** Jobs that ended without doing their work: FAILED, UNVERIFIABLE, CANCELLED or BLOCKED. */
    public List<ReplicationJob> unsuccessful() {
        return jobs.stream().filter(job -> job.state().isSettled() && job.state() != JobState.SUCCEEDED
                && job.state() != JobState.SUPERSEDED).toList();
    }

    public long inState(JobState state) {
        return jobs.stream().filter(job -> job.state() == state).count();
    }
}
