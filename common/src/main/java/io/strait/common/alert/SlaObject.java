package io.strait.common.alert;

import java.util.Objects;

/**
 * What an SLA alert is about: a table ({@code partition} empty) or one partition (its values joined by {@code /})
 * replicated by a link.
 */
public record SlaObject(String link, String database, String table, String partition) {
    public SlaObject {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(database, "database");
        table = Objects.requireNonNullElse(table, "");
        partition = Objects.requireNonNullElse(partition, "");
    }

    /** {@code db.table} ({@code db} for a database-level change). */
    public String qualifiedTable() {
        return table.isEmpty() ? database : database + "." + table;
    }

    /** A stable key of the object, unique among the objects of every link. */
    public String key() {
        return link + "\u0000" + database + "\u0000" + table + "\u0000" + partition;
    }

    @Override
    public String toString() {
        return "link " + link + " table " + qualifiedTable() + (partition.isEmpty() ? "" : " partition " + partition);
    }
}
