package io.strait.common.event;

import java.util.Objects;

/** A captured event with the id the event log gave it. Ids grow with capture order within the log. */
public record ReplicationEvent(long id, CapturedEvent event) {
    public ReplicationEvent {
        Objects.requireNonNull(event, "event");
    }
}
