package io.strait.common.copy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** CRC32C check values from RFC 3720 (iSCSI), appendix B.4, and the CRC catalogue's "123456789". */
class FileChecksumsTest {
    @Test
    void knownVectors() throws IOException {
        assertThat(checksum("123456789".getBytes(US_ASCII))).isEqualTo("crc32c:e3069283");
        assertThat(checksum(new byte[0])).isEqualTo("crc32c:00000000");
        assertThat(checksum(new byte[32])).isEqualTo("crc32c:8a9136aa");
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);
        assertThat(checksum(ones)).isEqualTo("crc32c:62a8ab43");
        byte[] ascending = new byte[32];
        byte[] descending = new byte[32];
        for (int i = 0; i < 32; i++) {
            ascending[i] = (byte) i;
            descending[i] = (byte) (31 - i);
        }
        assertThat(checksum(ascending)).isEqualTo("crc32c:46dd794e");
        assertThat(checksum(descending)).isEqualTo("crc32c:113fdb5c");
    }

    @Test
    void countsEveryByteOfAFileLargerThanTheBuffer() throws IOException {
        byte[] large = new byte[(1 << 16) * 3 + 17];
        Arrays.fill(large, (byte) 'x');
        FileChecksums.Result result = FileChecksums.checksum(new ByteArrayInputStream(large));
        assertThat(result.length()).isEqualTo(large.length);
        assertThat(result.checksum()).isEqualTo(FileChecksums.checksum(new TrickleInputStream(large, 1000)).checksum());
    }

    @Test
    void formatsEightLowerCaseHexDigits() {
        assertThat(FileChecksums.format(0xE3069283L)).isEqualTo("crc32c:e3069283");
        assertThat(FileChecksums.format(1)).isEqualTo("crc32c:00000001");
        assertThat(FileChecksums.ALGORITHM).isEqualTo("crc32c");
    }

    @Test
    void doesNotCloseTheStream() throws IOException {
        TrickleInputStream in = new TrickleInputStream(new byte[10], 3);
        FileChecksums.checksum(in);
        assertThat(in.closed).isFalse();
    }

    @Test
    void howTheBytesArriveDoesNotMatter() {
        qt().forAll(bytes(0, 3000), integers().between(1, 700)).checkAssert((bytes, chunk) -> {
            FileChecksums.Result whole = result(new ByteArrayInputStream(bytes));
            FileChecksums.Result trickled = result(new TrickleInputStream(bytes, chunk));
            assertThat(trickled).isEqualTo(whole);
            assertThat(whole.length()).isEqualTo(bytes.length);
        });
    }

    @Test
    void aChangedByteChangesTheChecksum() {
        qt().forAll(bytes(1, 500), integers().all()).checkAssert((bytes, position) -> {
            byte[] changed = bytes.clone();
            int at = Math.floorMod(position, bytes.length);
            changed[at] ^= 0x01;
            assertThat(result(new ByteArrayInputStream(changed)).checksum())
                    .isNotEqualTo(result(new ByteArrayInputStream(bytes)).checksum());
        });
    }

    private static Gen<byte[]> bytes(int minLength, int maxLength) {
        return Generate.byteArrays(integers().between(minLength, maxLength),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    private static String checksum(byte[] bytes) throws IOException {
        return FileChecksums.checksum(new ByteArrayInputStream(bytes)).checksum();
    }

    private static FileChecksums.Result result(InputStream in) {
        try {
            return FileChecksums.checksum(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns at most {@code chunk} bytes per read, as network streams do. */
    private static final class TrickleInputStream extends FilterInputStream {
        private final int chunk;
        private boolean closed;

        TrickleInputStream(byte[] bytes, int chunk) {
            super(new ByteArrayInputStream(bytes));
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(length, chunk));
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
