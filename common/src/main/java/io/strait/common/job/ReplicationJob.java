package io.strait.common.job;

import io.strait.common.metastore.TableRef;
import java.util.List;
import java.util.Objects;

/**
 * One replication job as the state store holds it: the work of bringing one object of the target region of a
 * link up to a source event.
 *
 * @param id the job id (never reused)
 * @param link the link (source region to target region) the job belongs to
 * @param kind what the job does
 * @param object the object replicated
 * @param state the current state
 * @param version incremented by every transition; the compare-and-set token
 * @param sourceEventId the newest source event the job covers
 * @param sourceCapturedAtMillis when that event was captured: the start of replication lag
 * @param attempts how many times the job was started (PENDING to PLANNED)
 * @param targetLocation the version folder the job publishes, empty until planned or when no data is copied
 * @param lastError the last failure's message, empty when none
 * @param createdAtMillis when the job was created
 * @param updatedAtMillis when the job last changed
 * @param committedAtMillis when the target metastore commit happened, 0 before
 * @param origin why the job exists: an event, a repair or a bootstrap
 * @param renamedFrom the table's previous name for a {@link JobKind#RENAME_TABLE} job, null for every other kind
 */
public record ReplicationJob(long id, String link, JobKind kind, ObjectRef object, JobState state, long version,
        long sourceEventId, long sourceCapturedAtMillis, int attempts, String targetLocation, String lastError,
        long createdAtMillis, long updatedAtMillis, long committedAtMillis, JobOrigin origin, TableRef renamedFrom) {
    public ReplicationJob {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(origin, "origin");
        targetLocation = targetLocation == null ? "" : targetLocation;
        lastError = lastError == null ? "" : lastError;
        NewJob.checkRename(kind, object, renamedFrom);
    }

    /** A job of any kind but {@link JobKind#RENAME_TABLE}. */
    public ReplicationJob(long id, String link, JobKind kind, ObjectRef object, JobState state, long version,
            long sourceEventId, long sourceCapturedAtMillis, int attempts, String targetLocation, String lastError,
            long createdAtMillis, long updatedAtMillis, long committedAtMillis, JobOrigin origin) {
        this(id, link, kind, object, state, version, sourceEventId, sourceCapturedAtMillis, attempts, targetLocation,
                lastError, createdAtMillis, updatedAtMillis, committedAtMillis, origin, null);
    }

    /** A job planned from a captured event. */
    public ReplicationJob(long id, String link, JobKind kind, ObjectRef object, JobState state, long version,
            long sourceEventId, long sourceCapturedAtMillis, int attempts, String targetLocation, String lastError,
            long createdAtMillis, long updatedAtMillis, long committedAtMillis) {
        this(id, link, kind, object, state, version, sourceEventId, sourceCapturedAtMillis, attempts, targetLocation,
                lastError, createdAtMillis, updatedAtMillis, committedAtMillis, JobOrigin.EVENT);
    }

    /**
     * The job's object as operators read it: the object, and for a rename the name it had, e.g.
     * {@code sales.orders_v2 (renamed from sales.orders)}.
     */
    public String objectLabel() {
        return renamedFrom == null ? object.toString() : object + " (renamed from " + renamedFrom + ")";
    }

    /**
     * The objects the job locks in the job DAG ({@link JobDag}): its object, and for a rename also the table's
     * previous name.
     */
    public List<ObjectRef> lockedObjects() {
        return NewJob.lockedObjects(object, renamedFrom);
    }

    @Override
    public String toString() {
        String renamed = renamedFrom == null ? "" : " (from " + renamedFrom + ")";
        return "job " + id + " " + kind + " " + object + renamed + " " + state + "@" + version;
    }
}
