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
    BYTES,
    /**
     * {@code files} depth, and the rows of every Parquet or ORC object read on both sides (with Spark) and compared
     * as multisets: count and an order-independent hash per object, narrowed down to the differing rows.
     */
    ROWS;

    /** The depth of the file checks: {@code files} for {@code rows}, the depth itself otherwise. */
    public ReconcileDepth fileDepth() {
        return this == ROWS ? FILES : this;
    }

    /** {@code meta}, {@code files}, {@code bytes} or {@code rows}, as the command line writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code meta}, {@code files}, {@code bytes} or {@code rows} (any case). */
    public static ReconcileDepth parse(String text) {
        for (ReconcileDepth depth : values()) {
            if (depth.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return depth;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a reconcile depth: use meta, files, bytes or rows");
    }
}
