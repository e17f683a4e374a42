package io.strait.common.event;

import io.strait.common.json.StraitJson;
import java.util.List;

/**
 * The one definition of a row of the state store's {@code hms_event} table, shared by the writers that cannot
 * share code otherwise: the listener inside a metastore (plain JDBC, no Strait store classes) and the event log of
 * Strait's own processes. Values are in the order of {@link #INSERT}'s parameters.
 */
public final class EventRows {
    public static final String INSERT = "INSERT INTO hms_event (source_region, event_type, db_name, table_name,"
            + " partition_count, origin, captured_at_ms, recorded_at_ms, snapshot_json, notification_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** {@link #INSERT} with the capturing listener instance and its sequence number ({@code V11}). */
    public static final String INSERT_STAMPED = "INSERT INTO hms_event (source_region, event_type, db_name,"
            + " table_name, partition_count, origin, captured_at_ms, recorded_at_ms, snapshot_json, notification_id,"
            + " instance_id, instance_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private EventRows() {
    }

    /**
     * The parameters of {@link #INSERT} for {@code event}, written at {@code recordedAtMillis}; the source
     * metastore's notification id ({@code V19}) is NULL when the event has none.
     */
    public static List<Object> insertValues(CapturedEvent event, long recordedAtMillis, StraitJson json) {
        List<Object> values = new java.util.ArrayList<>(List.of(event.sourceRegion().name(), event.type().name(),
                event.database(), event.table(), event.snapshot().partitions().size(), event.origin(),
                event.capturedAtMillis(), recordedAtMillis, json.write(event.snapshot())));
        values.add(event.notificationId() > 0 ? event.notificationId() : null);
        return java.util.Collections.unmodifiableList(values);
    }

    /** The parameters of {@link #INSERT_STAMPED}; an unstamped event gets NULL instance and number. */
    public static List<Object> insertValues(StampedEvent stamped, long recordedAtMillis, StraitJson json) {
        List<Object> values = new java.util.ArrayList<>(insertValues(stamped.event(), recordedAtMillis, json));
        values.add(stamped.instanceId());
        values.add(stamped.instanceId() == null ? null : stamped.sequence());
        return java.util.Collections.unmodifiableList(values);
    }
}
