package io.strait.sync;

import io.strait.common.copy.CopyExecutor;
import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.CopyVerdict;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.publish.PublishContext;
import io.strait.common.publish.PublishOutcome;
import io.strait.common.publish.ReplicaPublisher;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Copy, then publish only what {@link CopyVerdict} (the one publish rule, the job runner's too) calls VERIFIED:
 * otherwise the publisher is not called and readers of the target keep seeing the previous version. The data
 * plane's own harness of that rule, for copies driven outside the job machinery.
 */
public final class VersionPublisher {
    private final CopyExecutor executor;
    private final ReplicaPublisher publisher;

    public VersionPublisher(CopyExecutor executor, ReplicaPublisher publisher) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /** Copies {@code tasks} into {@code versionFolder}, then publishes the partition there if all is VERIFIED. */
    public VersionPublication replicatePartition(PublishContext context, TableSnapshot sourceTable,
            PartitionSnapshot sourcePartition, String versionFolder, List<CopyTask> tasks) {
        return publishIfVerified(tasks, executor.execute(tasks),
                () -> publisher.publishPartition(context, sourceTable, sourcePartition, versionFolder));
    }

    /** Copies {@code tasks} into {@code versionFolder}, then publishes the unpartitioned table there if VERIFIED. */
    public VersionPublication replicateTable(PublishContext context, TableSnapshot sourceTable, String versionFolder,
            List<CopyTask> tasks) {
        return publishIfVerified(tasks, executor.execute(tasks),
                () -> publisher.publishTable(context, sourceTable, versionFolder));
    }

    /** Calls {@code publish} only if {@link CopyVerdict} says every file of {@code tasks} was VERIFIED. */
    public static VersionPublication publishIfVerified(List<CopyTask> tasks, List<CopyTaskResult> results,
            Supplier<PublishOutcome> publish) {
        CopyVerdict verdict = CopyVerdict.of(tasks, results);
        if (verdict.outcome() != CopyVerdict.Outcome.VERIFIED) {
            return new VersionPublication(verdict.outcome(), "not published: " + verdict.detail(), results, null);
        }
        PublishOutcome outcome = publish.get();
        return new VersionPublication(verdict.outcome(), verdict.detail() + "; " + outcome.status() + " "
                + outcome.detail(), results, outcome);
    }
}
