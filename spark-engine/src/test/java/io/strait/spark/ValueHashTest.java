package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which values the Parquet digest's value hash equates, and which it keeps apart. */
class ValueHashTest {
    record Case(String what, long one, long other, boolean equal) {
        @Override
        public String toString() {
            return what;
        }
    }

    static List<Case> cases() {
        byte[] bytes = {9, 8, 7, 6, 5, 4};
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put(new byte[] {7, 6, 5}).flip();
        return List.of(
                new Case("-0.0 and 0.0 (float)", ValueHash.ofFloat(-0.0f), ValueHash.ofFloat(0.0f), true),
                new Case("-0.0 and 0.0 (double)", ValueHash.ofDouble(-0.0d), ValueHash.ofDouble(0.0d), true),
                new Case("every NaN is the canonical NaN", ValueHash.ofDouble(Double.NaN),
                        ValueHash.ofDouble(Double.longBitsToDouble(0x7FF8000000000123L)), true),
                new Case("1.0 and 2.0", ValueHash.ofDouble(1.0), ValueHash.ofDouble(2.0), false),
                new Case("null and the empty string", ValueHash.NULL, ValueHash.ofBytes(new byte[0]), false),
                new Case("null and 0", ValueHash.NULL, ValueHash.ofLong(0), false),
                new Case("null and false", ValueHash.NULL, ValueHash.ofBoolean(false), false),
                new Case("null and 0.0", ValueHash.NULL, ValueHash.ofDouble(0.0), false),
                new Case("false and true", ValueHash.ofBoolean(false), ValueHash.ofBoolean(true), false),
                new Case("a slice of an array and its bytes", ValueHash.ofBinary(Binary.fromConstantByteArray(bytes,
                        2, 3)), ValueHash.ofBytes(new byte[] {7, 6, 5}), true),
                new Case("a direct buffer and its bytes", ValueHash.ofBinary(Binary.fromConstantByteBuffer(direct)),
                        ValueHash.ofBytes(new byte[] {7, 6, 5}), true),
                new Case("decimal 300 as bytes and as a long", decimal(0, 0, 1, 0x2C), ValueHash.ofLong(300), true),
                new Case("decimal -300 as bytes and as a long", decimal(0xFF, 0xFF, 0xFE, 0xD4),
                        ValueHash.ofLong(-300), true),
                new Case("decimal -1 in 16 bytes and as a long", decimal(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), ValueHash.ofLong(-1), true),
                new Case("decimal 2^63 (beyond a long) in 16 and in 9 bytes", decimal(0, 0, 0, 0, 0, 0, 0, 0, 0x80,
                        0, 0, 0, 0, 0, 0, 0), decimal(0, 0x80, 0, 0, 0, 0, 0, 0, 0), true),
                new Case("decimal 2^63 and Long.MIN_VALUE", decimal(0, 0x80, 0, 0, 0, 0, 0, 0, 0),
                        ValueHash.ofLong(Long.MIN_VALUE), false),
                new Case("decimal 0x80 (128) and -128", decimal(0, 0x80), decimal(0x80), false),
                new Case("INT96 of the epoch's day plus 1 ms", ValueHash.int96Micros(
                        new NanoTime(2_440_588, 1_000_000L).toBinary()), 1000, true),
                new Case("INT96 of the day after the epoch", ValueHash.int96Micros(
                        new NanoTime(2_440_589, 0L).toBinary()), 86_400_000_000L, true),
                new Case("INT96 before the epoch", ValueHash.int96Micros(
                        new NanoTime(2_440_587, 86_399_999_999_000L).toBinary()), -1, true));
    }

    private static long decimal(int... unsignedBytes) {
        byte[] bytes = new byte[unsignedBytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) unsignedBytes[i];
        }
        return ValueHash.ofDecimalBytes(bytes, 0, bytes.length);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void hashesEqualExactlyWhereTheValuesAreTheSame(Case c) {
        if (c.equal()) {
            assertThat(c.one()).isEqualTo(c.other());
        } else {
            assertThat(c.one()).isNotEqualTo(c.other());
        }
    }
}
