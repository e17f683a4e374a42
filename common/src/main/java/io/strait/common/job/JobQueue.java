package io.strait.common.job;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.ReplicatedVersion;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The jobs themselves, as the scheduler moves them: claims, compare-and-set transitions with their history, leases
 * with fencing and takeover. Every state change goes through {@link #transition}: a compare-and-set on (id, state,
 * version) that also appends a {@code job_transition} row, in one transaction. Zero rows updated is a
 * {@link StaleJobVersionException}, never a silent overwrite.
 */
public interface JobQueue {
    Optional<ReplicationJob> find(long jobId);

    /**
     * Jobs of {@code link} the scheduler still has to move, by id: not {@linkplain JobState#isSettled() settled}
     * (neither terminal nor BLOCKED). These are the jobs the DAG orders and that keep a link from being drained.
     */
    List<ReplicationJob> findUnfinished(String link);

    /** True while {@code link} has a job the scheduler still has to move (see {@link #findUnfinished}). */
    default boolean hasUnfinished(String link) {
        return !findUnfinished(link).isEmpty();
    }

    /** The jobs of {@code link} in RETRY_WAIT, by id. */
    default List<ReplicationJob> waitingToRetry(String link) {
        return findUnfinished(link).stream().filter(job -> job.state() == JobState.RETRY_WAIT).toList();
    }

    /**
     * Claims runnable jobs for this process: moves each job {@link JobDag#claimOrder} picks (DAG of object locks,
     * earliest deadline first, table concurrency) from PENDING to PLANNED, leased to this process, with a transition
     * row naming it. Safe against other processes claiming at the same time: no job is claimed twice, and no two
     * conflicting jobs are in flight at once. Returns the claimed jobs, as they are now (PLANNED).
     *
     * <p>This default is the reference: it reads every unfinished job and claims by compare-and-set. The state
     * store's own claim ({@code SELECT ... FOR UPDATE SKIP LOCKED}, index lookups per candidate) must pick the same
     * jobs and costs the same whatever the backlog.
     */
    default List<ReplicationJob> claim(JobClaim claim) {
        List<ReplicationJob> unfinished = claim.links().stream().sorted()
                .flatMap(link -> findUnfinished(link).stream()).toList();
        List<ReplicationJob> claimed = new java.util.ArrayList<>();
        for (ReplicationJob job : JobDag.claimOrder(unfinished, claim.units(), claim.tableConcurrency(),
                deadlines()::deadline)) {
            try {
                claimed.add(transition(JobTransitionRequest.of(job, JobState.PLANNED, claimReason(job))));
            } catch (StaleJobVersionException movedMeanwhile) {
                // claimed, cancelled or superseded by someone else: not ours
            }
        }
        return claimed;
    }

    /** The transition reason of a claim, the same in every store. */
    default String claimReason(ReplicationJob job) {
        return "claimed by " + (leaseOwner().isEmpty() ? "this process" : leaseOwner()) + ", attempt "
                + (job.attempts() + 1);
    }

    /** Each link's SLA, by which jobs get their deadlines (claims go earliest deadline first). */
    default JobDeadlines deadlines() {
        return JobDeadlines.DEFAULT;
    }

    /** Checks the move against {@link JobTransitions}, then applies it by compare-and-set; returns the new job. */
    ReplicationJob transition(JobTransitionRequest request);

    /**
     * Applies a chain of moves of one job at once, all or none: the first is a compare-and-set as in
     * {@link #transition}, each next one starts where the previous one ended ({@link JobTransitionRequest#then}), and
     * every move gets its own history row. A state store records the chain in one transaction, so a job's commit and
     * its success (with the object's freshness) cost one write. Returns the job as the last move leaves it.
     */
    default ReplicationJob transitions(List<JobTransitionRequest> chain) {
        JobTransitions.checkChain(chain);
        ReplicationJob moved = null;
        for (JobTransitionRequest request : chain) {
            moved = transition(request);
        }
        return moved;
    }

    /**
     * The chains of moves of several jobs at once (group commit: a state store writes them all in one transaction,
     * one log flush for all). Each chain stays what {@link #transitions} makes of it: its own compare-and-set, fenced
     * by this process's lease, all or none, a history row per move. A chain whose job moved meanwhile, or whose lease
     * this process lost, applies nothing and fails alone ({@link ChainOutcome#stale}); the others are applied. Chains
     * are applied in the order given (two chains of one job: the second finds it moved). Every chain is checked
     * against {@link JobTransitions} first: an illegal one throws before anything is applied. Returns one outcome per
     * chain, in order.
     */
    default List<ChainOutcome> transitionsTogether(List<List<JobTransitionRequest>> chains) {
        chains.forEach(JobTransitions::checkChain);
        List<ChainOutcome> outcomes = new java.util.ArrayList<>();
        for (List<JobTransitionRequest> chain : chains) {
            try {
                outcomes.add(ChainOutcome.moved(transitions(chain)));
            } catch (StaleJobVersionException moved) {
                outcomes.add(ChainOutcome.stale(moved));
            }
        }
        return outcomes;
    }

    /** The job's transitions, oldest first. */
    List<JobTransition> history(long jobId);

    /**
     * This process's identity as a lease holder ({@code host:pid:uuid}). A job in flight (PLANNED to COMMITTED) is
     * leased to the process that claimed it; see docs/JOB_STATE_MACHINE.md, "Leases, fencing and takeover".
     */
    default String leaseOwner() {
        return "";
    }

    /** True while this process holds the lease of {@code jobId} (it claimed it and nobody took it over). */
    default boolean holdsLease(long jobId) {
        return true;
    }

    /**
     * Checks the job's lease in the store now: true while this process holds it with the token of its claim and it
     * has not expired, and then reserves it for a commit: the lease stays valid at least as long as one metastore call
     * may take, so nobody takes the job over while the commit that follows may still be in flight. Checked in the
     * table's commit turn right before every metastore commit attempt, so a process whose job was taken over (or is
     * about to be) does not change the target; false also forgets the lease.
     */
    default boolean confirmLease(long jobId) {
        return holdsLease(jobId);
    }

    /**
     * {@link #confirmLease} for the jobs of one commit batch at once (a state store: in one transaction). Returns
     * the jobs whose lease is held and now reserved; the others' leases are forgotten.
     */
    default Set<Long> confirmLeases(Collection<Long> jobIds) {
        Set<Long> held = new LinkedHashSet<>();
        for (long jobId : jobIds) {
            if (confirmLease(jobId)) {
                held.add(jobId);
            }
        }
        return held;
    }

    /** The heartbeat: extends every lease this process holds by the lease duration. Returns the leases renewed. */
    default int renewLeases() {
        return 0;
    }

    /**
     * Takes over the jobs of {@code link} in flight whose lease has expired (their holder died or stalled): a job
     * in PLANNED to VERIFIED goes to RETRY_WAIT, a COMMITTED one to SUCCEEDED, each with a new fencing token and a
     * transition row naming the old holder and this process. Returns the jobs taken over, as they are now.
     */
    default List<ReplicationJob> takeOverExpiredLeases(String link) {
        return List.of();
    }

    /**
     * Gives back every lease this process still holds (a stopping process whose jobs did not finish in the grace
     * period): the jobs go back to the queue as a takeover would move them. Returns how many were released.
     */
    default int releaseLeases(String reason) {
        return 0;
    }
}
