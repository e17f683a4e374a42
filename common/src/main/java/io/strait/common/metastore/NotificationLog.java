package io.strait.common.metastore;

import java.util.List;

/** A metastore's notification log, read through its API ({@code get_current_notificationEventId}, {@code get_next_notification}). */
public interface NotificationLog {
    /** The greatest notification id the metastore handed out (0 when none). */
    long currentNotificationId();

    /** Up to {@code max} entries with ids above {@code afterId}, by id (entries older than the log keeps are gone). */
    List<NotificationEntry> notificationsAfter(long afterId, int max);
}
