package io.strait.common.rows;

import java.util.Objects;

/**
 * A row found on one side more often than on the other.
 *
 * @param side the side holding it once more
 * @param row the row's columns, as {@code name=value} pairs in column order
 */
public record DifferingRow(RowSide side, String row) {
    public DifferingRow {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(row, "row");
    }
}
