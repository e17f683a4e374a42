package io.strait.common.event;

import java.util.Map;
import java.util.Objects;

/**
 * Where a reader of the event log stands: {@code afterId}, the log id up to which it read everything, and per
 * listener instance the sequence number up to which it took that instance's events (beyond {@code afterId}).
 */
public record EventCursor(long afterId, Map<String, Long> instanceCursors) {
    public EventCursor {
        instanceCursors = Map.copyOf(Objects.requireNonNull(instanceCursors, "instanceCursors"));
    }

    /** A cursor with no instance cursors. */
    public static EventCursor at(long afterId) {
        return new EventCursor(afterId, Map.of());
    }
}
