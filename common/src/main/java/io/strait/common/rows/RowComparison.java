package io.strait.common.rows;

import java.util.List;
import java.util.Objects;

/**
 * The rows of one object compared between source and target, as multisets (a table without a key may hold the same
 * row twice: a duplicated row is a difference).
 *
 * @param partitionValues the object's partition values, empty for an unpartitioned table
 * @param sourceRows rows on the source
 * @param targetRows rows on the target
 * @param sourceOnlyRows rows the source holds more often than the target (0 when the aggregates were equal)
 * @param targetOnlyRows rows the target holds more often than the source
 * @param sample some of the differing rows, with their side
 * @param error why the object could not be compared (then nothing else is meaningful), empty otherwise
 */
public record RowComparison(List<String> partitionValues, long sourceRows, long targetRows, long sourceOnlyRows,
        long targetOnlyRows, List<DifferingRow> sample, String error) {
    public RowComparison {
        partitionValues = List.copyOf(Objects.requireNonNull(partitionValues, "partitionValues"));
        sample = List.copyOf(Objects.requireNonNull(sample, "sample"));
        error = error == null ? "" : error;
    }

    /** Equal row multisets: same count, same order-independent hash. */
    public static RowComparison equal(List<String> partitionValues, long rows) {
        return new RowComparison(partitionValues, rows, rows, 0, 0, List.of(), "");
    }

    public static RowComparison failed(List<String> partitionValues, String error) {
        return new RowComparison(partitionValues, 0, 0, 0, 0, List.of(), error);
    }

    public boolean failed() {
        return !error.isEmpty();
    }

    public boolean differs() {
        return !failed() && (sourceOnlyRows > 0 || targetOnlyRows > 0 || sourceRows != targetRows);
    }

    /** Differing rows counted on both sides. */
    public long differingRows() {
        return sourceOnlyRows + targetOnlyRows;
    }
}
