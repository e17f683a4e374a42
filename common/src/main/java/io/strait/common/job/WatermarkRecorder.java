package io.strait.common.job;

import io.strait.common.metastore.TableRef;

/**
 * Records a table's freshness on a link: the newest source event applied to its replica and when it was
 * committed. Written after every succeeded job on the table or one of its partitions; a watermark only moves
 * forward. Implementation: {@code JdbcTableWatermarks} (sql).
 */
public interface WatermarkRecorder {
    void recordWatermark(String link, TableRef table, long sourceEventId, long committedAtMillis);

    /** Records nothing (tests and tools that run jobs without a state store). */
    static WatermarkRecorder none() {
        return (link, table, sourceEventId, committedAtMillis) -> { };
    }
}
