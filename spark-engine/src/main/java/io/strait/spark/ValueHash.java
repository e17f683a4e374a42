package io.strait.spark;

import java.nio.ByteBuffer;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.Platform;

/**
 * The 64-bit hash of one column value in the file digests ({@link ParquetDigester}, {@link OrcDigester}), a pure
 * function of the value as Spark reads it, whatever its format and encoding in the file (Parquet or ORC, dictionary
 * or plain, the physical type of a decimal, the unit of a timestamp): {@code xxhash64} of its canonical form.
 *
 * <ul>
 *   <li>integers (boolean as 0 or 1, byte, short, int, long, date as days): the value as a long;</li>
 *   <li>float and double: their IEEE bits with every NaN the canonical NaN and -0.0 taken as 0.0, as Spark's own
 *       {@code xxhash64} and its comparisons treat them;</li>
 *   <li>strings and binaries: their bytes;</li>
 *   <li>decimals: the unscaled value as a long where it fits one, else its minimal two's-complement bytes;</li>
 *   <li>timestamps: microseconds since the epoch (INT96 as Spark reads it: Julian day and nanoseconds of the day,
 *       UTC; milliseconds times 1,000).</li>
 * </ul>
 *
 * <p>A null has the hash {@link #NULL}, a constant no value is given on purpose: null and the empty string or zero
 * hash apart.
 */
final class ValueHash {
    static final long SEED = 0x5354524149545631L;
    /** The hash of a null. */
    static final long NULL = 0x6E756C6C2D76616CL;
    /** The Julian day of 1970-01-01. */
    static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
    static final long MICROS_PER_DAY = 86_400_000_000L;

    private ValueHash() {
    }

    static long ofLong(long value) {
        return XXH64.hashLong(value, SEED);
    }

    static long ofBoolean(boolean value) {
        return ofLong(value ? 1 : 0);
    }

    static long ofFloat(float value) {
        return ofLong(value == 0.0f ? 0 : Float.floatToIntBits(value));
    }

    static long ofDouble(double value) {
        return ofLong(value == 0.0d ? 0 : Double.doubleToLongBits(value));
    }

    static long ofBytes(byte[] bytes, int offset, int length) {
        return XXH64.hashUnsafeBytes(bytes, Platform.BYTE_ARRAY_OFFSET + offset, length, SEED);
    }

    static long ofBytes(byte[] bytes) {
        return ofBytes(bytes, 0, bytes.length);
    }

    /** The hash of a binary or string value, without copying its bytes where they are on the heap. */
    static long ofBinary(Binary value) {
        ByteBuffer buffer = value.toByteBuffer();
        if (buffer.hasArray()) {
            return ofBytes(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        }
        return ofBytes(value.getBytes());
    }

    /** A decimal's hash from its unscaled value as big-endian two's-complement bytes (FIXED_LEN_BYTE_ARRAY, BINARY). */
    static long ofDecimalBytes(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        // leading bytes that only extend the sign carry no value: 00 before a byte < 0x80, FF before a byte >= 0x80
        while (end - start > 1 && ((bytes[start] == 0 && bytes[start + 1] >= 0)
                || (bytes[start] == -1 && bytes[start + 1] < 0))) {
            start++;
        }
        if (end - start > Long.BYTES) {
            return ofBytes(bytes, start, end - start);
        }
        long unscaled = end > start && bytes[start] < 0 ? -1L : 0L;
        for (int i = start; i < end; i++) {
            unscaled = (unscaled << 8) | (bytes[i] & 0xFF);
        }
        return ofLong(unscaled);
    }

    /** A decimal's hash from its unscaled value as big-endian two's-complement bytes. */
    static long ofDecimalBytes(byte[] bytes) {
        return ofDecimalBytes(bytes, 0, bytes.length);
    }

    static long ofDecimalBinary(Binary value) {
        return ofDecimalBytes(value.getBytesUnsafe());
    }

    /** Microseconds since the epoch of an INT96 timestamp (8 bytes of nanoseconds of the day, 4 of Julian day). */
    static long int96Micros(Binary value) {
        ByteBuffer buffer = value.toByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buffer.getLong();
        long julianDay = buffer.getInt() & 0xFFFFFFFFL;
        return (julianDay - JULIAN_DAY_OF_EPOCH) * MICROS_PER_DAY + Math.floorDiv(nanosOfDay, 1000L);
    }
}
