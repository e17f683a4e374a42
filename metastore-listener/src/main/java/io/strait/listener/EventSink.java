package io.strait.listener;

import io.strait.common.event.StampedEvent;
import java.util.List;

/** Where the listener writes events: the state store's {@code hms_event}. */
interface EventSink extends AutoCloseable {
    /**
     * Writes the events durably in one transaction (all or none), in their order, or throws; never blocks longer than
     * the sink's time budget. An event of an instance and sequence number already in the store is not written again
     * (exactly once by instance and sequence).
     */
    void writeAll(List<StampedEvent> events) throws Exception;

    /** Writes one event: {@link #writeAll} of one. */
    default void write(StampedEvent event) throws Exception {
        writeAll(List.of(event));
    }

    @Override
    void close();
}
