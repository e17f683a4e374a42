package io.strait.common.job;

import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.TableRef;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The metastore object a job replicates: a database, a table or a partition.
 *
 * @param database the database
 * @param table the table, empty for a database
 * @param partitionValues the partition values, empty for a database or a table
 */
public record ObjectRef(String database, String table, List<String> partitionValues) {
    public enum Level { DATABASE, TABLE, PARTITION }

    public ObjectRef {
        Objects.requireNonNull(database, "database");
        database = database.toLowerCase(Locale.ROOT);
        table = table == null ? "" : table.toLowerCase(Locale.ROOT);
        partitionValues = List.copyOf(Objects.requireNonNullElse(partitionValues, List.of()));
        if (table.isEmpty() && !partitionValues.isEmpty()) {
            throw new IllegalArgumentException("a partition needs a table");
        }
    }

    public static ObjectRef database(String database) {
        return new ObjectRef(database, "", List.of());
    }

    public static ObjectRef table(TableRef table) {
        return new ObjectRef(table.database(), table.table(), List.of());
    }

    public static ObjectRef partition(PartitionRef partition) {
        return new ObjectRef(partition.table().database(), partition.table().table(), partition.values());
    }

    public Level level() {
        if (table.isEmpty()) {
            return Level.DATABASE;
        }
        return partitionValues.isEmpty() ? Level.TABLE : Level.PARTITION;
    }

    public TableRef tableRef() {
        if (table.isEmpty()) {
            throw new IllegalStateException(this + " is a database, not a table");
        }
        return new TableRef(database, table);
    }

    public PartitionRef partitionRef() {
        return new PartitionRef(tableRef(), partitionValues);
    }

    @Override
    public String toString() {
        return switch (level()) {
            case DATABASE -> database;
            case TABLE -> database + "." + table;
            case PARTITION -> database + "." + table + "/" + String.join("/", partitionValues);
        };
    }
}
