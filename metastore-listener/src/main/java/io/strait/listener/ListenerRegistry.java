package io.strait.listener;

/**
 * Where a listener instance reports on itself: the state store's {@code listener_instance}. Each call is bounded by
 * the write timeout and throws when the store does not answer.
 */
interface ListenerRegistry extends AutoCloseable {
    /** The greatest committed event id of the log now (the caller holds no write in flight). */
    long horizon() throws Exception;

    /**
     * Records the heartbeat (registering the instance first when it is new: then predecessors that used the same
     * spool folder are marked replaced, and those whose spool is gone as having lost their spool).
     */
    void heartbeat(ListenerHeartbeat heartbeat) throws Exception;

    @Override
    void close();
}
