package io.strait.scheduler.run;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.CopyVerdict;
import io.strait.common.job.ChainOutcome;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobPlan;
import io.strait.common.job.JobState;
import io.strait.common.job.JobStore;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.ReplicationJob;
import io.strait.common.publish.PublishContext;
import io.strait.common.publish.PublishOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One worker's batch of partition jobs of one table, claimed together (all SYNC_PARTITION, or all DROP_PARTITION):
 * the steps of {@link JobRunner} taken for all of them at once, so a partition costs a share of each step's metastore
 * calls and state-store writes instead of its own. For SYNC_PARTITION jobs:
 * <ol>
 *   <li>plan: one read of the source table, one of the partitions and one of their column statistics
 *       ({@link PlanBuilder#planPartitions});</li>
 *   <li>every plan with its move to COPYING in one state-store write;</li>
 *   <li>every job's copy tasks in one call of the copy executor (they run in parallel), each job judged by its own
 *       {@link CopyVerdict};</li>
 *   <li>every job's copy results with the moves they decide in one write;</li>
 *   <li>the verified jobs' metastore commits in the table's turn, together ({@link TableTurns#inBatchAll}: one
 *       confirmation of their leases, one {@code add_partitions} or {@code alter_partitions} for all);</li>
 *   <li>every job's commit and success in one write.</li>
 * </ol>
 * DROP_PARTITION jobs read nothing from the source and copy nothing (their plans are empty, and not written): their
 * drops go in the table's turn together ({@link ReplicaCommit#PARTITION_DROPS}: one confirmation of their leases, one
 * read of the target table and its partitions, one {@code drop_partitions} for the replicas to drop), then every
 * job's commit and success in one write, as for the syncs.
 * Each job keeps its own compare-and-sets, history, verification and atomic publish: a job that deviates (its
 * partition gone, its table blocked, its copy a mismatch, its commit failed, its lease lost) leaves the batch and
 * takes {@link JobRunner}'s path for one job from where it is, so one bad partition never fails the others.
 */
final class PartitionBatchRun {
    private final JobRunner runner;
    private final LinkRuntime link;
    private final JobStore store;
    private final GroupedTransitions moves;

    /** One job of the batch as it moves through the steps. */
    private static final class Item {
        ReplicationJob job;
        JobPlan plan;
        List<CopyTask> tasks;
        CopyVerdict verdict;
        long bytes;

        Item(ReplicationJob job) {
            this.job = job;
        }
    }

    PartitionBatchRun(JobRunner runner, LinkRuntime link, JobStore store, GroupedTransitions moves) {
        this.runner = runner;
        this.link = link;
        this.store = store;
        this.moves = moves;
    }

    /** Runs the batch; each job ends settled, in RETRY_WAIT, or left to whoever took it over. Logs each outcome. */
    void run(List<ReplicationJob> claimed, long startedMillis) {
        List<Item> items = claimed.stream().map(Item::new).toList();
        try {
            if (drops(claimed)) {
                List<Item> planned = planDrops(items);
                if (!planned.isEmpty()) {
                    commitDrops(planned);
                }
            } else {
                List<Item> copying = plan(items);
                List<Item> verified = copying.isEmpty() ? List.of() : copyAndVerify(copying);
                if (!verified.isEmpty()) {
                    commit(verified);
                }
            }
        } catch (RuntimeException unexpected) {
            // a step failed outside any one job's handling: every job not settled yet records the failure, so none
            // stays in flight under a lease this process's heartbeat would keep renewing
            for (Item item : items) {
                if (!item.job.state().isSettled() && item.job.state() != JobState.RETRY_WAIT) {
                    item.job = runner.failedJob(item.job, unexpected);
                }
            }
        }
        for (Item item : items) {
            JobOutcomeLog.log(item.job, item.bytes, runner.clock().millis() - startedMillis);
        }
    }

    /** True for a batch of DROP_PARTITION jobs; a batch mixes no kinds ({@link io.strait.common.job.ClaimUnits}). */
    private static boolean drops(List<ReplicationJob> claimed) {
        boolean drops = claimed.get(0).kind() == JobKind.DROP_PARTITION;
        for (ReplicationJob job : claimed) {
            if ((job.kind() == JobKind.DROP_PARTITION) != drops
                    || !job.object().tableRef().equals(claimed.get(0).object().tableRef())) {
                throw new IllegalArgumentException("a batch holds partition syncs or drops of one table, not "
                        + job.kind() + " " + job.object() + " with " + claimed.get(0).kind() + " "
                        + claimed.get(0).object());
            }
        }
        return drops;
    }

    /**
     * Plans every drop as a job alone plans it (nothing read: the plan is empty); a drop's plan carries nothing, so
     * none is written. Returns the jobs ready to drop.
     */
    private List<Item> planDrops(List<Item> items) {
        List<Item> ready = new ArrayList<>();
        for (Item item : items) {
            PlanBuilder.Planned planned = runner.planBuilder().plan(item.job);
            if (planned instanceof PlanBuilder.Planned.Ready readyPlan) {
                item.plan = readyPlan.plan();
                ready.add(item);
            } else {
                item.job = runner.afterPlanning(item.job, planned);
            }
        }
        return ready;
    }

    /** Plans every job; the ones ready to copy move to COPYING with their plans, in one write. */
    private List<Item> plan(List<Item> items) {
        List<PlanBuilder.Planned> planned;
        try {
            planned = runner.planBuilder().planPartitions(items.stream().map(item -> item.job).toList());
        } catch (RuntimeException e) {
            items.forEach(item -> item.job = runner.failedJob(item.job, e));
            return List.of();
        }
        List<Item> ready = new ArrayList<>();
        List<JobStore.PlanAndMoves> writes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            PlanBuilder.Planned plan = planned.get(i);
            if (plan instanceof PlanBuilder.Planned.Ready readyPlan && readyPlan.plan().copiesData()) {
                item.plan = readyPlan.plan();
                item.bytes = item.plan.totalBytes();
                item.tasks = runner.tasks(item.job, item.plan);
                ready.add(item);
                writes.add(new JobStore.PlanAndMoves(item.job.id(), item.plan, item.tasks,
                        List.of(runner.copyingMove(item.job, item.plan, item.tasks))));
            } else {
                // blocked, gone, not listable, or nothing to copy: the job's own path from its plan
                item.job = runner.afterPlanning(item.job, plan);
                if (plan instanceof PlanBuilder.Planned.Ready readyPlan) {
                    item.bytes = readyPlan.plan().totalBytes();
                }
            }
        }
        if (ready.isEmpty()) {
            return List.of();
        }
        List<Item> copying = new ArrayList<>();
        for (Item item : writeTogether(ready, () -> store.savePlansAndMove(writes))) {
            try {
                runner.createVersionFolder(item.plan.targetDirectory());
                copying.add(item);
            } catch (RuntimeException e) {
                item.job = runner.failedJob(item.job, e);
            }
        }
        return copying;
    }

    /** Every job's tasks in one call of the copy executor; every job's results and moves in one write. */
    private List<Item> copyAndVerify(List<Item> copying) {
        List<CopyTask> tasks = new ArrayList<>();
        copying.forEach(item -> tasks.addAll(item.tasks));
        Map<Long, List<CopyTaskResult>> resultsByJob = new HashMap<>();
        try {
            for (CopyTaskResult result : link.copyExecutor().execute(tasks)) {
                resultsByJob.computeIfAbsent(result.jobId(), id -> new ArrayList<>()).add(result);
            }
        } catch (RuntimeException e) {
            copying.forEach(item -> item.job = runner.failedJob(item.job, e));
            return List.of();
        }
        List<JobStore.CopyResultsAndMoves> writes = new ArrayList<>();
        for (Item item : copying) {
            List<CopyTaskResult> results = resultsByJob.getOrDefault(item.job.id(), List.of());
            item.verdict = CopyVerdict.of(item.tasks, results);
            writes.add(new JobStore.CopyResultsAndMoves(results, runner.copiedMoves(item.job, item.verdict)));
        }
        List<Item> verified = new ArrayList<>();
        for (Item item : writeTogether(copying, () -> store.recordCopyResultsAndMoveTogether(writes))) {
            item.job = runner.afterCopied(item.job, item.verdict);
            if (item.job.state() == JobState.VERIFIED) {
                verified.add(item);
            }
        }
        return verified;
    }

    /**
     * The verified jobs' commits in the table's turn, together; each job's settlement in one write for all. A job
     * whose commit failed takes the commit path for one job (prompt retries, the target read back first).
     */
    private void commit(List<Item> verified) {
        List<ReplicaCommit.PartitionCommit> commits = new ArrayList<>();
        for (Item item : verified) {
            commits.add(new ReplicaCommit.PartitionCommit(link.publisher(), context(item), item.job, item.plan,
                    runner.fence()));
        }
        settle(verified, runner.tableCommits().inBatchAll(link.target(), verified.get(0).job.object(), commits,
                ReplicaCommit.PARTITIONS));
    }

    /** The drops in the table's turn, together; each job's settlement in one write for all, as {@link #commit}. */
    private void commitDrops(List<Item> planned) {
        List<ReplicaCommit.PartitionDropCommit> drops = new ArrayList<>();
        for (Item item : planned) {
            drops.add(new ReplicaCommit.PartitionDropCommit(link.publisher(), context(item), item.job,
                    runner.fence()));
        }
        settle(planned, runner.tableCommits().inBatchAll(link.target(), planned.get(0).job.object(), drops,
                ReplicaCommit.PARTITION_DROPS));
    }

    /**
     * Settles each item by its commit's outcome (in order): the settlements in one write for all; a job whose lease
     * was lost is left to its new holder; one whose commit failed takes the commit path for one job.
     */
    private void settle(List<Item> items, List<TableTurns.Committed<PublishOutcome>> committed) {
        long committedAt = runner.clock().millis();
        List<Item> settling = new ArrayList<>();
        List<List<JobTransitionRequest>> chains = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            TableTurns.Committed<PublishOutcome> outcome = committed.get(i);
            if (outcome.failure() == null) {
                settling.add(item);
                chains.add(runner.settlement(item.job, item.plan, outcome.result(), "", committedAt));
            } else if (outcome.failure() instanceof io.strait.common.job.StaleJobVersionException stale) {
                item.job = runner.failedJob(item.job, stale);
            } else {
                item.job = runner.commitAlone(item.job, item.plan);
            }
        }
        if (!chains.isEmpty()) {
            writeTogether(settling, () -> moves.transitionsEach(chains));
        }
    }

    private PublishContext context(Item item) {
        return runner.publishContext(item.job);
    }

    /**
     * The items' moves written together by {@code write} (one outcome per item, in order): each item that moved gets
     * its job as moved and is returned; one whose job was moved meanwhile (or whose lease was lost), or every item
     * when the write fails as a whole, is left to {@link JobRunner#failedJob}.
     */
    private List<Item> writeTogether(List<Item> items, java.util.function.Supplier<List<ChainOutcome>> write) {
        List<ChainOutcome> outcomes;
        try {
            outcomes = write.get();
        } catch (RuntimeException e) {
            items.forEach(item -> item.job = runner.failedJob(item.job, e));
            return List.of();
        }
        List<Item> moved = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (outcomes.get(i).stale() != null) {
                item.job = runner.failedJob(item.job, outcomes.get(i).stale());
            } else {
                item.job = outcomes.get(i).job();
                moved.add(item);
            }
        }
        return moved;
    }
}
