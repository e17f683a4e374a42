package io.strait.common.copy;

import java.util.Objects;

/**
 * What happened to one file of a copy task.
 *
 * @param relativePath the file, relative to the task's source and target directories
 * @param sizeBytes the bytes written to the target
 * @param sourceChecksum checksum of the bytes read from the source ({@code crc32c:xxxxxxxx}), empty if unknown; for a
 *     reused file the checksum the previous version's manifest recorded
 * @param targetChecksum checksum from an independent re-read of the closed target file, empty if unknown
 * @param verification the outcome
 * @param detail why, for anything but VERIFIED; empty otherwise
 * @param reused true when the file was not sent across regions but taken from the previous version inside the target
 *     region (a delta copy: hard link or intra-cluster copy), then verified against the previous manifest
 * @param verifiedBy how a VERIFIED file was verified (recorded in the manifest); null when it was not verified or
 *     the producer does not say
 */
public record FileCopyResult(String relativePath, long sizeBytes, String sourceChecksum, String targetChecksum,
        FileVerification verification, String detail, boolean reused, VerificationMethod verifiedBy) {
    public FileCopyResult {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(verification, "verification");
        sourceChecksum = sourceChecksum == null ? "" : sourceChecksum;
        targetChecksum = targetChecksum == null ? "" : targetChecksum;
        detail = detail == null ? "" : detail;
    }

    /** A result that does not say how it was verified. */
    public FileCopyResult(String relativePath, long sizeBytes, String sourceChecksum, String targetChecksum,
            FileVerification verification, String detail, boolean reused) {
        this(relativePath, sizeBytes, sourceChecksum, targetChecksum, verification, detail, reused, null);
    }

    /** This result, saying it was verified by {@code method}. */
    public FileCopyResult verifiedBy(VerificationMethod method) {
        return new FileCopyResult(relativePath, sizeBytes, sourceChecksum, targetChecksum, verification, detail,
                reused, method);
    }

    /** A result of a file sent across regions (not reused). */
    public FileCopyResult(String relativePath, long sizeBytes, String sourceChecksum, String targetChecksum,
            FileVerification verification, String detail) {
        this(relativePath, sizeBytes, sourceChecksum, targetChecksum, verification, detail, false);
    }

    /** The bytes this file sent across regions: its size unless it was reused. */
    public long bytesSent() {
        return reused ? 0 : sizeBytes;
    }
}
