package io.strait.spark;

import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Receives one column's values from parquet-mr's column reader and keeps the hash ({@link ValueHash}) of the last
 * one in {@link #hash}. A dictionary-encoded column chunk hands over its dictionary once: each entry is hashed then,
 * and each value after is the precomputed hash of its dictionary id, never decoded (no string is materialized).
 */
abstract class HashingConverter extends PrimitiveConverter {
    /** The hash of the last value received. */
    long hash;
    private long[] dictionaryHashes = new long[0];

    /** The converter of a column of {@code kind} whose Parquet type is {@code physical}. */
    static HashingConverter of(ColumnKind kind, PrimitiveTypeName physical) {
        boolean int64 = physical == PrimitiveTypeName.INT64;
        return switch (kind) {
            case INTEGER, DECIMAL_INTEGER -> new Integers(int64);
            case FLOAT -> new Floats();
            case DOUBLE -> new Doubles();
            case BYTES -> new Bytes();
            case DECIMAL_BYTES -> new DecimalBytes();
            case TIMESTAMP_MILLIS -> new Timestamps(1000);
            case TIMESTAMP_MICROS -> new Timestamps(1);
            case TIMESTAMP_INT96 -> new Int96Timestamps();
        };
    }

    @Override
    public final boolean hasDictionarySupport() {
        return true;
    }

    @Override
    public final void setDictionary(Dictionary dictionary) {
        long[] hashes = new long[dictionary.getMaxId() + 1];
        for (int id = 0; id < hashes.length; id++) {
            hashes[id] = entryHash(dictionary, id);
        }
        dictionaryHashes = hashes;
    }

    @Override
    public final void addValueFromDictionary(int dictionaryId) {
        hash = dictionaryHashes[dictionaryId];
    }

    /** The hash of a dictionary's entry {@code id}. */
    abstract long entryHash(Dictionary dictionary, int id);

    /** Booleans, INT32 and INT64 values (a dictionary of INT64 values when {@code int64}). */
    private static final class Integers extends HashingConverter {
        private final boolean int64;

        Integers(boolean int64) {
            this.int64 = int64;
        }

        @Override
        long entryHash(Dictionary dictionary, int id) {
            return ValueHash.ofLong(int64 ? dictionary.decodeToLong(id) : dictionary.decodeToInt(id));
        }

        @Override
        public void addBoolean(boolean value) {
            hash = ValueHash.ofBoolean(value);
        }

        @Override
        public void addInt(int value) {
            hash = ValueHash.ofLong(value);
        }

        @Override
        public void addLong(long value) {
            hash = ValueHash.ofLong(value);
        }
    }

    private static final class Floats extends HashingConverter {
        @Override
        long entryHash(Dictionary dictionary, int id) {
            return ValueHash.ofFloat(dictionary.decodeToFloat(id));
        }

        @Override
        public void addFloat(float value) {
            hash = ValueHash.ofFloat(value);
        }
    }

    private static final class Doubles extends HashingConverter {
        @Override
        long entryHash(Dictionary dictionary, int id) {
            return ValueHash.ofDouble(dictionary.decodeToDouble(id));
        }

        @Override
        public void addDouble(double value) {
            hash = ValueHash.ofDouble(value);
        }
    }

    private static final class Bytes extends HashingConverter {
        @Override
        long entryHash(Dictionary dictionary, int id) {
            return ValueHash.ofBinary(dictionary.decodeToBinary(id));
        }

        @Override
        public void addBinary(Binary value) {
            hash = ValueHash.ofBinary(value);
        }
    }

    private static final class DecimalBytes extends HashingConverter {
        @Override
        long entryHash(Dictionary dictionary, int id) {
            return ValueHash.ofDecimalBinary(dictionary.decodeToBinary(id));
        }

        @Override
        public void addBinary(Binary value) {
            hash = ValueHash.ofDecimalBinary(value);
        }
    }

    /** INT64 timestamps of {@code microsPerUnit} microseconds a unit. */
    private static final class Timestamps extends HashingConverter {
        private final long microsPerUnit;

        Timestamps(long microsPerUnit) {
            this.microsPerUnit = microsPerUnit;
        }

        @Override
        long entryHash(Dictionary dictionary, int id) {
            return ValueHash.ofLong(dictionary.decodeToLong(id) * microsPerUnit);
        }

        @Override
        public void addLong(long value) {
            hash = ValueHash.ofLong(value * microsPerUnit);
        }
    }

    private static final class Int96Timestamps extends HashingConverter {
        @Override
        long entryHash(Dictionary dictionary, int id) {
            return ValueHash.ofLong(ValueHash.int96Micros(dictionary.decodeToBinary(id)));
        }

        @Override
        public void addBinary(Binary value) {
            hash = ValueHash.ofLong(ValueHash.int96Micros(value));
        }
    }
}
