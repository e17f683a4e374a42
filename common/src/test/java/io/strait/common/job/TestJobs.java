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

    static ObjectRef partition(String db, String table, String... values) {
        return new ObjectRef(db, table, List.of(values));
    }

    static ObjectRef table(String db, String table) {
        return ObjectRef.table(TableRef.of(db, table));
    }
}
