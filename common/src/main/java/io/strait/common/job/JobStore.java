package io.strait.common.job;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.ReplicatedVersion;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import java.util.List;
import java.util.Optional;

/**
 * Durable job state: jobs, their transition history, plans, copy tasks and file manifests, and the planner's
 * cursor over the event log. Implementation: {@code JdbcJobStore} (sql).
 *
 * <p>Every state change goes through {@link #transition}: a compare-and-set on (id, state, version) that also
 * appends a {@code job_transition} row, in one transaction. Zero rows updated is a
 * {@link StaleJobVersionException}, never a silent overwrite.
 */
public interface JobStore {
    /** The id of the last event the planner turned into jobs for {@code link} (0 when none). */
    long plannerCursor(String link);

    /**
     * Atomically creates {@code jobs} (state PENDING, version 0, with a first transition row) and moves the
     * planner cursor of {@code link} from {@code expectedCursor} to {@code newCursor}. Fails with a
     * {@link io.strait.common.error.StraitException} if the cursor is no longer {@code expectedCursor}.
     *
     * @return the ids of the created jobs, in the order of {@code jobs}
     */
    List<Long> createJobs(String link, long expectedCursor, long newCursor, List<NewJob> jobs);

    /**
     * Creates jobs planned outside the event log, by a repair or a bootstrap (state PENDING, version 0, with a first
     * transition row), in one transaction. The planner cursor is not touched: events are still planned by the
     * link's cycle, and the jobs' source event id (the link's event position when they were planned) orders them
     * against event jobs at publish time. Every job must be of {@code link} and of origin REPAIR or BOOTSTRAP.
     *
     * @return the ids of the created jobs, in the order of {@code jobs}
     */
    List<Long> createRepairJobs(String link, List<NewJob> jobs);

    Optional<ReplicationJob> find(long jobId);

    /** The jobs with these ids that exist, by id. */
    List<ReplicationJob> findAll(List<Long> jobIds);

    /** How far the jobs with these ids got: jobs by state, files and bytes planned and verified. */
    JobProgress progress(List<Long> jobIds);

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
        for (ReplicationJob job : JobDag.claimOrder(unfinished, claim.max(), claim.tableConcurrency(),
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

    /** The job's transitions, oldest first. */
    List<JobTransition> history(long jobId);

    /** Stores the job's plan, its file manifest (verification PENDING) and its copy tasks. */
    void savePlan(long jobId, JobPlan plan, List<CopyTask> tasks);

    Optional<JobPlan> plan(long jobId);

    /** Records what happened to each file of a copy task, and the task's end state. */
    void recordCopyResult(CopyTaskResult result);

    /** The files of the job's manifest with their latest copy result (PENDING before any). */
    List<FileCopyResult> fileResults(long jobId);

    /**
     * The version of {@code object} that the last SUCCEEDED data job of {@code link} published: its version folder and
     * the VERIFIED files of its manifest (delta copies reuse them). Empty when there is none or the store does not
     * keep manifests.
     */
    default Optional<ReplicatedVersion> lastReplicatedVersion(String link, ObjectRef object) {
        return Optional.empty();
    }

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
