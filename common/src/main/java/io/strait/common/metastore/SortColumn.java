package io.strait.common.metastore;

import java.util.Objects;

/** A sort column of a bucketed table: the column and Hive's order flag ({@code 1} ascending, {@code 0} descending). */
public record SortColumn(String column, int order) {
    public static final int ASCENDING = 1;
    public static final int DESCENDING = 0;

    public SortColumn {
        Objects.requireNonNull(column, "column");
    }
}
