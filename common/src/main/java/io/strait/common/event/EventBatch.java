package io.strait.common.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Events read from the log: every event of the requested region with an id in
 * {@code (afterId, scannedThroughId]}, in id order. {@code scannedThroughId} is where the next read continues; it
 * passes over other regions' events and never over an id that may still appear (a write not yet committed).
 * {@code instanceCursors}: when read with an {@link EventCursor}, each listener instance's cursor after this batch
 * (the batch may hold events above {@code scannedThroughId}, taken from instance streams).
 */
public record EventBatch(List<ReplicationEvent> events, long scannedThroughId, Map<String, Long> instanceCursors) {
    public EventBatch {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
        instanceCursors = Map.copyOf(Objects.requireNonNull(instanceCursors, "instanceCursors"));
    }

    public EventBatch(List<ReplicationEvent> events, long scannedThroughId) {
        this(events, scannedThroughId, Map.of());
    }

    /** The cursor after this batch. */
    public EventCursor cursor() {
        return new EventCursor(scannedThroughId, instanceCursors);
    }
}
