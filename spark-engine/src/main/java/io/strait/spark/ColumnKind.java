package io.strait.spark;

import java.util.Optional;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
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
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * How the Parquet digest hashes the values of one column of a file ({@link ValueHash}): decided from the column's
 * Parquet type and the Spark type both sides read it as. {@link #of} is empty where the digest cannot equate what
 * Spark would read (a repeated column, an unsigned integer, a Spark type the file's column does not hold as such):
 * the comparison then takes the Spark SQL path.
 */
enum ColumnKind {
    /** boolean, byte, short, int, long, date: the value as a long. */
    INTEGER,
    FLOAT,
    DOUBLE,
    /** strings and binaries: their bytes. */
    BYTES,
    /** a decimal held as INT32 or INT64: its unscaled value. */
    DECIMAL_INTEGER,
    /** a decimal held as BINARY or FIXED_LEN_BYTE_ARRAY: its unscaled value's two's-complement bytes. */
    DECIMAL_BYTES,
    TIMESTAMP_MILLIS,
    TIMESTAMP_MICROS,
    TIMESTAMP_INT96;

    /** The kind of a file's column read by Spark as {@code spark}; empty where the digest does not apply. */
    static Optional<ColumnKind> of(Type column, DataType spark) {
        if (!column.isPrimitive() || column.isRepetition(Type.Repetition.REPEATED)) {
            return Optional.empty();
        }
        PrimitiveType primitive = column.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        return Optional.ofNullable(switch (primitive.getPrimitiveTypeName()) {
            case BOOLEAN -> spark instanceof BooleanType && logical == null ? INTEGER : null;
            case INT32 -> int32(logical, spark);
            case INT64 -> int64(logical, spark);
            case INT96 -> spark instanceof TimestampType && logical == null ? TIMESTAMP_INT96 : null;
            case FLOAT -> spark instanceof FloatType && logical == null ? FLOAT : null;
            case DOUBLE -> spark instanceof DoubleType && logical == null ? DOUBLE : null;
            case BINARY, FIXED_LEN_BYTE_ARRAY -> bytes(logical, spark);
        });
    }

    private static ColumnKind int32(LogicalTypeAnnotation logical, DataType spark) {
        if (logical == null) {
            return spark instanceof IntegerType ? INTEGER : null;
        }
        if (logical instanceof IntLogicalTypeAnnotation integer && integer.isSigned()) {
            boolean matches = switch (integer.getBitWidth()) {
                case 8 -> spark instanceof ByteType;
                case 16 -> spark instanceof ShortType;
                case 32 -> spark instanceof IntegerType;
                default -> false;
            };
            return matches ? INTEGER : null;
        }
        if (logical instanceof DateLogicalTypeAnnotation) {
            return spark instanceof DateType ? INTEGER : null;
        }
        return decimal(logical, spark) ? DECIMAL_INTEGER : null;
    }

    private static ColumnKind int64(LogicalTypeAnnotation logical, DataType spark) {
        if (logical == null) {
            return spark instanceof LongType ? INTEGER : null;
        }
        if (logical instanceof IntLogicalTypeAnnotation integer) {
            return integer.isSigned() && integer.getBitWidth() == 64 && spark instanceof LongType ? INTEGER : null;
        }
        if (logical instanceof TimestampLogicalTypeAnnotation timestamp) {
            boolean matches = timestamp.isAdjustedToUTC() ? spark instanceof TimestampType
                    : spark instanceof TimestampNTZType;
            if (!matches) {
                return null;
            }
            return timestamp.getUnit() == TimeUnit.MICROS ? TIMESTAMP_MICROS
                    : timestamp.getUnit() == TimeUnit.MILLIS ? TIMESTAMP_MILLIS : null;
        }
        return decimal(logical, spark) ? DECIMAL_INTEGER : null;
    }

    private static ColumnKind bytes(LogicalTypeAnnotation logical, DataType spark) {
        if (decimal(logical, spark)) {
            return DECIMAL_BYTES;
        }
        boolean text = logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
        if (text) {
            return spark instanceof StringType ? BYTES : null;
        }
        return logical == null && spark instanceof BinaryType ? BYTES : null;
    }

    private static boolean decimal(LogicalTypeAnnotation logical, DataType spark) {
        return logical instanceof DecimalLogicalTypeAnnotation decimal && spark instanceof DecimalType type
                && decimal.getPrecision() == type.precision() && decimal.getScale() == type.scale();
    }
}
