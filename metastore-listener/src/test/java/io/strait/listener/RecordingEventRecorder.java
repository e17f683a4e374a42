package io.strait.listener;

import io.strait.common.event.CapturedEvent;
import java.util.ArrayList;
import java.util.List;

/** Keeps recorded events in memory; can be told to fail. */
final class RecordingEventRecorder implements EventRecorder {
    private final List<CapturedEvent> events = new ArrayList<>();
    private final List<Long> callNanos = new ArrayList<>();
    private Throwable failure;

    /** Makes {@link #record} throw {@code exception} (unchecked: a runtime exception or an error). */
    void failWith(Throwable exception) {
        this.failure = exception;
    }

    List<CapturedEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public synchronized void record(CapturedEvent event) {
        if (failure instanceof RuntimeException exception) {
            throw exception;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        events.add(event);
    }

    @Override
    public synchronized void callTook(long nanos) {
        callNanos.add(nanos);
    }

    synchronized List<Long> callNanos() {
        return List.copyOf(callNanos);
    }

    @Override
    public void close() {
    }
}
