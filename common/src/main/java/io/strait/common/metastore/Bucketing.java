package io.strait.common.metastore;

import java.util.List;
import java.util.Objects;

/**
 * How a table or partition is bucketed: {@code CLUSTERED BY (bucketColumns) SORTED BY (sortColumns) INTO numBuckets
 * BUCKETS}. {@link #NONE} ({@code -1} buckets, no columns) is an unbucketed object, as the metastore spells it; a
 * bucket count of {@code 0} (which writers also leave) means the same to every reader and is read as {@code -1}.
 */
public record Bucketing(int numBuckets, List<String> bucketColumns, List<SortColumn> sortColumns) {
    public static final Bucketing NONE = new Bucketing(-1, List.of(), List.of());

    public Bucketing {
        numBuckets = numBuckets <= 0 ? -1 : numBuckets;
        bucketColumns = List.copyOf(Objects.requireNonNullElse(bucketColumns, List.of()));
        sortColumns = List.copyOf(Objects.requireNonNullElse(sortColumns, List.of()));
    }

    @Override
    public String toString() {
        if (numBuckets == -1 && bucketColumns.isEmpty() && sortColumns.isEmpty()) {
            return "not bucketed";
        }
        return "clustered by " + bucketColumns + " sorted by " + sortColumns.stream()
                .map(sort -> sort.column() + (sort.order() == SortColumn.DESCENDING ? " desc" : " asc")).toList()
                + " into " + numBuckets + " buckets";
    }
}
