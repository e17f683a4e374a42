package io.strait.common.job;

import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableRef;
import java.util.List;

/**
 * The jobs a table's sync creates for the tables whose foreign keys wait for its keys, a pure function. A foreign key
 * whose parent has no replica yet is left out of its table's replica (the metastore refuses it); when the parent's
 * sync has written its primary or unique keys, each table in the target still lacking such a key gets a
 * {@link JobKind#SYNC_TABLE}, which writes it now. They are of origin {@link JobOrigin#REPAIR} and carry the newer of
 * the parent's source event id and the one their replica records, so that the replica is rewritten, not skipped as
 * newer.
 */
public final class ForeignKeyFollowUps {
    private ForeignKeyFollowUps() {
    }

    /** A table whose replica lacks a foreign key, and the source event id its replica records. */
    public record Waiting(TableRef table, long replicaSourceEventId) {
    }

    /** Whether a sync writing {@code constraints} may let foreign keys in: only one writing a primary or unique key. */
    public static boolean writesKeys(List<TableConstraint> constraints) {
        return constraints.stream().anyMatch(TableConstraint::isKey);
    }

    /** One SYNC_TABLE per waiting table, in the given order; none for the parent itself. */
    public static List<NewJob> jobs(ReplicationJob parentSync, List<Waiting> waiting) {
        if (parentSync.kind() != JobKind.SYNC_TABLE) {
            throw new IllegalArgumentException("not a table sync: " + parentSync);
        }
        return waiting.stream().filter(table -> !ObjectRef.table(table.table()).equals(parentSync.object()))
                .map(table -> new NewJob(parentSync.link(), JobKind.SYNC_TABLE, ObjectRef.table(table.table()),
                        Math.max(parentSync.sourceEventId(), table.replicaSourceEventId()),
                        parentSync.sourceCapturedAtMillis(), JobOrigin.REPAIR))
                .toList();
    }
}
