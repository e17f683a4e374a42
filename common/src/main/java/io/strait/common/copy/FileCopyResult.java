package io.strait.common.copy;

import java.util.Objects;

/**
 * What happened to one file of a copy task.
 *
 * @param relativePath the file, relative to the task's source and target directories
 * @param sizeBytes the bytes written to the target
 * @param sourceChecksum checksum of the bytes read from the source ({@code crc32c:xxxxxxxx}), empty if unknown
 * @param targetChecksum checksum from an independent re-read of the closed target file, empty if unknown
 * @param verification the outcome
 * @param detail why, for anything but VERIFIED; empty otherwise
 */
public record FileCopyResult(String relativePath, long sizeBytes, String sourceChecksum, String targetChecksum,
        FileVerification verification, String detail) {
    public FileCopyResult {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(verification, "verification");
        sourceChecksum = sourceChecksum == null ? "" : sourceChecksum;
        targetChecksum = targetChecksum == null ? "" : targetChecksum;
        detail = detail == null ? "" : detail;
    }
}
