package io.strait.scheduler;

import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.TableRef;
import java.util.List;

/** Builders of job values for tests. */
public final class TestJobs {
    private TestJobs() {
    }

    public static ReplicationJob job(long id, JobState state, ObjectRef object) {
        JobKind kind = switch (object.level()) {
            case DATABASE -> JobKind.SYNC_DATABASE;
            case TABLE -> JobKind.SYNC_TABLE;
            case PARTITION -> JobKind.SYNC_PARTITION;
        };
        return new ReplicationJob(id, "a-to-b", kind, object, state, 0, id, 0, 0, "", "", 0, 0, 0);
    }

    public static ObjectRef partition(String db, String table, String... values) {
        return new ObjectRef(db, table, List.of(values));
    }

    public static ObjectRef table(String db, String table) {
        return ObjectRef.table(TableRef.of(db, table));
    }
}
