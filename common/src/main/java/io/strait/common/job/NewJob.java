package io.strait.common.job;

import io.strait.common.metastore.TableRef;
import java.util.List;
import java.util.Objects;

/**
 * A job the planner (origin {@link JobOrigin#EVENT}), a repair or a bootstrap wants created (in state PENDING).
 *
 * @param link the link
 * @param kind what the job does
 * @param object the object it replicates
 * @param sourceEventId the event the job covers; for a repair or bootstrap job, the link's event position when it
 *     was planned
 * @param sourceCapturedAtMillis when that event was captured (for a repair or bootstrap job, when it was planned)
 * @param origin why the job exists
 * @param renamedFrom the table's previous name for a {@link JobKind#RENAME_TABLE} job (its object is the new name),
 *     null for every other kind
 */
public record NewJob(String link, JobKind kind, ObjectRef object, long sourceEventId, long sourceCapturedAtMillis,
        JobOrigin origin, TableRef renamedFrom) {
    public NewJob {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(origin, "origin");
        checkRename(kind, object, renamedFrom);
    }

    /** A job of any kind but {@link JobKind#RENAME_TABLE}. */
    public NewJob(String link, JobKind kind, ObjectRef object, long sourceEventId, long sourceCapturedAtMillis,
            JobOrigin origin) {
        this(link, kind, object, sourceEventId, sourceCapturedAtMillis, origin, null);
    }

    /** A {@link JobKind#RENAME_TABLE} job planned from a captured event: {@code from} becomes {@code to}. */
    public static NewJob rename(String link, TableRef from, TableRef to, long sourceEventId,
            long sourceCapturedAtMillis) {
        return new NewJob(link, JobKind.RENAME_TABLE, ObjectRef.table(to), sourceEventId, sourceCapturedAtMillis,
                JobOrigin.EVENT, from);
    }

    /** The objects a job locks: its object, and for a rename the previous name too. */
    public List<ObjectRef> lockedObjects() {
        return lockedObjects(object, renamedFrom);
    }

    static List<ObjectRef> lockedObjects(ObjectRef object, TableRef renamedFrom) {
        return renamedFrom == null ? List.of(object) : List.of(object, ObjectRef.table(renamedFrom));
    }

    /** A rename is a table job with a previous name other than its object; no other kind has a previous name. */
    static void checkRename(JobKind kind, ObjectRef object, TableRef renamedFrom) {
        if (kind != JobKind.RENAME_TABLE) {
            if (renamedFrom != null) {
                throw new IllegalArgumentException(kind + " of " + object + " cannot carry a previous name");
            }
            return;
        }
        if (renamedFrom == null || object.level() != ObjectRef.Level.TABLE
                || renamedFrom.equals(object.tableRef())) {
            throw new IllegalArgumentException("RENAME_TABLE needs a table object and another previous name, got "
                    + object + " from " + renamedFrom);
        }
    }

    /** A job planned from a captured event. */
    public NewJob(String link, JobKind kind, ObjectRef object, long sourceEventId, long sourceCapturedAtMillis) {
        this(link, kind, object, sourceEventId, sourceCapturedAtMillis, JobOrigin.EVENT);
    }
}
