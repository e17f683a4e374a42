package io.strait.listener;

import io.strait.common.event.CapturedEvent;

/**
 * Takes the listener's captured events and makes them durable. {@link #record} returns quickly (bounded by the
 * write timeout) and never throws for an unreachable store: it keeps the event and its order some other way.
 */
public interface EventRecorder extends AutoCloseable {
    void record(CapturedEvent event);

    /**
     * One metastore callback spent {@code nanos} in the listener (its event's translation and {@link #record}), for
     * the instance's heartbeat ({@code strait report} shows what the listener adds to the metastore's calls). Never
     * waits.
     */
    void callTook(long nanos);

    @Override
    void close();
}
