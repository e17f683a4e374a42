package io.strait.scheduler.run;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.CopyVerdict;
import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.job.ForeignKeyFollowUps;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobPlan;
import io.strait.common.job.JobState;
import io.strait.common.job.JobStore;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.RenameFallback;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import io.strait.common.metastore.ForeignKeyRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.Replicability;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.publish.PublishContext;
import io.strait.common.publish.PublishOutcome;
import io.strait.common.retry.Retrier;
import io.strait.common.retry.RetryPolicy;
import io.strait.scheduler.shard.CopySharder;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one job through its state machine: claim (PENDING -> PLANNED), plan, copy and verify (COPYING -> COPIED
 * -> VERIFIED), commit (COMMITTED) and finish (SUCCEEDED). Every step is a compare-and-set through the
 * {@link JobStore}; the data plane (copy executor, publisher) only returns results. Nothing is published unless
 * every file of the new version is VERIFIED. Failures of outside services are retried (RETRY_WAIT) up to the
 * attempt limit; anything else fails the job with its reason. A table or partition job whose source table Strait
 * cannot replicate faithfully ({@link Replicability}: ACID tables, materialized views, non-native tables) ends
 * BLOCKED with the reason and how to exclude the table, before anything is listed, copied or published.
 */
public final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final LinkRuntime link;
    private final JobStore store;
    private final CopySharder sharder;
    private final int maxAttempts;
    private final Clock clock;
    private final PlanBuilder planBuilder;
    private final DeltaCopies deltaCopies;
    private final RetryPolicy commitRetries;
    private final TableTurns tableCommits;
    private final CommitFence fence;
    private final GroupedTransitions moves;

    /**
     * Retries of a metastore commit that failed for an outside cause: prompt (from 200 ms, doubling, at most 3 s) and
     * jittered, so that a lock wait in the target metastore is retried in a second, not after the job's backoff.
     */
    public static final RetryPolicy DEFAULT_COMMIT_RETRIES = new RetryPolicy(4, java.time.Duration.ofMillis(200),
            java.time.Duration.ofSeconds(3)).jittered();

    public JobRunner(LinkRuntime link, JobStore store, CopySharder sharder,
            int maxAttempts, Clock clock) {
        this(link, store, sharder, maxAttempts, clock, DEFAULT_COMMIT_RETRIES);
    }

    public JobRunner(LinkRuntime link, JobStore store, CopySharder sharder,
            int maxAttempts, Clock clock, RetryPolicy commitRetries) {
        this(link, store, sharder, maxAttempts, clock, commitRetries, new TableTurns());
    }

    /** As above, with the process's {@link TableTurns} shared by the runners of every link. */
    public JobRunner(LinkRuntime link, JobStore store, CopySharder sharder,
            int maxAttempts, Clock clock, RetryPolicy commitRetries, TableTurns tableCommits) {
        this(link, store, sharder, maxAttempts, clock, commitRetries, tableCommits, new GroupedTransitions(store));
    }

    /**
     * As above, with the process's {@link GroupedTransitions} on {@code store} shared by the runners of every link:
     * the moves of jobs finishing at once share state-store transactions.
     */
    public JobRunner(LinkRuntime link, JobStore store, CopySharder sharder,
            int maxAttempts, Clock clock, RetryPolicy commitRetries, TableTurns tableCommits,
            GroupedTransitions moves) {
        if (moves.queue() != store) {
            throw new IllegalArgumentException("the grouped transitions must write to the runner's own job store");
        }
        this.moves = moves;
        this.tableCommits = tableCommits;
        this.commitRetries = commitRetries;
        this.link = link;
        this.store = store;
        this.sharder = sharder;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.planBuilder = new PlanBuilder(link);
        this.deltaCopies = new DeltaCopies(link, store);
        this.fence = new CommitFence(store);
    }

    /**
     * Runs the job to a settled state or RETRY_WAIT. Never throws for a job failure: the job records it. The job is
     * either claimed already (PLANNED, leased to this process by {@link JobStore#claim}) or PENDING, and then claimed
     * here by compare-and-set.
     */
    public void run(ReplicationJob pending) {
        long startedMillis = clock.millis();
        runSteps(pending);
        JobOutcomeLog.log(store, pending, clock.millis() - startedMillis);
    }

    private void runSteps(ReplicationJob pending) {
        ReplicationJob job = pending;
        try {
            if (job.state() == JobState.PENDING) {
                job = move(job, JobState.PLANNED, store.claimReason(job));
            }
            job = planCopyAndCommit(job);
        } catch (RuntimeException e) {
            failed(job, e);
        }
    }

    /** A step of {@code job} threw: the job records the failure (or is left to whoever moved it meanwhile). */
    private void failed(ReplicationJob job, RuntimeException e) {
        failedJob(job, e);
    }

    /** As {@link #failed}; returns the job as the failure left it (unchanged when someone else moved it). */
    ReplicationJob failedJob(ReplicationJob job, RuntimeException e) {
        if (e instanceof StaleJobVersionException stale) {
            LOG.warn("job {} was moved by someone else; leaving it: {}", job.id(), stale.getMessage());
            return job;
        } else if (e instanceof StraitException strait) {
            return fail(job, strait.category() == ErrorCategory.EXTERNAL, strait.getMessage());
        } else {
            LOG.error("job {} failed with an unexpected error", job.id(), e);
            return fail(job, false, "unexpected error: " + e);
        }
    }

    /**
     * Runs SYNC_PARTITION jobs of one table, or DROP_PARTITION jobs of one table, claimed together (PLANNED, leased
     * to this process), as one batch ({@link PartitionBatchRun}): each step once for all of them, each job still its
     * own state machine. Never throws for a job failure.
     */
    public void runBatch(List<ReplicationJob> claimed) {
        long startedMillis = clock.millis();
        if (claimed.size() == 1) {
            run(claimed.get(0));
            return;
        }
        new PartitionBatchRun(this, link, store, moves).run(claimed, startedMillis);
    }

    private ReplicationJob planCopyAndCommit(ReplicationJob claimed) {
        PlanBuilder.Planned planned = planBuilder.plan(claimed);
        if (!(planned instanceof PlanBuilder.Planned.Ready ready) || !ready.plan().copiesData()) {
            return afterPlanning(claimed, planned);
        }
        JobPlan plan = ready.plan();
        ReplicationJob job = copyAndVerify(claimed, plan, tasks(claimed, plan));
        return job.state() == JobState.VERIFIED ? commit(job, plan) : job;
    }

    /**
     * Where a planned job goes when there is nothing to copy: BLOCKED (its table is not replicable), SUPERSEDED (its
     * source object is gone), its failure recorded (planning failed), or its plan saved and committed (metadata
     * only). Returns the job as it is left.
     */
    ReplicationJob afterPlanning(ReplicationJob claimed, PlanBuilder.Planned planned) {
        try {
            if (planned instanceof PlanBuilder.Planned.Blocked blocked) {
                // the reason is logged once, at INFO, by the job's outcome line (JobOutcomeLog)
                return moves.transition(JobTransitionRequest.of(claimed, JobState.BLOCKED, blocked.reason())
                        .withError(blocked.reason()));
            }
            if (planned instanceof PlanBuilder.Planned.Failed failed) {
                return failedJob(claimed, failed.failure());
            }
            if (!(planned instanceof PlanBuilder.Planned.Ready ready)) {
                return move(claimed, JobState.SUPERSEDED, "source object " + claimed.object()
                        + " no longer exists in region " + link.source() + "; a later event covers it");
            }
            JobPlan plan = ready.plan();
            store.savePlan(claimed.id(), plan, tasks(claimed, plan));
            return commit(claimed, plan);
        } catch (RuntimeException e) {
            return failedJob(claimed, e);
        }
    }

    /** The job's copy tasks: its files sharded, those the previous version holds unchanged marked for reuse. */
    List<CopyTask> tasks(ReplicationJob job, JobPlan plan) {
        return deltaCopies.attach(job, plan, sharder.shard(job.id(), plan.sourceDirectory(), plan.targetDirectory(),
                plan.files()));
    }

    /** The move that starts the job's copy, written with its plan. */
    JobTransitionRequest copyingMove(ReplicationJob planned, JobPlan plan, List<CopyTask> tasks) {
        return JobTransitionRequest.of(planned, JobState.COPYING, tasks.size() + " task(s), " + plan.files().size()
                + " file(s), " + plan.totalBytes() + " bytes").withTargetLocation(plan.targetDirectory());
    }

    /**
     * The plan with the move to COPYING (one state-store write), the copy, then the copy results with the moves they
     * decide (a second write): COPIED -> VERIFIED, COPIED -> UNVERIFIABLE, or COPIED and then a retry or failure.
     */
    private ReplicationJob copyAndVerify(ReplicationJob planned, JobPlan plan, List<CopyTask> tasks) {
        ReplicationJob job = store.savePlanAndMove(planned.id(), plan, tasks,
                List.of(copyingMove(planned, plan, tasks)));
        createVersionFolder(plan.targetDirectory());
        List<CopyTaskResult> results = link.copyExecutor().execute(tasks);
        CopyVerdict verdict = CopyVerdict.of(tasks, results);
        return afterCopied(store.recordCopyResultsAndMove(results, copiedMoves(job, verdict)), verdict);
    }

    /**
     * The moves a copy's verdict decides for a job in COPYING, written with its results: COPIED -> VERIFIED, COPIED
     * -> UNVERIFIABLE (not published), or COPIED alone for a mismatch (then {@link #afterCopied} retries or fails).
     */
    List<JobTransitionRequest> copiedMoves(ReplicationJob copying, CopyVerdict verdict) {
        JobTransitionRequest copied = JobTransitionRequest.of(copying, JobState.COPIED, "copy tasks finished");
        return switch (verdict.outcome()) {
            case VERIFIED -> List.of(copied, copied.then(JobState.VERIFIED, verdict.detail()));
            case UNVERIFIABLE -> List.of(copied, copied.then(JobState.UNVERIFIABLE, "not published")
                    .withError(verdict.detail()));
            case MISMATCH -> List.of(copied);
        };
    }

    /** After the copy results were written: a mismatch is retried in a fresh folder or fails; else the job as is. */
    ReplicationJob afterCopied(ReplicationJob job, CopyVerdict verdict) {
        return verdict.outcome() == CopyVerdict.Outcome.MISMATCH
                ? retryOrFail(job, "not published: " + verdict.detail(), false) : job;
    }

    /** {@link #commit} for one job of a batch whose batched commit failed; never throws for a job failure. */
    ReplicationJob commitAlone(ReplicationJob job, JobPlan plan) {
        try {
            return commit(job, plan);
        } catch (RuntimeException e) {
            return failedJob(job, e);
        }
    }

    Clock clock() {
        return clock;
    }

    PlanBuilder planBuilder() {
        return planBuilder;
    }

    TableTurns tableCommits() {
        return tableCommits;
    }

    CommitFence fence() {
        return fence;
    }

    /**
     * The metadata commit, retried promptly with jitter while it fails for an outside cause (a lock wait or deadlock
     * in the target metastore, a lost connection): each retry goes through the publisher again, which reads the
     * target first, so a commit that happened although its answer was lost is recognised ("already shows this
     * publish") rather than redone into a new version folder. The job's COMMITTED transition says how many attempts
     * had an unknown outcome. When the retries are spent the job fails as usual (RETRY_WAIT for an EXTERNAL cause).
     */
    private ReplicationJob commit(ReplicationJob job, JobPlan plan) {
        PublishContext context = publishContext(job);
        List<String> unknown = new java.util.ArrayList<>();
        PublishOutcome outcome = new Retrier("the metastore commit of job " + job.id(), commitRetries,
                Retrier::isExternal).call(() -> {
                    // fencing: in the table's turn, right before the call, the lease is confirmed and reserved for
                    // as long as a metastore call may take, so no one takes the job over while it may be in flight
                    // (for a batch of partition commits, every job's lease in one state-store write)
                    try {
                        return job.kind() == JobKind.SYNC_PARTITION
                                ? tableCommits.inBatch(link.target(), job.object(), new ReplicaCommit.PartitionCommit(
                                        link.publisher(), context, job, plan, fence), ReplicaCommit.PARTITIONS)
                                : job.kind() == JobKind.DROP_PARTITION
                                ? tableCommits.inBatch(link.target(), job.object(), new ReplicaCommit
                                        .PartitionDropCommit(link.publisher(), context, job, fence),
                                        ReplicaCommit.PARTITION_DROPS)
                                : tableCommits.inTurn(link.target(), job.object(), () -> {
                                    fence.confirm(job);
                                    return ReplicaCommit.commit(link.publisher(), context, job, plan);
                                });
                    } catch (StraitException e) {
                        if (e.category() == ErrorCategory.EXTERNAL) {
                            unknown.add(e.getMessage());
                            LOG.debug("job {} commit attempt {} failed, outcome unknown: {}", job.id(),
                                    unknown.size(), e.getMessage());
                        }
                        throw e;
                    }
                });
        long committedAt = clock.millis();
        String retried = unknown.isEmpty() ? "" : " (after " + unknown.size() + " commit attempt(s) with an unknown"
                + " outcome, each read back from the target before the next; the first: " + unknown.get(0) + ")";
        LOG.debug("job {} {} {}: {} {}{}", job.id(), job.kind(), job.object(), outcome.status(), outcome.detail(),
                retried);
        return moves.transitions(settlement(job, plan, outcome, retried, committedAt));
    }

    /** The moves that settle {@code job} after its metastore commit ended with {@code outcome}. */
    List<JobTransitionRequest> settlement(ReplicationJob job, JobPlan plan, PublishOutcome outcome,
            String retried, long committedAt) {
        return switch (outcome.status()) {
            case PUBLISHED, ALREADY_ABSENT -> {
                String fallback = outcome.status() == PublishOutcome.Status.ALREADY_ABSENT ? renameFallback(job, plan)
                        : foreignKeyFollowUps(job, plan);
                // the commit and the success (with the object's freshness) in one write: a crash before it leaves
                // the job where it was, and its retry recognises the publish in the target ("already shows")
                JobTransitionRequest committed = JobTransitionRequest.of(job, JobState.COMMITTED,
                        outcome.status() + " " + outcome.detail() + retried + fallback).withCommittedAt(committedAt);
                yield List.of(committed, committed.then(JobState.SUCCEEDED, "done"));
            }
            case SKIPPED_NEWER_REPLICA -> List.of(JobTransitionRequest.of(job, JobState.SUPERSEDED,
                    outcome.detail() + retried));
            case REFUSED_FOREIGN_OBJECT -> List.of(JobTransitionRequest.of(job, JobState.FAILED, "refused")
                    .withError(outcome.detail()));
        };
    }

    /**
     * For a rename that found nothing to rename in place: creates the jobs that sync the table under its new name
     * ({@link RenameFallback}), and says so; "" for any other job. A retry creates them again; the newer ones
     * supersede the older waiting ones (coalescing).
     */
    private String renameFallback(ReplicationJob job, JobPlan plan) {
        if (job.kind() != JobKind.RENAME_TABLE || plan.sourceTable() == null) {
            return "";
        }
        TableSnapshot table = plan.sourceTable();
        List<PartitionSnapshot> partitions = table.isPartitioned()
                ? link.sourceMetastore().listPartitions(table.ref()) : List.of();
        List<Long> ids = store.createRepairJobs(job.link(), RenameFallback.jobs(job, table, partitions));
        return "; synced under the new name instead by job(s) " + ids.get(0) + ".." + ids.get(ids.size() - 1);
    }

    /**
     * For a table sync that wrote primary or unique keys: the SYNC_TABLE jobs of the link's tables whose replica
     * still lacks a foreign key referring to this table ({@link ForeignKeyFollowUps}), and a note saying so; "" when
     * there are none. A failure to look is logged and left to reconcile ({@code CONSTRAINT_DRIFT}): the table itself
     * is published.
     */
    private String foreignKeyFollowUps(ReplicationJob job, JobPlan plan) {
        if (job.kind() != JobKind.SYNC_TABLE || plan.sourceTable() == null
                || !ForeignKeyFollowUps.writesKeys(plan.sourceConstraints())) {
            return "";
        }
        TableRef parent = plan.sourceTable().ref();
        try {
            List<ForeignKeyRef> referring = link.sourceMetastore().getForeignKeysReferencing(parent).stream()
                    .filter(key -> !key.table().equals(parent)
                            && link.tableFilter().includesTable(key.table().database(), key.table().table()))
                    .toList();
            List<ForeignKeyFollowUps.Waiting> waiting = referring.isEmpty() ? List.of()
                    : link.publisher().lackingForeignKeys(publishContext(job), referring);
            if (waiting.isEmpty()) {
                return "";
            }
            List<Long> ids = store.createRepairJobs(job.link(), ForeignKeyFollowUps.jobs(job, waiting));
            return "; foreign keys of " + waiting.stream().map(table -> table.table().toString()).toList()
                    + " waited for this table's keys: synced again by job(s) " + ids.get(0) + ".."
                    + ids.get(ids.size() - 1);
        } catch (StraitException e) {
            LOG.warn("job {}: could not look for foreign keys waiting for the keys of {} ({}); reconcile finds them"
                    + " as CONSTRAINT_DRIFT", job.id(), parent, e.getMessage());
            return "";
        }
    }

    /** What the target is told of {@code job} when it publishes: its source region, id, event and origin, now. */
    PublishContext publishContext(ReplicationJob job) {
        return new PublishContext(link.source(), job.id(), job.sourceEventId(), clock.millis(), job.origin());
    }

    void createVersionFolder(String directory) {
        try {
            link.targetFileSystem().mkdirs(directory);
        } catch (IOException e) {
            throw StraitException.external("Cannot create version folder " + directory + " in region "
                    + link.target() + ": " + e.getMessage(), e);
        }
    }

    private ReplicationJob fail(ReplicationJob job, boolean retryable, String error) {
        try {
            ReplicationJob current = store.find(job.id()).orElse(job);
            if (current.state().isSettled()) {
                return current;
            }
            if (current.state() != JobState.PENDING && !store.holdsLease(current.id())) {
                // taken over (lease expired) or released: the job is someone else's now; its error is not recorded
                LOG.warn("job {} failed after this process lost its lease (now {}); leaving it: {}", job.id(),
                        current.state(), error);
                return current;
            }
            if (retryable) {
                return retryOrFail(current, error, true);
            }
            return moves.transition(JobTransitionRequest.of(current, JobState.FAILED, "failed").withError(error));
        } catch (StraitException recordingFailed) {
            LOG.error("job {} could not record its failure ({}); it will be recovered as abandoned: {}",
                    job.id(), error, recordingFailed.getMessage());
            return job;
        }
    }

    /**
     * RETRY_WAIT while attempts remain, else FAILED; except that a failure of the environment ({@code external}:
     * EXTERNAL category, e.g. a full disk, a refused permission, an unreachable region) is retried beyond the
     * attempt limit, the backoff capped at {@code scheduler.retry-backoff-max}: it passes when the environment is
     * fixed, and a dead letter would need an operator for nothing.
     */
    private ReplicationJob retryOrFail(ReplicationJob job, String error, boolean external) {
        boolean attemptsLeft = job.attempts() < maxAttempts;
        boolean canRetry = (attemptsLeft || external) && job.state() != JobState.PENDING;
        JobState next = canRetry ? JobState.RETRY_WAIT : JobState.FAILED;
        String reason = !canRetry ? "failed after " + job.attempts() + " attempt(s)"
                : attemptsLeft ? "attempt " + job.attempts() + " of " + maxAttempts + " failed"
                : "attempt " + job.attempts() + " failed for an environmental (EXTERNAL) cause; retried after the"
                        + " capped backoff until the environment is fixed";
        LOG.warn("job {} {} {}: {}", job.id(), job.object(), reason, error);
        return moves.transition(JobTransitionRequest.of(job, next, reason + ": " + error).withError(error));
    }

    private ReplicationJob move(ReplicationJob job, JobState to, String reason) {
        ReplicationJob moved = moves.transition(JobTransitionRequest.of(job, to, reason));
        LOG.debug("job {} {} -> {}: {}", job.id(), job.state(), to, reason);
        return moved;
    }
}
