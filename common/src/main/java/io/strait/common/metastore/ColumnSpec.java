package io.strait.common.metastore;

import java.util.Objects;

/** A column: name, Hive type string and comment (empty when none). */
public record ColumnSpec(String name, String type, String comment) {
    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        comment = comment == null ? "" : comment;
    }

    public static ColumnSpec of(String name, String type) {
        return new ColumnSpec(name, type, "");
    }
}
