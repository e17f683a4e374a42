package io.strait.reparo.diff;

import java.util.Objects;

/**
 * One live file of a partition (or of an unpartitioned table) as reconcile saw it.
 *
 * @param relativePath the path below the partition's current location, '/'-separated, no leading slash
 * @param sizeBytes the file's length
 * @param checksum Strait's checksum of the bytes read ({@code crc32c:<hex>}, see {@code FileChecksums})
 */
public record FileState(String relativePath, long sizeBytes, String checksum) {
    public FileState {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(checksum, "checksum");
        if (relativePath.isEmpty() || relativePath.startsWith("/")) {
            throw new IllegalArgumentException("relativePath must be relative and non-empty: '" + relativePath + "'");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0: " + sizeBytes);
        }
    }

    /** {@code size=<bytes> <checksum>}, as divergence details print a file. */
    public String describe() {
        return "size=" + sizeBytes + " " + checksum;
    }

    /** True when both files hold the same bytes as far as size and checksum tell. */
    public boolean sameContentAs(FileState other) {
        return sizeBytes == other.sizeBytes && checksum.equals(other.checksum);
    }
}
