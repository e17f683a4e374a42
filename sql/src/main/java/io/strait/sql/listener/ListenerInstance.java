package io.strait.sql.listener;

import io.strait.common.capture.ListenerCallTimes;
import io.strait.common.capture.ListenerStatus;
import java.util.List;
import java.util.Objects;

/**
 * One listener instance (a metastore process start) as the state store knows it.
 *
 * @param instanceId {@code host:pid:uuid}
 * @param lastContactAtMillis its latest heartbeat (epoch ms)
 * @param latestSeq the greatest sequence number it handed out, as of that heartbeat
 * @param spoolDepth events waiting in its spool, as of that heartbeat
 * @param spooledTables the objects of those events ({@code db.table} or {@code db}), at most 200
 * @param status live, silent (no contact for longer than the region's {@code listener-silence}) or stopped
 * @param replacedBy the instance that took over its spool folder, empty when none
 * @param callTimes what its own work added to the metastore's calls over its recent window, as of that heartbeat
 */
public record ListenerInstance(String instanceId, String region, String version, String host, String spoolDirectory,
        long startedAtMillis, long lastContactAtMillis, long latestSeq, int spoolDepth, List<String> spooledTables,
        ListenerStatus status, String replacedBy, ListenerCallTimes callTimes) {
    public ListenerInstance {
        Objects.requireNonNull(instanceId, "instanceId");
        spooledTables = List.copyOf(spooledTables);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(callTimes, "callTimes");
    }
}
