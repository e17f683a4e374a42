package io.strait.scheduler.run;

import io.strait.common.job.JobKind;
import io.strait.common.job.JobPlan;
import io.strait.common.job.ReplicationJob;
import java.util.List;
import java.util.Map;
import io.strait.common.publish.PartitionDrop;
import io.strait.common.publish.PartitionPublish;
import io.strait.common.publish.PublishContext;
import io.strait.common.publish.PublishOutcome;
import io.strait.common.publish.ReplicaPublisher;

/**
 * The metadata commit of a job: one {@link ReplicaPublisher} call chosen by the job's kind, then, for a published
 * table or partition, its column statistics, and for a published table its constraints.
 */
final class ReplicaCommit {
    private ReplicaCommit() {
    }

    static PublishOutcome commit(ReplicaPublisher publisher, PublishContext context, ReplicationJob job, JobPlan plan) {
        PublishOutcome outcome = publish(publisher, context, job, plan);
        writeStatistics(publisher, context, job, plan, outcome);
        writeConstraints(publisher, context, job, plan, outcome);
        return outcome;
    }

    /**
     * A published table's constraints, the source's; none written for a table just created when the source has
     * none (nothing to clear), nor for a view (it has none).
     */
    private static void writeConstraints(ReplicaPublisher publisher, PublishContext context, ReplicationJob job,
            JobPlan plan, PublishOutcome outcome) {
        boolean nothingToWrite = outcome.created() && plan.sourceConstraints().isEmpty();
        if (job.kind() == JobKind.SYNC_TABLE && outcome.status() == PublishOutcome.Status.PUBLISHED
                && plan.sourceTable() != null && !plan.sourceTable().isView() && !nothingToWrite) {
            publisher.publishConstraints(context, plan.sourceTable().ref(), plan.sourceConstraints());
        }
    }

    private static void writeStatistics(ReplicaPublisher publisher, PublishContext context, ReplicationJob job,
            JobPlan plan, PublishOutcome outcome) {
        // a table or partition just created has no column statistics: none to clear, so none to write when the
        // source has none either (one metastore call less per new partition)
        boolean nothingToWrite = outcome.created() && plan.sourceColumnStatistics().isEmpty()
                || job.kind() == JobKind.RENAME_TABLE;
        if (outcome.status() == PublishOutcome.Status.PUBLISHED && plan.carriesColumnStatistics() && !nothingToWrite) {
            publisher.publishColumnStatistics(context, plan.sourceTable(), job.object(),
                    plan.sourceColumnStatistics());
        }
    }

    /**
     * The commit of one SYNC_PARTITION job, which {@link #PARTITIONS} batches with others of its table; {@code fence}
     * refuses the jobs that may no longer be committed (their lease lost), checked in the table's turn.
     */
    record PartitionCommit(ReplicaPublisher publisher, PublishContext context, ReplicationJob job, JobPlan plan,
            CommitFence fence) {
    }

    /**
     * Partition commits of one target table in one batch: one {@link ReplicaPublisher#publishPartitions} call for
     * all of them (batched metastore reads and writes), then each one's column statistics; each alone as
     * {@link #commit}. Batches group the commits of one publisher (one link).
     */
    static final TableTurns.BatchCommit<PartitionCommit, PublishOutcome> PARTITIONS = new TableTurns.BatchCommit<>() {
        @Override
        public List<PublishOutcome> commitAll(List<PartitionCommit> commits) {
            ReplicaPublisher publisher = commits.get(0).publisher();
            List<PublishOutcome> outcomes = publisher.publishPartitions(commits.get(0).plan().sourceTable(),
                    commits.stream().map(commit -> new PartitionPublish(commit.context(),
                            commit.plan().sourcePartition(), commit.plan().targetDirectory())).toList());
            for (int i = 0; i < commits.size(); i++) {
                PartitionCommit commit = commits.get(i);
                writeStatistics(publisher, commit.context(), commit.job(), commit.plan(), outcomes.get(i));
            }
            return outcomes;
        }

        @Override
        public PublishOutcome commitOne(PartitionCommit commit) {
            return commit(commit.publisher(), commit.context(), commit.job(), commit.plan());
        }

        @Override
        public Object groupOf(PartitionCommit commit) {
            return commit.publisher();
        }

        @Override
        public Map<Integer, RuntimeException> refusals(List<PartitionCommit> commits) {
            return commits.get(0).fence().refusals(commits.stream().map(PartitionCommit::job).toList());
        }
    };

    /**
     * The drop of one DROP_PARTITION job's replica partition, which {@link #PARTITION_DROPS} batches with others of
     * its table; {@code fence} as for {@link PartitionCommit}.
     */
    record PartitionDropCommit(ReplicaPublisher publisher, PublishContext context, ReplicationJob job,
            CommitFence fence) {
        PartitionDrop drop() {
            return new PartitionDrop(context, job.object().partitionRef());
        }
    }

    /**
     * Partition drops of one target table in one batch: one {@link ReplicaPublisher#dropPartitions} call for all of
     * them (one read of the target's partitions, one drop call); each alone as {@link #commit} drops it. Batches
     * group the drops of one publisher (one link).
     */
    static final TableTurns.BatchCommit<PartitionDropCommit, PublishOutcome> PARTITION_DROPS =
            new TableTurns.BatchCommit<>() {
                @Override
                public List<PublishOutcome> commitAll(List<PartitionDropCommit> drops) {
                    return drops.get(0).publisher().dropPartitions(drops.stream().map(PartitionDropCommit::drop)
                            .toList());
                }

                @Override
                public PublishOutcome commitOne(PartitionDropCommit drop) {
                    return drop.publisher().dropPartition(drop.context(), drop.job().object().partitionRef());
                }

                @Override
                public Object groupOf(PartitionDropCommit drop) {
                    return drop.publisher();
                }

                @Override
                public Map<Integer, RuntimeException> refusals(List<PartitionDropCommit> drops) {
                    return drops.get(0).fence().refusals(drops.stream().map(PartitionDropCommit::job).toList());
                }
            };

    private static PublishOutcome publish(ReplicaPublisher publisher, PublishContext context, ReplicationJob job,
            JobPlan plan) {
        return switch (job.kind()) {
            case SYNC_DATABASE -> publisher.publishDatabase(context, plan.sourceDatabase());
            case SYNC_TABLE -> publisher.publishTable(context, plan.sourceTable(), plan.targetDirectory());
            case SYNC_PARTITION -> publisher.publishPartition(context, plan.sourceTable(), plan.sourcePartition(),
                    plan.targetDirectory());
            case DROP_PARTITION -> publisher.dropPartition(context, job.object().partitionRef());
            case DROP_TABLE -> publisher.dropTable(context, job.object().tableRef());
            case RENAME_TABLE -> plan.sourceTable() == null ? publisher.dropTable(context, job.renamedFrom())
                    : publisher.renameTable(context, job.renamedFrom(), plan.sourceTable());
            case DROP_DATABASE -> publisher.dropDatabase(context, job.object().database());
        };
    }
}
