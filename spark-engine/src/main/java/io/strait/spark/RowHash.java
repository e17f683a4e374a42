package io.strait.spark;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.isnull;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.transform_values;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The row hash of the row-level reconcile, as Spark SQL expressions only (whole-stage code generation evaluates
 * them on the scan's column batches): {@code xxhash64} over every column, each followed by its null flag (Spark's
 * hash skips nulls, so without the flags {@code (null, 1)} and {@code (1, null)} would hash alike).
 *
 * <p>A map has no order and Spark does not hash maps: a map column is hashed (and compared) as its entries sorted
 * ({@code array_sort(map_entries(m))}), maps inside arrays, structs and map values alike, so two maps with the same
 * entries in another order hash alike.
 */
final class RowHash {
    private RowHash() {
    }

    /** {@code column} (of {@code type}) in a form Spark can hash and compare: maps as their sorted entries. */
    static Column hashable(Column column, DataType type) {
        if (!containsMap(type)) {
            return column;
        }
        if (type instanceof MapType map) {
            Column values = containsMap(map.valueType())
                    ? transform_values(column, (key, value) -> hashable(value, map.valueType())) : column;
            return array_sort(map_entries(values));
        }
        if (type instanceof ArrayType array) {
            return transform(column, element -> hashable(element, array.elementType()));
        }
        StructType struct = (StructType) type;
        List<Column> fields = new ArrayList<>();
        for (StructField field : struct.fields()) {
            fields.add(hashable(column.getField(field.name()), field.dataType()).as(field.name()));
        }
        return when(column.isNull(), lit(null)).otherwise(struct(fields.toArray(Column[]::new)));
    }

    static boolean containsMap(DataType type) {
        if (type instanceof MapType) {
            return true;
        }
        if (type instanceof ArrayType array) {
            return containsMap(array.elementType());
        }
        if (type instanceof StructType struct) {
            for (StructField field : struct.fields()) {
                if (containsMap(field.dataType())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The hash of a row of {@code columns} (already {@link #hashable}); 0 for a row without columns. */
    static Column of(List<Column> columns) {
        if (columns.isEmpty()) {
            return lit(0L);
        }
        List<Column> hashed = new ArrayList<>();
        for (Column column : columns) {
            hashed.add(column);
            hashed.add(isnull(column));
        }
        return xxhash64(hashed.toArray(Column[]::new));
    }

    /**
     * A value read from a {@link #hashable} column of {@code type} as text: maps {@code {k=v, ...}} (entries sorted),
     * arrays {@code [a, b]}, structs {@code {field=value, ...}}, binaries in hexadecimal {@code 0x0a1b}.
     */
    static String render(Object value, DataType type) {
        if (value == null) {
            return "null";
        }
        if (type instanceof MapType map && value instanceof scala.collection.Seq<?> entries) {
            List<String> text = new ArrayList<>();
            for (Object entry : scala.jdk.javaapi.CollectionConverters.asJava(entries)) {
                Row pair = (Row) entry;
                text.add(render(pair.get(0), map.keyType()) + "=" + render(pair.get(1), map.valueType()));
            }
            return "{" + String.join(", ", text) + "}";
        }
        if (type instanceof ArrayType array && value instanceof scala.collection.Seq<?> elements) {
            List<String> text = new ArrayList<>();
            for (Object element : scala.jdk.javaapi.CollectionConverters.asJava(elements)) {
                text.add(render(element, array.elementType()));
            }
            return "[" + String.join(", ", text) + "]";
        }
        if (type instanceof StructType struct && value instanceof Row row) {
            List<String> text = new ArrayList<>();
            for (int i = 0; i < struct.fields().length && i < row.length(); i++) {
                text.add(struct.fields()[i].name() + "=" + render(row.get(i), struct.fields()[i].dataType()));
            }
            return "{" + String.join(", ", text) + "}";
        }
        if (value instanceof byte[] bytes) {
            return "0x" + java.util.HexFormat.of().formatHex(bytes);
        }
        return String.valueOf(value);
    }
}
