package io.strait.common.metastore;

import java.util.List;
import java.util.Objects;

/** A partition by its table and its values, in the order of the table's partition keys. */
public record PartitionRef(TableRef table, List<String> values) {
    public PartitionRef {
        Objects.requireNonNull(table, "table");
        values = List.copyOf(Objects.requireNonNull(values, "values"));
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a partition has at least one value");
        }
    }

    public static PartitionRef of(TableRef table, List<String> values) {
        return new PartitionRef(table, values);
    }

    @Override
    public String toString() {
        return table + "/" + String.join("/", values);
    }
}
