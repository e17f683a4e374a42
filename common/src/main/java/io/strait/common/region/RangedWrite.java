package io.strait.common.region;

import java.io.IOException;
import java.io.InputStream;

/**
 * A file written as byte ranges in parallel and joined at the end, where the filesystem can join them without
 * copying (HDFS {@code concat}, an object store's multipart upload). Nothing is visible at the file's URI before
 * {@link #complete}; {@link #abort} removes what was written.
 */
public interface RangedWrite {
    /**
     * Writes range {@code index} (from 0) from exactly {@code length} bytes of {@code in}; may run concurrently
     * for different ranges. Returns the stored checksum of the written range where the filesystem offers one
     * ({@code COMPOSITE-CRC32C:<hex>} on HDFS), else an empty string.
     */
    String write(int index, InputStream in, long length) throws IOException;

    /** Joins ranges 0 to {@code ranges - 1}, in order, into the file. */
    void complete(int ranges) throws IOException;

    /**
     * The size every range but the last must be a multiple of: the file's block size on HDFS (so that each range
     * fills whole blocks), 1 where there is no such unit.
     */
    default long alignment() {
        return 1;
    }

    /** Removes whatever was written; never throws. */
    void abort();
}
