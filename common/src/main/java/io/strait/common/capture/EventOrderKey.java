package io.strait.common.capture;

/**
 * Where an event stands in the order of changes to one object of its region, as far as it can tell.
 *
 * @param notificationId the id the source metastore's notification log gave the change (Hive's
 *     {@code DbNotificationListener} as a transactional listener), 0 when the source writes no notification log;
 *     handed out inside the change's own transaction, so it follows the metastore's commit order across every
 *     metastore process of the region
 * @param objectVersion the object's own version as the event shows it ({@code transient_lastDdlTime} in ms), 0 when
 *     unknown
 * @param capturedAtMillis when the listener saw the event
 * @param eventId the event's id in Strait's event log (insertion order of the state store, not the metastore's
 *     commit order when several metastore processes capture)
 */
public record EventOrderKey(long notificationId, long objectVersion, long capturedAtMillis, long eventId) {
}
