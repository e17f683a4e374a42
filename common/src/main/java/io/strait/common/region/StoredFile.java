package io.strait.common.region;

import java.util.Objects;

/**
 * A file as its filesystem stores it ({@link RegionFileSystem#storedFile}): the key the filesystem identifies its
 * data by, which every hard link of the file shares (device and inode on a local filesystem), its length and its
 * modification time.
 */
public record StoredFile(String key, long length, long modificationTimeMillis) {
    public StoredFile {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a stored file needs a key");
        }
    }

    /** True when {@code other} is the same stored file (same key) with the same length and modification time. */
    public boolean sameFileUnchanged(StoredFile other) {
        return key.equals(other.key) && length == other.length
                && modificationTimeMillis == other.modificationTimeMillis;
    }
}
