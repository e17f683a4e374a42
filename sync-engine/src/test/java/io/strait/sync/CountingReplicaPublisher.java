package io.strait.sync;

import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.ColumnStatistic;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.job.ForeignKeyFollowUps;
import io.strait.common.metastore.ForeignKeyRef;
import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.publish.PublishContext;
import io.strait.common.publish.PublishOutcome;
import io.strait.common.publish.ReplicaPublisher;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link ReplicaPublisher} decorator that counts calls, to prove when nothing was published. */
final class CountingReplicaPublisher implements ReplicaPublisher {
    private final ReplicaPublisher delegate;
    private final AtomicInteger calls = new AtomicInteger();

    CountingReplicaPublisher(ReplicaPublisher delegate) {
        this.delegate = delegate;
    }

    int calls() {
        return calls.get();
    }

    @Override
    public PublishOutcome publishDatabase(PublishContext context, DatabaseSnapshot sourceDatabase) {
        calls.incrementAndGet();
        return delegate.publishDatabase(context, sourceDatabase);
    }

    @Override
    public PublishOutcome publishTable(PublishContext context, TableSnapshot sourceTable, String versionFolder) {
        calls.incrementAndGet();
        return delegate.publishTable(context, sourceTable, versionFolder);
    }

    @Override
    public PublishOutcome publishPartition(PublishContext context, TableSnapshot sourceTable,
            PartitionSnapshot sourcePartition, String versionFolder) {
        calls.incrementAndGet();
        return delegate.publishPartition(context, sourceTable, sourcePartition, versionFolder);
    }

    @Override
    public void publishColumnStatistics(PublishContext context, TableSnapshot sourceTable, ObjectRef object,
            List<ColumnStatistic> statistics) {
        calls.incrementAndGet();
        delegate.publishColumnStatistics(context, sourceTable, object, statistics);
    }

    @Override
    public void publishConstraints(PublishContext context, TableRef table, List<TableConstraint> constraints) {
        delegate.publishConstraints(context, table, constraints);
    }

    @Override
    public List<ForeignKeyFollowUps.Waiting> lackingForeignKeys(PublishContext context, List<ForeignKeyRef> keys) {
        return delegate.lackingForeignKeys(context, keys);
    }

    @Override
    public PublishOutcome dropPartition(PublishContext context, PartitionRef partition) {
        calls.incrementAndGet();
        return delegate.dropPartition(context, partition);
    }

    @Override
    public PublishOutcome dropTable(PublishContext context, TableRef table) {
        calls.incrementAndGet();
        return delegate.dropTable(context, table);
    }

    @Override
    public PublishOutcome renameTable(PublishContext context, TableRef from, TableSnapshot sourceTable) {
        calls.incrementAndGet();
        return delegate.renameTable(context, from, sourceTable);
    }

    @Override
    public PublishOutcome dropDatabase(PublishContext context, String database) {
        calls.incrementAndGet();
        return delegate.dropDatabase(context, database);
    }
}
