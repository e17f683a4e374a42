package io.strait.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The digest ({@link ObjectDigest}) of the rows of one data file in a byte range of it, over given
 * {@link DigestColumn columns} in their order: the rows of the file's row groups (Parquet) or stripes (ORC) that
 * Spark would read for that range, so that the digests of ranges tiling a file add up to the file's.
 *
 * <p>A file whose values the digester cannot read as Spark would throws {@link UndigestibleFileException}.
 */
interface FileDigester {
    /** The digest of the part of {@code path} that Spark's split [{@code start}, {@code end}) reads. */
    ObjectDigest digest(Configuration conf, Path path, long start, long end) throws IOException;
}
