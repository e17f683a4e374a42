package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bulk decoder reads back what parquet-mr's encoder writes, whatever the runs and the sizes asked for. */
class RunLengthBitPackedIntsTest {
    record Case(String what, int bitWidth, int count, IntUnaryOperator value) {
        @Override
        public String toString() {
            return what + ", " + bitWidth + " bits";
        }
    }

    static List<Case> cases() {
        Random random = new Random(3);
        int[] noise = random.ints(5_000, 0, 1 << 13).toArray();
        return List.of(
                new Case("one repeated value", 1, 3_000, i -> 1),
                new Case("all zero, no bits", 0, 100, i -> 0),
                new Case("alternating (bit-packed)", 1, 1_003, i -> i % 2),
                new Case("levels: mostly defined, some nulls", 1, 4_000, i -> i % 11 == 0 ? 0 : 1),
                new Case("dictionary ids of 7 bits", 7, 2_001, i -> (i * 31) % 128),
                new Case("dictionary ids of 13 bits, random", 13, 5_000, i -> noise[i]),
                new Case("runs and noise mixed", 13, 5_000, i -> i / 500 % 2 == 0 ? 42 : noise[i]),
                new Case("wide values", 32, 777, i -> i * 0x9E3779B9),
                new Case("a count not a multiple of 8", 5, 13, i -> i + 3));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decodesWhatTheEncoderWrote(Case c) throws IOException {
        int[] expected = new int[c.count()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = c.bitWidth() == 32 ? c.value().applyAsInt(i)
                    : c.value().applyAsInt(i) & (int) ((1L << c.bitWidth()) - 1);
        }
        RunLengthBitPackedInts decoder = new RunLengthBitPackedInts(encoded(c.bitWidth(), expected), c.bitWidth());
        int[] decoded = new int[expected.length];
        int[] chunk = new int[expected.length];
        Random sizes = new Random(c.count());
        for (int at = 0; at < expected.length; ) {
            int n = Math.min(expected.length - at, 1 + sizes.nextInt(700));
            decoder.read(chunk, n);
            System.arraycopy(chunk, 0, decoded, at, n);
            at += n;
        }

        assertThat(decoded).containsExactly(expected);
    }

    @Test
    void valuesBeyondTheEncodedOnesAreAnError() throws IOException {
        // 3 values are written as one bit-packed group of 8 (padded with zeros)
        RunLengthBitPackedInts decoder = new RunLengthBitPackedInts(encoded(3, new int[] {1, 1, 1}), 3);
        int[] group = new int[8];
        decoder.read(group, 8);

        assertThat(group).containsExactly(1, 1, 1, 0, 0, 0, 0, 0);
        assertThatThrownBy(() -> decoder.read(new int[1], 1)).isInstanceOf(IllegalStateException.class);
    }

    private static ByteBuffer encoded(int bitWidth, int[] values) throws IOException {
        try (RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20,
                new HeapByteBufferAllocator())) {
            for (int value : values) {
                encoder.writeInt(value);
            }
            return ByteBuffer.wrap(encoder.toBytes().toByteArray());
        }
    }
}
