package io.strait.common.event;

import java.util.List;
import java.util.Objects;

/**
 * Events read from the log: every event of the requested region with an id in
 * {@code (afterId, scannedThroughId]}, in id order. {@code scannedThroughId} is where the next read continues; it
 * passes over other regions' events and never over an id that may still appear (a write not yet committed).
 */
public record EventBatch(List<ReplicationEvent> events, long scannedThroughId) {
    public EventBatch {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
    }
}
