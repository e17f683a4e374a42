package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.MICROS;
import static org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.MILLIS;
import static org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.NANOS;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FLOAT;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT96;

import java.util.List;
import java.util.Optional;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which Parquet columns the digest reads as which Spark type, and which send the table to the Spark SQL path. */
class ColumnKindTest {
    record Case(Type parquet, DataType spark, ColumnKind expected) {
        @Override
        public String toString() {
            return parquet + " as " + spark.simpleString() + " -> " + expected;
        }
    }

    private static Type column(PrimitiveTypeName type, LogicalTypeAnnotation logical) {
        return Types.optional(type).as(logical).named("c");
    }

    private static Type fixed(int length, LogicalTypeAnnotation logical) {
        return Types.optional(FIXED_LEN_BYTE_ARRAY).length(length).as(logical).named("c");
    }

    static List<Case> cases() {
        return List.of(
                new Case(column(BOOLEAN, null), DataTypes.BooleanType, ColumnKind.INTEGER),
                new Case(column(INT32, null), DataTypes.IntegerType, ColumnKind.INTEGER),
                new Case(column(INT32, null), DataTypes.LongType, null),
                new Case(column(INT32, LogicalTypeAnnotation.intType(8, true)), DataTypes.ByteType,
                        ColumnKind.INTEGER),
                new Case(column(INT32, LogicalTypeAnnotation.intType(16, true)), DataTypes.ShortType,
                        ColumnKind.INTEGER),
                new Case(column(INT32, LogicalTypeAnnotation.intType(32, false)), DataTypes.LongType, null),
                new Case(column(INT32, LogicalTypeAnnotation.dateType()), DataTypes.DateType, ColumnKind.INTEGER),
                new Case(column(INT32, LogicalTypeAnnotation.decimalType(2, 9)), DataTypes.createDecimalType(9, 2),
                        ColumnKind.DECIMAL_INTEGER),
                new Case(column(INT32, LogicalTypeAnnotation.decimalType(2, 9)), DataTypes.createDecimalType(10, 2),
                        null),
                new Case(column(INT64, null), DataTypes.LongType, ColumnKind.INTEGER),
                new Case(column(INT64, LogicalTypeAnnotation.intType(64, false)), DataTypes.LongType, null),
                new Case(column(INT64, LogicalTypeAnnotation.decimalType(4, 18)),
                        DataTypes.createDecimalType(18, 4), ColumnKind.DECIMAL_INTEGER),
                new Case(column(INT64, LogicalTypeAnnotation.timestampType(true, MICROS)), DataTypes.TimestampType,
                        ColumnKind.TIMESTAMP_MICROS),
                new Case(column(INT64, LogicalTypeAnnotation.timestampType(true, MILLIS)), DataTypes.TimestampType,
                        ColumnKind.TIMESTAMP_MILLIS),
                new Case(column(INT64, LogicalTypeAnnotation.timestampType(true, NANOS)), DataTypes.TimestampType,
                        null),
                new Case(column(INT64, LogicalTypeAnnotation.timestampType(false, MICROS)),
                        DataTypes.TimestampNTZType, ColumnKind.TIMESTAMP_MICROS),
                new Case(column(INT64, LogicalTypeAnnotation.timestampType(true, MICROS)),
                        DataTypes.TimestampNTZType, null),
                new Case(column(INT96, null), DataTypes.TimestampType, ColumnKind.TIMESTAMP_INT96),
                new Case(column(FLOAT, null), DataTypes.FloatType, ColumnKind.FLOAT),
                new Case(column(DOUBLE, null), DataTypes.DoubleType, ColumnKind.DOUBLE),
                new Case(column(DOUBLE, null), DataTypes.FloatType, null),
                new Case(column(BINARY, LogicalTypeAnnotation.stringType()), DataTypes.StringType, ColumnKind.BYTES),
                new Case(column(BINARY, null), DataTypes.BinaryType, ColumnKind.BYTES),
                new Case(column(BINARY, null), DataTypes.StringType, null),
                new Case(column(BINARY, LogicalTypeAnnotation.decimalType(5, 30)),
                        DataTypes.createDecimalType(30, 5), ColumnKind.DECIMAL_BYTES),
                new Case(fixed(16, LogicalTypeAnnotation.decimalType(5, 30)), DataTypes.createDecimalType(30, 5),
                        ColumnKind.DECIMAL_BYTES),
                new Case(fixed(16, LogicalTypeAnnotation.uuidType()), DataTypes.StringType, null),
                new Case(Types.repeated(INT32).named("c"), DataTypes.IntegerType, null),
                new Case(Types.optionalGroup().optional(INT32).named("x").named("c"), DataTypes.IntegerType, null));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theKindOfAColumnIsDecidedByBothTypes(Case c) {
        assertThat(ColumnKind.of(c.parquet(), c.spark())).isEqualTo(Optional.ofNullable(c.expected()));
    }
}
