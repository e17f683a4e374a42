package io.strait.listener;

import io.strait.common.capture.ListenerCallTimes;
import java.util.List;
import java.util.Objects;

/**
 * What a listener instance tells the state store about itself (table {@code listener_instance}): taken under the
 * recorder's lock, so that every number up to {@code latestSeq} was then either written or in the spool.
 *
 * @param latestSeq the greatest sequence number handed out
 * @param spooledFromSeq the smallest own number in the spool, 0 when the spool holds none of this instance's events
 * @param spoolDepth every event in the spool (a predecessor's included)
 * @param spooledTables {@code db.table} (or {@code db}) of the spooled events, at most {@link #MAX_TABLES}
 * @param horizonEventId the greatest committed event id read while no write of this instance was in flight, 0 when
 *     not read this time
 * @param stopped true for the last heartbeat of a stopping metastore
 * @param callTimes how long the listener's own work took in the metastore's calls of the recent window
 */
record ListenerHeartbeat(long latestSeq, long spooledFromSeq, int spoolDepth, List<String> spooledTables,
        long horizonEventId, boolean stopped, ListenerCallTimes callTimes) {
    static final int MAX_TABLES = 200;

    ListenerHeartbeat {
        spooledTables = List.copyOf(Objects.requireNonNull(spooledTables, "spooledTables"));
        Objects.requireNonNull(callTimes, "callTimes");
    }

    ListenerHeartbeat withHorizon(long horizon) {
        return new ListenerHeartbeat(latestSeq, spooledFromSeq, spoolDepth, spooledTables, horizon, stopped,
                callTimes);
    }

    ListenerHeartbeat withCallTimes(ListenerCallTimes times) {
        return new ListenerHeartbeat(latestSeq, spooledFromSeq, spoolDepth, spooledTables, horizonEventId, stopped,
                times);
    }

    ListenerHeartbeat stopping() {
        return new ListenerHeartbeat(latestSeq, spooledFromSeq, spoolDepth, spooledTables, 0, true, callTimes);
    }
}
