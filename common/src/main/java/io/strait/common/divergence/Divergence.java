package io.strait.common.divergence;

import io.strait.common.metastore.TableRef;
import java.util.List;
import java.util.Objects;

/**
 * One difference between the source and the target region.
 *
 * @param divergenceClass the kind of difference
 * @param table the table concerned
 * @param partitionValues the partition concerned, empty for table-level differences
 * @param relativePath the file concerned (relative to the partition or table location), empty when not a file
 * @param detail what differs, with both sides' values
 */
public record Divergence(DivergenceClass divergenceClass, TableRef table, List<String> partitionValues,
        String relativePath, String detail) {
    public Divergence {
        Objects.requireNonNull(divergenceClass, "divergenceClass");
        Objects.requireNonNull(table, "table");
        partitionValues = List.copyOf(Objects.requireNonNullElse(partitionValues, List.of()));
        relativePath = relativePath == null ? "" : relativePath;
        detail = detail == null ? "" : detail;
    }

    /** {@code db.table}, {@code db.table/v1/v2} or {@code db.table/v1/v2:path/to/file}. */
    public String subject() {
        StringBuilder subject = new StringBuilder(table.toString());
        if (!partitionValues.isEmpty()) {
            subject.append('/').append(String.join("/", partitionValues));
        }
        if (!relativePath.isEmpty()) {
            subject.append(':').append(relativePath);
        }
        return subject.toString();
    }
}
