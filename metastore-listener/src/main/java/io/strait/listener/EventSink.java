package io.strait.listener;

import io.strait.common.event.StampedEvent;

/** Where the listener writes events: the state store's {@code hms_event}. */
interface EventSink extends AutoCloseable {
    /** Writes the event durably, or throws; never blocks longer than the sink's time budget. */
    void write(StampedEvent event) throws Exception;

    @Override
    void close();
}
