package io.strait.common.job;

import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The jobs that replace a {@link JobKind#RENAME_TABLE} job which found nothing to rename in place (the replica under
 * the previous name is missing: the table was never replicated; or a replica under the new name exists already), a
 * pure function: drop the previous name's replica (a no-op when it is missing) and sync the table under its new name
 * with every partition the source holds now, as a table rename was replicated before renames were done in place.
 * They are of origin {@link JobOrigin#REPAIR}, carry the rename's source event id, and get ids above the rename's,
 * so they run after it.
 */
public final class RenameFallback {
    private RenameFallback() {
    }

    /**
     * @param rename the rename job
     * @param sourceTable the source table under its new name
     * @param sourcePartitions its partitions in the source now (empty for an unpartitioned table)
     */
    public static List<NewJob> jobs(ReplicationJob rename, TableSnapshot sourceTable,
            List<PartitionSnapshot> sourcePartitions) {
        if (rename.kind() != JobKind.RENAME_TABLE) {
            throw new IllegalArgumentException("not a rename: " + rename);
        }
        List<NewJob> jobs = new ArrayList<>();
        jobs.add(job(rename, JobKind.DROP_TABLE, ObjectRef.table(rename.renamedFrom())));
        jobs.add(job(rename, JobKind.SYNC_TABLE, ObjectRef.table(sourceTable.ref())));
        for (PartitionSnapshot partition : sourcePartitions) {
            jobs.add(job(rename, JobKind.SYNC_PARTITION, ObjectRef.partition(partition.ref())));
        }
        return jobs;
    }

    private static NewJob job(ReplicationJob rename, JobKind kind, ObjectRef object) {
        return new NewJob(rename.link(), kind, object, rename.sourceEventId(), rename.sourceCapturedAtMillis(),
                JobOrigin.REPAIR);
    }
}
