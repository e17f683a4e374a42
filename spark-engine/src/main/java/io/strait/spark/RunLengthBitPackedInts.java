package io.strait.spark;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.Packer;

/**
 * Decodes Parquet's RLE / bit-packing hybrid encoding of small integers (definition levels, dictionary ids) many at
 * a time: a run of one repeated value is filled in one go, a bit-packed run unpacked 8 values at a time by
 * parquet-mr's packers, where parquet-mr's own reader hands out one value per call.
 */
final class RunLengthBitPackedInts {
    private final ByteBuffer in;
    private final int bitWidth;
    private final int valueBytes;
    private final BytePacker packer;
    private int repeated;
    private int repeatedValue;
    private int[] packed = new int[0];
    private int packedCount;
    private int packedNext;

    /** A decoder of the encoded values from {@code in}'s position to its limit, each {@code bitWidth} bits wide. */
    RunLengthBitPackedInts(ByteBuffer in, int bitWidth) {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new IllegalArgumentException("bit width " + bitWidth);
        }
        this.in = in;
        this.bitWidth = bitWidth;
        this.valueBytes = (bitWidth + 7) / 8;
        this.packer = Packer.LITTLE_ENDIAN.newBytePacker(bitWidth);
    }

    /** The next {@code count} values, into {@code out[0..count)}. */
    void read(int[] out, int count) {
        int filled = 0;
        while (filled < count) {
            if (repeated > 0) {
                int n = Math.min(repeated, count - filled);
                Arrays.fill(out, filled, filled + n, repeatedValue);
                repeated -= n;
                filled += n;
            } else if (packedNext < packedCount) {
                int n = Math.min(packedCount - packedNext, count - filled);
                System.arraycopy(packed, packedNext, out, filled, n);
                packedNext += n;
                filled += n;
            } else {
                nextRun();
            }
        }
    }

    private void nextRun() {
        if (!in.hasRemaining()) {
            throw new IllegalStateException("the encoded values end before the values expected");
        }
        int header = unsignedVarInt();
        if ((header & 1) == 0) {
            repeated = header >>> 1;
            int value = 0;
            for (int i = 0; i < valueBytes; i++) {
                value |= (in.get() & 0xFF) << (8 * i);
            }
            repeatedValue = value;
            return;
        }
        int groups = header >>> 1;
        int values = groups * 8;
        if (packed.length < values) {
            packed = new int[values];
        }
        // the last run may end before its last group's bytes: read what is there, zero-padded
        byte[] bytes = new byte[groups * bitWidth];
        int available = Math.min(bytes.length, in.remaining());
        in.get(bytes, 0, available);
        for (int g = 0; g < groups; g++) {
            packer.unpack8Values(bytes, g * bitWidth, packed, g * 8);
        }
        packedCount = values;
        packedNext = 0;
    }

    private int unsignedVarInt() {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.get() & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }
}
