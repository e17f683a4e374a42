package io.strait.common.rows;

import java.util.List;
import java.util.Objects;

/**
 * One object (a partition, or an unpartitioned table) whose rows are compared between a source and a target.
 *
 * @param partitionValues the partition's values, empty for an unpartitioned table
 */
public record RowObject(List<String> partitionValues, RowLocation source, RowLocation target) {
    public RowObject {
        partitionValues = List.copyOf(Objects.requireNonNull(partitionValues, "partitionValues"));
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }
}
