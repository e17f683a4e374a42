package io.strait.common.divergence;

import java.util.Locale;

/**
 * How deep reconcile looks, from cheapest to most thorough. Every depth compares all metadata; they differ in what
 * they do with files (see docs/OPERATIONS.md, "Reconcile").
 */
public enum ReconcileDepth {
    /** Metadata only: no file is listed or read. */
    META,
    /**
     * Metadata, and a fresh listing of both sides: relative paths and sizes, plus what Strait recorded when it
     * verified the copy (checksum, and the modification time of the source version copied). No file is read, so a
     * same-size change of a replica's bytes is not seen.
     */
    FILES,
    /** Metadata, and every file of both sides read in full and checksummed. */
    BYTES;

    /** {@code meta}, {@code files} or {@code bytes}, as the command line writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code meta}, {@code files} or {@code bytes} (any case). */
    public static ReconcileDepth parse(String text) {
        for (ReconcileDepth depth : values()) {
            if (depth.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return depth;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a reconcile depth: use meta, files or bytes");
    }
}
