package io.strait.common.job;

import io.strait.common.metastore.TableRef;
import java.util.List;

/** Builders of job values for tests. */
final class TestJobs {
    private TestJobs() {
    }

    static ReplicationJob job(long id, JobState state, ObjectRef object) {
        JobKind kind = switch (object.level()) {
            case DATABASE -> JobKind.SYNC_DATABASE;
            case TABLE -> JobKind.SYNC_TABLE;
            case PARTITION -> JobKind.SYNC_PARTITION;
        };
        return new ReplicationJob(id, "a-to-b", kind, object, state, 0, id, 0, 0, "", "", 0, 0, 0);
    }

    /** A DROP_PARTITION job of {@code partition}. */
    static ReplicationJob drop(long id, JobState state, ObjectRef partition) {
        return new ReplicationJob(id, "a-to-b", JobKind.DROP_PARTITION, partition, state, 0, id, 0, 0, "", "", 0, 0,
                0);
    }

    /** A RENAME_TABLE job from {@code fromTable} to {@code toTable}, both in {@code db}. */
    static ReplicationJob rename(long id, JobState state, String db, String fromTable, String toTable) {
        return new ReplicationJob(id, "a-to-b", JobKind.RENAME_TABLE, table(db, toTable), state, 0, id, 0, 0, "", "",
                0, 0, 0, JobOrigin.EVENT, TableRef.of(db, fromTable));
    }

    static ObjectRef partition(String db, String table, String... values) {
        return new ObjectRef(db, table, List.of(values));
    }

    static ObjectRef table(String db, String table) {
        return ObjectRef.table(TableRef.of(db, table));
    }
}
