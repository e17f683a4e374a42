package io.strait.regionio;

import io.strait.common.region.RangedWrite;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IOUtils;

/**
 * A file written as ranges on HDFS: each range is its own hidden file next to the target
 * ({@code .<name>.strait-range-<index>}) with the same block size and replication; {@link #complete} moves the
 * blocks of ranges 1.. onto range 0 ({@link FileSystem#concat}, metadata only at the NameNode) and renames it to the
 * target. Each range's stored checksum is its composite CRC, computed by the DataNodes.
 */
final class HdfsConcatWrite implements RangedWrite {
    private final FileSystem fileSystem;
    private final Path target;
    private final short replication;
    private final long blockSize;
    private final int bufferBytes;
    private final Map<Integer, Path> written = new ConcurrentHashMap<>();

    HdfsConcatWrite(FileSystem fileSystem, Path target, short replication, long blockSize, int bufferBytes) {
        this.fileSystem = fileSystem;
        this.target = target;
        this.replication = replication;
        this.blockSize = blockSize;
        this.bufferBytes = bufferBytes;
    }

    /** The block size of the file. */
    @Override
    public long alignment() {
        return blockSize;
    }

    @Override
    public String write(int index, InputStream in, long length) throws IOException {
        Path range = new Path(target.getParent(), "." + target.getName() + ".strait-range-" + index);
        written.put(index, range);
        try (OutputStream out = fileSystem.create(range, false, bufferBytes, replication, blockSize)) {
            IOUtils.copyBytes(in, out, length, false);
        }
        FileChecksum checksum = fileSystem.getFileChecksum(range);
        return checksum == null ? ""
                : checksum.getAlgorithmName() + ":" + HexFormat.of().formatHex(checksum.getBytes());
    }

    @Override
    public void complete(int ranges) throws IOException {
        Path first = range(0);
        if (ranges > 1) {
            Path[] rest = new Path[ranges - 1];
            for (int i = 1; i < ranges; i++) {
                rest[i - 1] = range(i);
            }
            fileSystem.concat(first, rest);
        }
        if (!fileSystem.rename(first, target)) {
            throw new IOException("Cannot rename " + first + " to " + target + " after joining its ranges");
        }
        written.clear();
    }

    @Override
    public void abort() {
        for (Path range : written.values()) {
            try {
                fileSystem.delete(range, false);
            } catch (IOException ignored) {
                // an unpublished version folder: housekeeping removes it with the folder
            }
        }
        written.clear();
    }

    private Path range(int index) throws IOException {
        Path range = written.get(index);
        if (range == null) {
            throw new IOException("Range " + index + " of " + target + " was never written");
        }
        return range;
    }
}
