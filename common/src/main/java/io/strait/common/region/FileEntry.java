package io.strait.common.region;

import java.util.Objects;

/**
 * One file found under a directory: its path relative to that directory ('/'-separated, no leading slash),
 * its length and its modification time in epoch milliseconds.
 */
public record FileEntry(String relativePath, long sizeBytes, long modificationTimeMillis) {
    public FileEntry {
        Objects.requireNonNull(relativePath, "relativePath");
        if (relativePath.isEmpty() || relativePath.startsWith("/")) {
            throw new IllegalArgumentException("relativePath must be relative and non-empty: '" + relativePath + "'");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0: " + sizeBytes);
        }
    }
}
