package io.strait.common.region;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a filesystem says identifies one version of a file, read before and after a copy to tell whether the
 * source changed while it was copied ({@link RegionFileSystem#status}).
 *
 * <p>Only what the filesystem offers is compared: a {@code modificationTimeMillis} of {@link #UNKNOWN_TIME} (0,
 * Hadoop's value when a store reports none) is not compared, nor an empty {@code checksumOrVersion}. A change that
 * keeps the length and the modification time within the filesystem's time granularity (seconds on some stores) is
 * therefore seen only where the filesystem offers a checksum, version or entity tag.
 *
 * @param length the file's length in bytes
 * @param modificationTimeMillis the modification time in epoch milliseconds, {@link #UNKNOWN_TIME} if unknown
 * @param checksumOrVersion a file checksum, version or entity tag (prefixed with its kind, e.g.
 *     {@code etag:"9b2cf535"}), empty when the filesystem offers none
 */
public record FileIdentity(long length, long modificationTimeMillis, String checksumOrVersion) {
    /** A modification time that is not known: never compared. */
    public static final long UNKNOWN_TIME = 0;

    public FileIdentity {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0: " + length);
        }
        checksumOrVersion = Objects.requireNonNullElse(checksumOrVersion, "");
    }

    /** Length and modification time only. */
    public static FileIdentity of(long length, long modificationTimeMillis) {
        return new FileIdentity(length, modificationTimeMillis, "");
    }

    /** The identity a listing recorded (length and modification time; listings carry no checksum). */
    public static FileIdentity listed(FileEntry entry) {
        return of(entry.sizeBytes(), entry.modificationTimeMillis());
    }

    /**
     * How {@code after} differs from this identity, comparing what both sides know:
     * e.g. {@code "length 5 -> 7, modified 2024-05-01T10:00:00Z -> 2024-05-01T10:00:02.125Z"}; empty if no
     * difference is seen.
     */
    public Optional<String> describeChange(FileIdentity after) {
        Objects.requireNonNull(after, "after");
        List<String> changes = new ArrayList<>();
        if (length != after.length) {
            changes.add("length " + length + " -> " + after.length);
        }
        if (modificationTimeMillis != UNKNOWN_TIME && after.modificationTimeMillis != UNKNOWN_TIME
                && modificationTimeMillis != after.modificationTimeMillis) {
            changes.add("modified " + Instant.ofEpochMilli(modificationTimeMillis) + " -> "
                    + Instant.ofEpochMilli(after.modificationTimeMillis));
        }
        if (!checksumOrVersion.isEmpty() && !after.checksumOrVersion.isEmpty()
                && !checksumOrVersion.equals(after.checksumOrVersion)) {
            changes.add("checksum/version " + checksumOrVersion + " -> " + after.checksumOrVersion);
        }
        return changes.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", changes));
    }
}
