package io.strait.sql.listener;

import java.util.List;
import java.util.OptionalLong;

/**
 * Events of one listener instance that will never reach the event log (table {@code listener_event_loss}).
 *
 * @param firstSeq the first sequence number lost
 * @param lastSeq the last one, empty when the count is unknown (events spooled after the instance's last contact
 *     with the store, then destroyed with the spool)
 * @param tables the objects concerned ({@code db.table} or {@code db}); empty when unknown: then every table of the
 *     region needs a scan
 */
public record EventLoss(long id, String instanceId, String region, long firstSeq, OptionalLong lastSeq,
        List<String> tables, String reason, long detectedAtMillis) {
    public EventLoss {
        tables = List.copyOf(tables);
    }

    /** {@code 12..15}, or {@code 12..?} when the count is unknown. */
    public String sequences() {
        if (lastSeq.isEmpty()) {
            return firstSeq + "..?";
        }
        return lastSeq.getAsLong() == firstSeq ? Long.toString(firstSeq) : firstSeq + ".." + lastSeq.getAsLong();
    }
}
