package io.strait.common.capture;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.PartitionSnapshot;
import java.util.Map;

/**
 * The per-object order of a region's events when several metastore processes (each with its own listener instance)
 * capture them, a pure function. The event log's ids follow the order in which the listeners' writes reached the
 * state store, which may differ from the order in which the metastore committed the changes: one process's write
 * may be slower than another's. Two events of one object are ordered
 * <ol>
 *   <li>by the metastore's notification id when both carry one (the metastore's own commit order);</li>
 *   <li>else by the object's version ({@code transient_lastDdlTime}) when both carry one and they differ;</li>
 *   <li>else by capture time;</li>
 *   <li>else by event id.</li>
 * </ol>
 * The planner keeps, per object, the key of the newest event it planned. An incoming event older than that is
 * {@link Verdict#STALE}: its change is already covered, because the newer event's job reads the source's state at
 * run time (a sync) or makes the object absent (a drop, and a later re-creation comes with its own newer event).
 * Planning it would let an earlier change overwrite a later one (a drop after a re-creation). A newer event is
 * planned at a source position above the previous one's, so the target's "is the replica newer" check
 * ({@code strait.source.event-id}) orders them the same way.
 */
public final class ObjectOrder {
    /** The metastore's table and partition parameter holding the last DDL time (seconds). */
    public static final String LAST_DDL_TIME = "transient_lastDdlTime";

    /** What to do with an event of an object. */
    public enum Verdict {
        /** Newer than anything planned for the object: plan it. */
        NEWER,
        /** Older than (or the same event as) what was planned: it is covered, no job. */
        STALE
    }

    /**
     * The newest event planned for an object: its key, and the source position its job was planned at (the
     * {@code sourceEventId} of the job).
     */
    public record Planned(EventOrderKey key, long sourcePosition) {
    }

    private ObjectOrder() {
    }

    /** Whether {@code incoming} is newer than {@code planned} (null: nothing planned for the object yet). */
    public static Verdict decide(Planned planned, EventOrderKey incoming) {
        if (planned == null) {
            return Verdict.NEWER;
        }
        return compare(incoming, planned.key()) > 0 ? Verdict.NEWER : Verdict.STALE;
    }

    /**
     * The source position to plan a newer event at: its own event id, or just above the previous job's position
     * when that is not lower (the event reached the log before an older one that was planned first).
     */
    public static long sourcePosition(Planned planned, EventOrderKey incoming) {
        return planned == null ? incoming.eventId() : Math.max(incoming.eventId(), planned.sourcePosition() + 1);
    }

    /** Orders two events of one object: negative when {@code a} is older than {@code b}. */
    public static int compare(EventOrderKey a, EventOrderKey b) {
        if (a.notificationId() > 0 && b.notificationId() > 0) {
            return Long.compare(a.notificationId(), b.notificationId());
        }
        if (a.objectVersion() > 0 && b.objectVersion() > 0 && a.objectVersion() != b.objectVersion()) {
            return Long.compare(a.objectVersion(), b.objectVersion());
        }
        if (a.capturedAtMillis() != b.capturedAtMillis()) {
            return Long.compare(a.capturedAtMillis(), b.capturedAtMillis());
        }
        return Long.compare(a.eventId(), b.eventId());
    }

    /** The key of event {@code eventId} for {@code object} (a job's object of that event). */
    public static EventOrderKey keyOf(long eventId, CapturedEvent event, ObjectRef object) {
        return new EventOrderKey(event.notificationId(), objectVersion(event.snapshot(), object),
                event.capturedAtMillis(), eventId);
    }

    /**
     * The object's {@code transient_lastDdlTime} in ms as the event shows it: the partition's for a partition, the
     * table's for a table (when the event's table is that table), 0 when the event does not show it.
     */
    static long objectVersion(EventSnapshot snapshot, ObjectRef object) {
        return switch (object.level()) {
            case PARTITION -> snapshot.partitions().stream()
                    .filter(partition -> partition.ref().equals(object.partitionRef()))
                    .map(PartitionSnapshot::parameters).findFirst().map(ObjectOrder::lastDdlTime).orElse(0L);
            case TABLE -> snapshot.table() != null && snapshot.table().ref().equals(object.tableRef())
                    ? lastDdlTime(snapshot.table().parameters()) : 0L;
            case DATABASE -> 0L;
        };
    }

    private static long lastDdlTime(Map<String, String> parameters) {
        String value = parameters == null ? null : parameters.get(LAST_DDL_TIME);
        if (value == null) {
            return 0L;
        }
        try {
            return Math.max(0L, Long.parseLong(value.trim()) * 1000L);
        } catch (NumberFormatException e) {
            return 0L;
        }
    }
}
