package io.strait.scheduler.run;

import io.strait.common.job.JobPlan;
import io.strait.common.job.ReplicationJob;
import io.strait.common.publish.PublishContext;
import io.strait.common.publish.PublishOutcome;
import io.strait.common.publish.ReplicaPublisher;

/**
 * The metadata commit of a job: one {@link ReplicaPublisher} call chosen by the job's kind, then, for a published
 * table or partition, its column statistics.
 */
final class ReplicaCommit {
    private ReplicaCommit() {
    }

    static PublishOutcome commit(ReplicaPublisher publisher, PublishContext context, ReplicationJob job, JobPlan plan) {
        PublishOutcome outcome = publish(publisher, context, job, plan);
        // a table or partition just created has no column statistics: none to clear, so none to write when the
        // source has none either (one metastore call less per new partition)
        boolean nothingToWrite = outcome.created() && plan.sourceColumnStatistics().isEmpty();
        if (outcome.status() == PublishOutcome.Status.PUBLISHED && plan.carriesColumnStatistics() && !nothingToWrite) {
            publisher.publishColumnStatistics(context, plan.sourceTable(), job.object(),
                    plan.sourceColumnStatistics());
        }
        return outcome;
    }

    private static PublishOutcome publish(ReplicaPublisher publisher, PublishContext context, ReplicationJob job,
            JobPlan plan) {
        return switch (job.kind()) {
            case SYNC_DATABASE -> publisher.publishDatabase(context, plan.sourceDatabase());
            case SYNC_TABLE -> publisher.publishTable(context, plan.sourceTable(), plan.targetDirectory());
            case SYNC_PARTITION -> publisher.publishPartition(context, plan.sourceTable(), plan.sourcePartition(),
                    plan.targetDirectory());
            case DROP_PARTITION -> publisher.dropPartition(context, job.object().partitionRef());
            case DROP_TABLE -> publisher.dropTable(context, job.object().tableRef());
            case DROP_DATABASE -> publisher.dropDatabase(context, job.object().database());
        };
    }
}
