package io.strait.common.metastore;

import java.util.Locale;
import java.util.Objects;

/** A table by database and name, both lower case as the metastore stores them. */
public record TableRef(String database, String table) implements Comparable<TableRef> {
    public TableRef {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        if (database.isBlank() || table.isBlank()) {
            throw new IllegalArgumentException("database and table must not be blank");
        }
        database = database.toLowerCase(Locale.ROOT);
        table = table.toLowerCase(Locale.ROOT);
    }

    public static TableRef of(String database, String table) {
        return new TableRef(database, table);
    }

    /** Parses {@code db.table}. */
    public static TableRef parse(String qualifiedName) {
        int dot = qualifiedName == null ? -1 : qualifiedName.indexOf('.');
        if (dot <= 0 || dot == qualifiedName.length() - 1 || qualifiedName.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("Expected <database>.<table>, got '" + qualifiedName + "'");
        }
        return new TableRef(qualifiedName.substring(0, dot), qualifiedName.substring(dot + 1));
    }

    @Override
    public int compareTo(TableRef other) {
        int byDatabase = database.compareTo(other.database);
        return byDatabase != 0 ? byDatabase : table.compareTo(other.table);
    }

    @Override
    public String toString() {
        return database + "." + table;
    }
}
