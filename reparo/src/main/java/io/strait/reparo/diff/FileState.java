package io.strait.reparo.diff;

import java.time.Instant;
import java.util.Objects;

/**
 * One live file of a partition (or of an unpartitioned table) as reconcile saw it. What is known about it depends
 * on the depth of the scan:
 * <ul>
 *   <li>{@code bytes}: size and the checksum of every byte read; no times ({@link #FileState(String, long, String)});</li>
 *   <li>{@code files}: size and modification time from a fresh listing ({@link #listed}); in a replica's version
 *       folder, also what Strait recorded when it verified the copy of this file ({@link #recorded}): the checksum
 *       of the bytes it wrote and the modification time of the source version it copied.</li>
 * </ul>
 * Two states are the same content when everything both of them know agrees ({@link #sameContentAs}).
 *
 * @param relativePath the path below the partition's current location, '/'-separated, no leading slash
 * @param sizeBytes the file's length
 * @param checksum Strait's checksum of the bytes ({@code crc32c:<hex>}, see {@code FileChecksums}): read at
 *     {@code bytes} depth, recorded at copy time at {@code files} depth; empty when unknown
 * @param modifiedMillis the file's modification time from the listing (epoch ms), or -1 when not used
 * @param copiedFromModifiedMillis for a file Strait copied and verified: the modification time of the source version
 *     it is a copy of, as recorded at copy time; -1 when unknown
 */
public record FileState(String relativePath, long sizeBytes, String checksum, long modifiedMillis,
        long copiedFromModifiedMillis) {
    public FileState {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(checksum, "checksum");
        if (relativePath.isEmpty() || relativePath.startsWith("/")) {
            throw new IllegalArgumentException("relativePath must be relative and non-empty: '" + relativePath + "'");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0: " + sizeBytes);
        }
        modifiedMillis = Math.max(-1, modifiedMillis);
        copiedFromModifiedMillis = Math.max(-1, copiedFromModifiedMillis);
    }

    /** A file whose bytes were read: size and checksum ({@code bytes} depth). */
    public FileState(String relativePath, long sizeBytes, String checksum) {
        this(relativePath, sizeBytes, checksum, -1, -1);
    }

    /** A file known from a listing only: size and modification time ({@code files} depth). */
    public static FileState listed(String relativePath, long sizeBytes, long modifiedMillis) {
        return new FileState(relativePath, sizeBytes, "", modifiedMillis, -1);
    }

    /**
     * A listed file that Strait copied and verified: the checksum it recorded for the bytes it wrote and the
     * modification time of the source version it copied ({@code files} depth, in a replica's version folder).
     */
    public static FileState recorded(String relativePath, long sizeBytes, long modifiedMillis, String checksum,
            long copiedFromModifiedMillis) {
        return new FileState(relativePath, sizeBytes, checksum, modifiedMillis, copiedFromModifiedMillis);
    }

    /**
     * How divergence details print the file: {@code size=<bytes> <checksum>} when the checksum is known, followed by
     * {@code verified copy of the version modified <time>} for a recorded copy; {@code size=<bytes> modified <time>}
     * for a file known from the listing only.
     */
    public String describe() {
        StringBuilder text = new StringBuilder("size=").append(sizeBytes);
        if (!checksum.isEmpty()) {
            text.append(' ').append(checksum);
        }
        if (copiedFromModifiedMillis >= 0) {
            text.append(" verified copy of the version modified ").append(Instant.ofEpochMilli(copiedFromModifiedMillis));
        } else if (checksum.isEmpty() && modifiedMillis >= 0) {
            text.append(" modified ").append(Instant.ofEpochMilli(modifiedMillis));
        }
        return text.toString();
    }

    /**
     * True when both files hold the same bytes as far as both states tell: same size; same checksum when both know
     * one; and when one is a recorded copy and the other's modification time is known, the copy is of that version
     * (a source rewritten in place after its copy, same size or not, is another version).
     */
    public boolean sameContentAs(FileState other) {
        return sizeBytes == other.sizeBytes
                && (checksum.isEmpty() || other.checksum.isEmpty() || checksum.equals(other.checksum))
                && copyOfVersion(this, other) && copyOfVersion(other, this);
    }

    private static boolean copyOfVersion(FileState copy, FileState original) {
        return copy.copiedFromModifiedMillis < 0 || original.modifiedMillis < 0
                || copy.copiedFromModifiedMillis == original.modifiedMillis;
    }
}
