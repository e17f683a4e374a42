package io.strait.sync;

import io.strait.common.copy.FileChecksums;
import io.strait.common.copy.FileRanges.FileRange;
import io.strait.common.copy.VerificationMethod;
import io.strait.common.region.RangedWrite;
import io.strait.common.region.RegionFileSystem;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;
import org.apache.hadoop.util.CrcUtil;

/**
 * The byte-range half of {@link VerifyingFileCopier} for a large file: its ranges are read from the source and
 * written to the target's {@link RangedWrite} in parallel, each with the CRC32C of its bytes; a whole file's CRC32C
 * is composed from its ranges' ({@link #compose}), so it equals the CRC32C of the file read from start to end.
 */
final class RangedFileCopier {
    /** What was read of one range: its CRC32C, its byte count, and the target's stored checksum of it (or empty). */
    record RangeRead(FileRange range, int crc, long bytes, String stored) {
        /** The stored checksum this range's bytes would have on HDFS ({@code COMPOSITE-CRC32C:<hex>}). */
        String expectedStored() {
            return VerificationMethod.COMPOSITE_CRC32C + ":" + String.format(Locale.ROOT, "%08x", crc);
        }
    }

    private final RegionFileSystem source;
    private final RegionFileSystem target;
    private final ExecutorService threads;
    private final CopyBandwidth bandwidth;
    private final int bufferBytes;

    RangedFileCopier(RegionFileSystem source, RegionFileSystem target, ExecutorService threads,
            CopyBandwidth bandwidth, int bufferBytes) {
        this.source = source;
        this.target = target;
        this.threads = threads;
        this.bandwidth = bandwidth;
        this.bufferBytes = bufferBytes;
    }

    /** Copies every range of {@code sourceUri} into {@code write} (not completed), in parallel. */
    List<RangeRead> copy(String sourceUri, List<FileRange> ranges, RangedWrite write) throws IOException {
        List<Future<RangeRead>> futures = new ArrayList<>();
        for (FileRange range : ranges) {
            futures.add(threads.submit(() -> {
                try (InputStream in = source.open(sourceUri, range.offset())) {
                    Crc32cRange counted = new Crc32cRange(in, range.length(), bandwidth);
                    String stored = write.write(range.index(), counted, range.length());
                    return new RangeRead(range, counted.crc(), counted.bytes(), stored);
                }
            }));
        }
        return await(futures);
    }

    /** Re-reads every range of the closed {@code targetUri} in parallel: CRC32C and byte count of each. */
    List<RangeRead> reread(String targetUri, List<FileRange> ranges) throws IOException {
        List<Future<RangeRead>> futures = new ArrayList<>();
        for (FileRange range : ranges) {
            futures.add(threads.submit(() -> {
                try (InputStream in = target.open(targetUri, range.offset())) {
                    Crc32cRange counted = new Crc32cRange(in, range.length(), CopyBandwidth.unlimited());
                    byte[] buffer = new byte[bufferBytes];
                    while (counted.read(buffer) >= 0) {
                        // counted
                    }
                    return new RangeRead(range, counted.crc(), counted.bytes(), "");
                }
            }));
        }
        return await(futures);
    }

    /** The CRC32C of the whole file, composed from its ranges' in order, in Strait's checksum format. */
    static String compose(List<RangeRead> reads) {
        int crc = 0;
        boolean first = true;
        for (RangeRead read : reads) {
            crc = first ? read.crc() : CrcUtil.compose(crc, read.crc(), read.bytes(), CrcUtil.CASTAGNOLI_POLYNOMIAL);
            first = false;
        }
        return FileChecksums.format(crc & 0xffffffffL);
    }

    private static List<RangeRead> await(List<Future<RangeRead>> futures) throws IOException {
        List<RangeRead> reads = new ArrayList<>();
        IOException failure = null;
        for (Future<RangeRead> future : futures) {
            try {
                reads.add(future.get());
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while copying ranges");
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return reads;
    }

    /** At most {@code length} bytes of a stream, with the CRC32C and count of those read and bandwidth taken. */
    private static final class Crc32cRange extends FilterInputStream {
        private final CRC32C crc = new CRC32C();
        private final CopyBandwidth bandwidth;
        private long remaining;
        private long bytes;

        Crc32cRange(InputStream in, long length, CopyBandwidth bandwidth) {
            super(in);
            this.remaining = length;
            this.bandwidth = bandwidth;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                crc.update(buffer, offset, read);
                bandwidth.acquire(read);
                remaining -= read;
                bytes += read;
            }
            return read;
        }

        @Override
        public long skip(long n) {
            return 0;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        int crc() {
            return (int) crc.getValue();
        }

        long bytes() {
            return bytes;
        }
    }
}
