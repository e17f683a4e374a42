package io.strait.common.capture;

import java.time.Duration;

/** What a listener instance is doing, as far as the state store can tell. */
public enum ListenerStatus {
    /** Contacted the state store within the silence limit. */
    LIVE,
    /** No contact for longer than the silence limit, and not stopped: dead, hung, or cut off from the store. */
    SILENT,
    /** Stopped with its metastore (a clean shutdown). */
    STOPPED;

    /**
     * The status of an instance last in contact at {@code lastContactAtMillis}, stopped at {@code stoppedAtMillis}
     * (0 when it never stopped), seen at {@code nowMillis} with the region's {@code silence} limit. A contact
     * exactly {@code silence} ago is still live.
     */
    public static ListenerStatus of(long lastContactAtMillis, long stoppedAtMillis, long nowMillis,
            Duration silence) {
        if (stoppedAtMillis > 0) {
            return STOPPED;
        }
        return nowMillis - lastContactAtMillis > silence.toMillis() ? SILENT : LIVE;
    }
}
