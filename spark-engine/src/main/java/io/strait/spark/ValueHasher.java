package io.strait.spark;

import java.nio.ByteBuffer;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The value hashes ({@link ValueHash}) of one column's values as its pages hold them: a dictionary's entries (hashed
 * once per column chunk; each value is then the hash of its dictionary id, never decoded), PLAIN values read
 * straight from the page's bytes, and values of any other encoding through parquet-mr's reader of that encoding.
 */
abstract class ValueHasher {
    /** The hasher of a column of {@code kind} whose Parquet type is {@code type}. */
    static ValueHasher of(ColumnKind kind, PrimitiveType type) {
        PrimitiveTypeName physical = type.getPrimitiveTypeName();
        return switch (kind) {
            case INTEGER, DECIMAL_INTEGER -> physical == PrimitiveTypeName.BOOLEAN ? new Booleans()
                    : new Integers(physical == PrimitiveTypeName.INT64, 1);
            case TIMESTAMP_MILLIS -> new Integers(true, 1000);
            case TIMESTAMP_MICROS -> new Integers(true, 1);
            case FLOAT -> new Floats();
            case DOUBLE -> new Doubles();
            case BYTES -> new Bytes(false, physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY ? type.getTypeLength()
                    : -1);
            case DECIMAL_BYTES -> new Bytes(true, physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
                    ? type.getTypeLength() : -1);
            case TIMESTAMP_INT96 -> new Int96();
        };
    }

    /** The hash of each entry of {@code dictionary}, by id. */
    final long[] dictionaryHashes(Dictionary dictionary) {
        long[] hashes = new long[dictionary.getMaxId() + 1];
        for (int id = 0; id < hashes.length; id++) {
            hashes[id] = entry(dictionary, id);
        }
        return hashes;
    }

    abstract long entry(Dictionary dictionary, int id);

    /** The hash of the next value of {@code values}. */
    abstract long next(ValuesReader values);

    /**
     * The hashes of the next {@code count} PLAIN-encoded values of {@code page} (little-endian, at its position)
     * into {@code out}; false, having read nothing, where this hasher leaves them to {@link #next}.
     */
    abstract boolean plain(ByteBuffer page, long[] out, int count);

    /** INT32 and INT64 values as longs, times {@code factor} (milliseconds to microseconds). */
    private static final class Integers extends ValueHasher {
        private final boolean int64;
        private final long factor;

        Integers(boolean int64, long factor) {
            this.int64 = int64;
            this.factor = factor;
        }

        @Override
        long entry(Dictionary dictionary, int id) {
            return ValueHash.ofLong((int64 ? dictionary.decodeToLong(id) : dictionary.decodeToInt(id)) * factor);
        }

        @Override
        long next(ValuesReader values) {
            return ValueHash.ofLong((int64 ? values.readLong() : values.readInteger()) * factor);
        }

        @Override
        boolean plain(ByteBuffer page, long[] out, int count) {
            for (int i = 0; i < count; i++) {
                out[i] = ValueHash.ofLong((int64 ? page.getLong() : page.getInt()) * factor);
            }
            return true;
        }
    }

    private static final class Booleans extends ValueHasher {
        @Override
        long entry(Dictionary dictionary, int id) {
            return ValueHash.ofBoolean(dictionary.decodeToBoolean(id));
        }

        @Override
        long next(ValuesReader values) {
            return ValueHash.ofBoolean(values.readBoolean());
        }

        @Override
        boolean plain(ByteBuffer page, long[] out, int count) {
            return false; // bit-packed
        }
    }

    private static final class Floats extends ValueHasher {
        @Override
        long entry(Dictionary dictionary, int id) {
            return ValueHash.ofFloat(dictionary.decodeToFloat(id));
        }

        @Override
        long next(ValuesReader values) {
            return ValueHash.ofFloat(values.readFloat());
        }

        @Override
        boolean plain(ByteBuffer page, long[] out, int count) {
            for (int i = 0; i < count; i++) {
                out[i] = ValueHash.ofFloat(page.getFloat());
            }
            return true;
        }
    }

    private static final class Doubles extends ValueHasher {
        @Override
        long entry(Dictionary dictionary, int id) {
            return ValueHash.ofDouble(dictionary.decodeToDouble(id));
        }

        @Override
        long next(ValuesReader values) {
            return ValueHash.ofDouble(values.readDouble());
        }

        @Override
        boolean plain(ByteBuffer page, long[] out, int count) {
            for (int i = 0; i < count; i++) {
                out[i] = ValueHash.ofDouble(page.getDouble());
            }
            return true;
        }
    }

    /**
     * Strings and binaries (their bytes) or decimals (their unscaled value's bytes), BINARY (a length before each
     * value) or FIXED_LEN_BYTE_ARRAY ({@code fixedLength} bytes each; -1 for BINARY).
     */
    private static final class Bytes extends ValueHasher {
        private final boolean decimal;
        private final int fixedLength;

        Bytes(boolean decimal, int fixedLength) {
            this.decimal = decimal;
            this.fixedLength = fixedLength;
        }

        private long hash(org.apache.parquet.io.api.Binary value) {
            return decimal ? ValueHash.ofDecimalBinary(value) : ValueHash.ofBinary(value);
        }

        @Override
        long entry(Dictionary dictionary, int id) {
            return hash(dictionary.decodeToBinary(id));
        }

        @Override
        long next(ValuesReader values) {
            return hash(values.readBytes());
        }

        @Override
        boolean plain(ByteBuffer page, long[] out, int count) {
            if (!page.hasArray()) {
                return false;
            }
            byte[] array = page.array();
            int at = page.arrayOffset() + page.position();
            for (int i = 0; i < count; i++) {
                int length = fixedLength;
                if (length < 0) {
                    length = (array[at] & 0xFF) | (array[at + 1] & 0xFF) << 8 | (array[at + 2] & 0xFF) << 16
                            | (array[at + 3] & 0xFF) << 24;
                    at += 4;
                }
                out[i] = decimal ? ValueHash.ofDecimalBytes(array, at, length) : ValueHash.ofBytes(array, at, length);
                at += length;
            }
            page.position(at - page.arrayOffset());
            return true;
        }
    }

    private static final class Int96 extends ValueHasher {
        @Override
        long entry(Dictionary dictionary, int id) {
            return ValueHash.ofLong(ValueHash.int96Micros(dictionary.decodeToBinary(id)));
        }

        @Override
        long next(ValuesReader values) {
            return ValueHash.ofLong(ValueHash.int96Micros(values.readBytes()));
        }

        @Override
        boolean plain(ByteBuffer page, long[] out, int count) {
            for (int i = 0; i < count; i++) {
                long nanosOfDay = page.getLong();
                long julianDay = page.getInt() & 0xFFFFFFFFL;
                out[i] = ValueHash.ofLong((julianDay - ValueHash.JULIAN_DAY_OF_EPOCH) * ValueHash.MICROS_PER_DAY
                        + Math.floorDiv(nanosOfDay, 1000L));
            }
            return true;
        }
    }
}
