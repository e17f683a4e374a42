package io.strait.common.publish;

import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.ColumnStatistic;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.job.ForeignKeyFollowUps;
import io.strait.common.metastore.ForeignKeyRef;
import io.strait.common.metastore.TableConstraint;
import java.util.List;
import java.util.Optional;

/**
 * Commits replicas into the target region's metastore: the last step of a job, taken only after every file of the
 * new version is VERIFIED. Implementation: {@code MetastoreReplicaPublisher} (sync-engine).
 *
 * <p>Rules every implementation keeps:
 * <ul>
 *   <li>Replica locations are the source locations mapped to the target's roots ({@link
 *       io.strait.common.region.PathMapper}); a partition's location is switched to its new version folder with one
 *       metastore call ({@code add_partition} or {@code alter_partition}).</li>
 *   <li>Replicas carry Strait's parameters ({@link io.strait.common.metastore.StraitParameters}): source region,
 *       source event id, source location, replicated-at.</li>
 *   <li>A publish whose source event id is not newer than the replica's recorded one changes nothing
 *       ({@code SKIPPED_NEWER_REPLICA}).</li>
 *   <li>Objects not written by Strait from this source region are never altered or dropped
 *       ({@code REFUSED_FOREIGN_OBJECT}); drops never delete data.</li>
 *   <li>Missing parents (database, table) are created from the source snapshots.</li>
 * </ul>
 */
public interface ReplicaPublisher {
    PublishOutcome publishDatabase(PublishContext context, DatabaseSnapshot sourceDatabase);

    /**
     * Creates or alters the replica table. For an unpartitioned table {@code versionFolder} is the verified new
     * data version to switch to; for a partitioned table it is empty and the table location is the mapped one.
     */
    PublishOutcome publishTable(PublishContext context, TableSnapshot sourceTable, String versionFolder);

    /** Adds or alters the replica partition so that its location is {@code versionFolder}, in one call. */
    PublishOutcome publishPartition(PublishContext context, TableSnapshot sourceTable,
            PartitionSnapshot sourcePartition, String versionFolder);

    /**
     * Publishes distinct partitions of {@code sourceTable} together, each as {@link #publishPartition} would, with
     * an outcome each in the order given: the target is read and written in batches (one read of the replica
     * partitions, one call adding the new ones, one altering the outdated ones), and each partition's switch stays
     * atomic. A failure is thrown for the whole batch, whose partitions may then be partly published: publishing
     * them again (one by one or together) recognises those ("already shows this publish"). A missing table is created
     * with the first publish's context.
     */
    default List<PublishOutcome> publishPartitions(TableSnapshot sourceTable, List<PartitionPublish> publishes) {
        return publishes.stream().map(publish -> publishPartition(publish.context(), sourceTable,
                publish.sourcePartition(), publish.versionFolder())).toList();
    }

    /**
     * Makes the column statistics of the replica of {@code object} (a table or a partition of {@code sourceTable}
     * whose publish by this context's job succeeded) exactly the source's {@code statistics}: columns not listed
     * lose theirs. The replica has the source table's columns and partition keys (the publish keeps them equal), so
     * {@code sourceTable} names them without reading the replica table again.
     */
    void publishColumnStatistics(PublishContext context, TableSnapshot sourceTable, ObjectRef object,
            List<ColumnStatistic> statistics);

    /**
     * Makes the constraints of the replica of {@code table} (whose publish by this context's job succeeded) the
     * source's {@code constraints}. One the target metastore refuses (a foreign key whose parent table or key has no
     * replica yet) is left out with a WARN line naming it and the reason, and the others are written: a sync of the
     * table once its parent's keys are there adds it (see {@link #lackingForeignKeys}).
     */
    void publishConstraints(PublishContext context, TableRef table, List<TableConstraint> constraints);

    /**
     * The tables, of those holding {@code keys}, whose replica (written by Strait from {@code context}'s source
     * region) exists in the target without one of its keys (left out while its parent had no replica), with the
     * source event id each replica records; sorted, each once.
     */
    List<ForeignKeyFollowUps.Waiting> lackingForeignKeys(PublishContext context, List<ForeignKeyRef> keys);

    /**
     * Where the target's replica of {@code object} (a table or a partition) points now; empty when it does not exist
     * or has no location. Delta copies reuse files only from the version readers see.
     */
    default Optional<String> currentLocation(ObjectRef object) {
        return Optional.empty();
    }

    PublishOutcome dropPartition(PublishContext context, PartitionRef partition);

    /**
     * Drops distinct partitions of one table together, each as {@link #dropPartition} would (a foreign one refused,
     * an absent one already absent), with an outcome each in the order given: the target is read and written in
     * batches (one read of the table, one of its partitions, one call dropping the ones to drop). A failure is thrown
     * for the whole batch, whose partitions may then be partly dropped: dropping them again (one by one or together)
     * finds those already absent.
     */
    default List<PublishOutcome> dropPartitions(List<PartitionDrop> drops) {
        return drops.stream().map(drop -> dropPartition(drop.context(), drop.partition())).toList();
    }

    PublishOutcome dropTable(PublishContext context, TableRef table);

    /**
     * Renames the replica of {@code from} in place to {@code sourceTable}'s name (a table rename in the source), with
     * {@code sourceTable}'s metadata and Strait's parameters; no data is copied or moved: the table and each of its
     * partitions keep their version folders (a table whose source location changed with the rename gets the mapped
     * new location when it is partitioned, its partitions keep theirs). {@code ALREADY_ABSENT} when there is nothing
     * to rename in place, the replica of {@code from} missing or a Strait replica under the new name already there:
     * the table must then be synced under its new name. A foreign object under either name is refused.
     */
    PublishOutcome renameTable(PublishContext context, TableRef from, TableSnapshot sourceTable);

    PublishOutcome dropDatabase(PublishContext context, String database);
}
