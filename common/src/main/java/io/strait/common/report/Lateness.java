package io.strait.common.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to "why is this late?" for one table or partition.
 *
 * @param object {@code db.table} or {@code db.table/partition}
 * @param link the link
 * @param reason the typed reason
 * @param summary one sentence for people
 * @param details the facts behind the reason, by name (numbers are epoch milliseconds for {@code *AtMs}, bytes or
 *     counts otherwise; see docs/API.md)
 * @param sla the object's SLA judgement
 */
public record Lateness(String object, String link, LatenessReason reason, String summary,
        Map<String, Object> details, SlaVerdict sla) {
    public Lateness {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(sla, "sla");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
