package io.strait.common.copy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.zip.CRC32C;

/**
 * Strait's file checksum: CRC32C over every byte of the file, spelled {@code crc32c:<8 hex digits>}. Computed by
 * Strait itself while streaming, so it is comparable across every filesystem (local filesystems return no
 * checksum and HDFS's default depends on block size).
 */
public final class FileChecksums {
    public static final String ALGORITHM = "crc32c";
    private static final int BUFFER_BYTES = 1 << 16;

    private FileChecksums() {
    }

    /** Reads {@code in} to its end and returns its checksum; does not close it. */
    public static Result checksum(InputStream in) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[BUFFER_BYTES];
        long length = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            crc.update(buffer, 0, read);
            length += read;
        }
        return new Result(format(crc.getValue()), length);
    }

    /**
     * Reads {@code in} to its end through {@code buffer} (best direct: CRC32C then runs over it in place, with no
     * copy into the Java heap) and returns its checksum; does not close it.
     */
    public static Result checksum(ReadableByteChannel in, ByteBuffer buffer) throws IOException {
        CRC32C crc = new CRC32C();
        long length = 0;
        while (true) {
            buffer.clear();
            int read = in.read(buffer);
            if (read < 0) {
                break;
            }
            buffer.flip();
            crc.update(buffer);
            length += read;
        }
        return new Result(format(crc.getValue()), length);
    }

    public static String format(long crc32cValue) {
        return String.format("%s:%08x", ALGORITHM, crc32cValue);
    }

    /** A checksum and the number of bytes it covers. */
    public record Result(String checksum, long length) {
    }
}
