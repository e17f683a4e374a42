package io.strait.spark;

import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.IntToLongFunction;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;
import org.apache.orc.TypeDescription;
import org.apache.spark.sql.catalyst.util.RebaseDateTime;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;

/**
 * How the ORC digest ({@link OrcDigester}) hashes the values of one top-level column of a file's batches
 * ({@link ValueHash}, the canonical forms of the Parquet digest too), decided from the column's ORC type and the Spark
 * type both sides read it as. {@link #kind} is empty where the digest cannot equate what Spark would read
 * ({@code timestamp with local time zone}, which Spark's ORC reader cannot read at all; {@code char}, whose values
 * orc-core right-trims and Spark pads again to the length of the side's schema; nested types, unions, an ORC type
 * Spark reads as another type than the column's).
 */
final class OrcColumnHasher {
    /** How a column's values are held in its vector and hashed. */
    enum Kind {
        /** boolean, byte, short, int, long (a {@link LongColumnVector}): the value as a long. */
        INTEGER,
        /** days in a {@link LongColumnVector}, as Spark reads them (rebased from the hybrid calendar). */
        DATE,
        /** a float held as a double in a {@link DoubleColumnVector}. */
        FLOAT,
        DOUBLE,
        /** strings, varchars and binaries (a {@link BytesColumnVector}): their bytes. */
        BYTES,
        /**
         * a timestamp (a {@link TimestampColumnVector}): microseconds since the epoch, as Spark's ORC reader computes
         * them (rebased from the hybrid calendar).
         */
        TIMESTAMP,
        /** a decimal of precision up to 18: its unscaled value at the column's scale, a long. */
        DECIMAL_LONG,
        /** a decimal of precision above 18: its unscaled value at the column's scale, as bytes. */
        DECIMAL_BYTES
    }

    private final int field;
    private final Kind kind;
    private final int scale;

    /** A hasher of top-level field {@code field} (its index in a batch's columns) of ORC type {@code type}. */
    OrcColumnHasher(int field, Kind kind, TypeDescription type) {
        this.field = field;
        this.kind = kind;
        this.scale = type.getScale();
    }

    /** The kind of an ORC column read by Spark as {@code spark}; empty where the digest does not apply. */
    static Optional<Kind> kind(TypeDescription type, DataType spark) {
        return Optional.ofNullable(switch (type.getCategory()) {
            case BOOLEAN -> spark instanceof BooleanType ? Kind.INTEGER : null;
            case BYTE -> spark instanceof ByteType ? Kind.INTEGER : null;
            case SHORT -> spark instanceof ShortType ? Kind.INTEGER : null;
            case INT -> spark instanceof IntegerType ? Kind.INTEGER : null;
            case LONG -> spark instanceof LongType ? Kind.INTEGER : null;
            case DATE -> spark instanceof DateType ? Kind.DATE : null;
            case TIMESTAMP -> spark instanceof TimestampType ? Kind.TIMESTAMP : null;
            case FLOAT -> spark instanceof FloatType ? Kind.FLOAT : null;
            case DOUBLE -> spark instanceof DoubleType ? Kind.DOUBLE : null;
            case STRING, VARCHAR -> spark instanceof StringType ? Kind.BYTES : null;
            case BINARY -> spark instanceof BinaryType ? Kind.BYTES : null;
            case DECIMAL -> spark instanceof DecimalType decimal && decimal.precision() == type.getPrecision()
                    && decimal.scale() == type.getScale()
                    ? (type.getPrecision() <= 18 ? Kind.DECIMAL_LONG : Kind.DECIMAL_BYTES) : null;
            default -> null; // timestamp with local time zone, char, struct, list, map, union
        });
    }

    /** Combines this column's value hash of each row of the batch's first {@code rows} rows into {@code hashes}. */
    void combine(ColumnVector[] columns, int rows, long[] hashes) {
        ColumnVector vector = columns[field];
        IntToLongFunction hash = valueHash(vector);
        if (vector.isRepeating) {
            long repeated = vector.noNulls || !vector.isNull[0] ? hash.applyAsLong(0) : ValueHash.NULL;
            for (int r = 0; r < rows; r++) {
                hashes[r] = RowDigest.combine(hashes[r], repeated);
            }
        } else if (vector.noNulls) {
            for (int r = 0; r < rows; r++) {
                hashes[r] = RowDigest.combine(hashes[r], hash.applyAsLong(r));
            }
        } else {
            boolean[] nulls = vector.isNull;
            for (int r = 0; r < rows; r++) {
                hashes[r] = RowDigest.combine(hashes[r], nulls[r] ? ValueHash.NULL : hash.applyAsLong(r));
            }
        }
    }

    /** The value hash of a row of {@code vector} (not null). */
    private IntToLongFunction valueHash(ColumnVector vector) {
        return switch (kind) {
            case INTEGER -> {
                long[] values = ((LongColumnVector) vector).vector;
                yield r -> ValueHash.ofLong(values[r]);
            }
            case DATE -> {
                long[] days = ((LongColumnVector) vector).vector;
                yield r -> ValueHash.ofLong(RebaseDateTime.rebaseJulianToGregorianDays((int) days[r]));
            }
            case FLOAT -> {
                double[] values = ((DoubleColumnVector) vector).vector;
                yield r -> ValueHash.ofFloat((float) values[r]);
            }
            case DOUBLE -> {
                double[] values = ((DoubleColumnVector) vector).vector;
                yield r -> ValueHash.ofDouble(values[r]);
            }
            case BYTES -> {
                BytesColumnVector bytes = (BytesColumnVector) vector;
                yield r -> ValueHash.ofBytes(Objects.requireNonNull(bytes.vector[r], "a value without bytes"),
                        bytes.start[r], bytes.length[r]); // hashed in place: a missing array must not be read
            }
            case TIMESTAMP -> {
                TimestampColumnVector timestamps = (TimestampColumnVector) vector;
                long[] millis = timestamps.time;
                int[] nanos = timestamps.nanos;
                String zone = TimeZone.getDefault().getID(); // Spark rebases in the JVM's default time zone
                yield r -> ValueHash.ofLong(RebaseDateTime.rebaseJulianToGregorianMicros(zone,
                        micros(millis[r], nanos[r])));
            }
            case DECIMAL_LONG -> {
                HiveDecimalWritable[] values = ((DecimalColumnVector) vector).vector;
                yield r -> ValueHash.ofLong(values[r].serialize64(scale));
            }
            case DECIMAL_BYTES -> {
                HiveDecimalWritable[] values = ((DecimalColumnVector) vector).vector;
                yield r -> ValueHash.ofDecimalBytes(values[r].getHiveDecimal().bigIntegerBytesScaled(scale));
            }
        };
    }

    /**
     * Microseconds since the epoch of a timestamp held as {@code millis} and {@code nanos} (of the second), before
     * rebasing: as Spark's ORC reader computes them from a {@code java.sql.Timestamp} (its whole seconds, then the
     * milliseconds and microseconds of {@code nanos}).
     */
    static long micros(long millis, int nanos) {
        long wholeMillis = Math.floorDiv(millis, 1000L) * 1000L + nanos / 1_000_000;
        return Math.multiplyExact(wholeMillis, 1000L) + (nanos / 1000) % 1000;
    }
}
