package io.strait.common.event;

import io.strait.common.region.RegionId;
import java.util.Objects;

/**
 * A metastore event as the listener captured it, before the event log gave it an id.
 *
 * @param sourceRegion the region whose metastore fired the event
 * @param type the event type
 * @param database the database the event concerns
 * @param table the table, or empty for database events
 * @param capturedAtMillis when the listener saw the event (epoch ms): the start of replication lag
 * @param origin who made the change: {@code "writer"}, or {@code "strait"} for changes Strait itself published
 *     into this metastore (never replicated back)
 * @param snapshot the objects concerned
 * @param notificationId the id the source metastore's notification log gave the change (when Hive's
 *     {@code DbNotificationListener} runs as a transactional listener there), 0 when none
 */
public record CapturedEvent(RegionId sourceRegion, EventType type, String database, String table,
        long capturedAtMillis, String origin, EventSnapshot snapshot, long notificationId) {
    public static final String ORIGIN_WRITER = "writer";
    public static final String ORIGIN_STRAIT = "strait";

    public CapturedEvent {
        Objects.requireNonNull(sourceRegion, "sourceRegion");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(database, "database");
        table = table == null ? "" : table;
        origin = origin == null ? ORIGIN_WRITER : origin;
        Objects.requireNonNull(snapshot, "snapshot");
        notificationId = Math.max(0L, notificationId);
    }

    /** An event without a notification id. */
    public CapturedEvent(RegionId sourceRegion, EventType type, String database, String table,
            long capturedAtMillis, String origin, EventSnapshot snapshot) {
        this(sourceRegion, type, database, table, capturedAtMillis, origin, snapshot, 0L);
    }

    /** This event with the source metastore's notification id {@code id}. */
    public CapturedEvent withNotificationId(long id) {
        return new CapturedEvent(sourceRegion, type, database, table, capturedAtMillis, origin, snapshot, id);
    }
}
