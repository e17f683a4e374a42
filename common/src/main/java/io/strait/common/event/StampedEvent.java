package io.strait.common.event;

import java.util.Objects;

/**
 * A captured event with the identity of the listener instance that captured it and that instance's sequence number
 * for it (1, 2, 3, ... without gaps, in capture order). The spool keeps events in this form, so an event replayed by
 * a later process keeps the instance and number it was captured under.
 *
 * @param instanceId the capturing listener instance, or null for an event spooled by a listener older than
 *     instance identities
 * @param sequence the instance's number for the event, 0 when {@code instanceId} is null
 */
public record StampedEvent(String instanceId, long sequence, CapturedEvent event) {
    public StampedEvent {
        Objects.requireNonNull(event, "event");
        if (instanceId == null ? sequence != 0 : sequence < 1) {
            throw new IllegalArgumentException("sequence " + sequence + " of instance " + instanceId);
        }
    }

    /** An event without an instance (spooled by an older listener). */
    public static StampedEvent unstamped(CapturedEvent event) {
        return new StampedEvent(null, 0, event);
    }
}
