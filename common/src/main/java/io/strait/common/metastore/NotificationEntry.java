package io.strait.common.metastore;

import java.util.Objects;

/**
 * One entry of a metastore's notification log (Hive's {@code NOTIFICATION_LOG}, written by
 * {@code DbNotificationListener}), as {@code get_next_notification} returns it.
 *
 * @param id the notification id (grows in the metastore's commit order)
 * @param eventTimeSeconds when the metastore wrote it (epoch seconds)
 * @param type Hive's event type name, e.g. {@code ADD_PARTITION}
 * @param database the database concerned ({@code ""} when none)
 * @param table the table concerned ({@code ""} when none)
 * @param message the event's message as the metastore encoded it
 * @param messageFormat the encoding, e.g. {@code json-0.2} or {@code gzip(json-2.0)}
 * @param catalog the catalog concerned ({@code ""} when the metastore names none)
 */
public record NotificationEntry(long id, long eventTimeSeconds, String type, String database, String table,
        String message, String messageFormat, String catalog) {
    public NotificationEntry {
        Objects.requireNonNull(type, "type");
        catalog = catalog == null ? "" : catalog;
        database = database == null ? "" : database;
        table = table == null ? "" : table;
        message = message == null ? "" : message;
        messageFormat = messageFormat == null ? "" : messageFormat;
    }

    /** An entry of the default catalog. */
    public NotificationEntry(long id, long eventTimeSeconds, String type, String database, String table,
            String message, String messageFormat) {
        this(id, eventTimeSeconds, type, database, table, message, messageFormat, "");
    }
}
