package io.strait.common.metastore;

import java.util.Objects;

/**
 * The statistics a metastore holds for one column of a table or partition (what {@code ANALYZE TABLE ... FOR
 * COLUMNS} computes and cost-based optimizers read). {@code data} is the metastore's own statistics record in a
 * lossless, deterministic encoding (for Hive, the Thrift {@code ColumnStatisticsData} as Thrift JSON), so a replica
 * receives exactly the source's values and two regions compare by equality. {@code type} is the column's type.
 */
public record ColumnStatistic(String column, String type, String data) {
    public ColumnStatistic {
        Objects.requireNonNull(column, "column");
        type = Objects.requireNonNullElse(type, "");
        Objects.requireNonNull(data, "data");
    }
}
