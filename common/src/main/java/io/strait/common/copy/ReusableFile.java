package io.strait.common.copy;

import java.util.Objects;

/**
 * A file of a new version that the previous replicated version already holds unchanged: the new version folder gets
 * it from {@code previousUri} (target region) by the target filesystem's cheapest means, then it is verified by its
 * length and checksum against the previous version's manifest.
 *
 * @param relativePath the file, relative to the version folders
 * @param previousUri the file in the previous version folder, in the target region
 * @param sizeBytes its length as the previous manifest recorded it
 * @param checksum its checksum as the previous manifest recorded it ({@code crc32c:xxxxxxxx})
 * @param verifiedAtMillis when the previous manifest recorded it as verified (0 when unknown: the reused file is then
 *     always verified by re-reading it)
 */
public record ReusableFile(String relativePath, String previousUri, long sizeBytes, String checksum,
        long verifiedAtMillis) {
    public ReusableFile {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(previousUri, "previousUri");
        Objects.requireNonNull(checksum, "checksum");
    }

    /** A reusable file whose time of verification is unknown. */
    public ReusableFile(String relativePath, String previousUri, long sizeBytes, String checksum) {
        this(relativePath, previousUri, sizeBytes, checksum, 0);
    }
}
