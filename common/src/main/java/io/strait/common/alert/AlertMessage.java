package io.strait.common.alert;

import java.util.Objects;

/**
 * One delivered alert message, the JSON body POSTed to every webhook (field names as written): the alert's id (the
 * same for its raise, its escalation and its resolution), its state, the object, the lag of the oldest unapplied
 * change when judged, the SLA, that change's capture time, why, and when it was sent.
 */
public record AlertMessage(long alertId, AlertState state, String link, String table, String partition, long lagMs,
        long slaMs, long oldestUnappliedCapturedAtMs, String why, long atMs) {
    public AlertMessage {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(table, "table");
        partition = Objects.requireNonNullElse(partition, "");
        why = Objects.requireNonNullElse(why, "");
    }

    /** The message as one log line (no secret: the object, figures and why only). */
    public String logLine() {
        return "SLA alert " + alertId + " " + state + ": link " + link + " table " + table
                + (partition.isEmpty() ? "" : " partition " + partition) + " lag " + seconds(lagMs) + " SLA "
                + seconds(slaMs) + (why.isEmpty() ? "" : ": " + why);
    }

    private static String seconds(long millis) {
        return (millis / 1000) + " s";
    }
}
