package io.strait.sql.watermark;

import io.strait.common.metastore.TableRef;
import java.util.Objects;

/**
 * How fresh a table's replica is on a link: the newest source event applied to it and when that was committed
 * into the target metastore (epoch ms).
 */
public record TableWatermark(String link, TableRef table, long lastSourceEventId, long lastCommittedAtMillis) {
    public TableWatermark {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(table, "table");
    }
}
