package io.strait.common.metastore;

import java.util.Objects;

/** A foreign key by where it is: the table holding it (the child) and its name. */
public record ForeignKeyRef(TableRef table, String name) {
    public ForeignKeyRef {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
    }
}
