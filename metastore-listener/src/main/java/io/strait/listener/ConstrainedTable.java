package io.strait.listener;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A table whose constraints a metastore call added, named by the call's constraint rows: each row names its table
 * (a foreign key its child table), so one call may in principle concern several tables, each recorded once.
 */
record ConstrainedTable(String catalog, String database, String table) {

    /** The tables of {@code rows} (null tolerated: none), each once, in the order of their first row. */
    static <R> List<ConstrainedTable> of(List<R> rows, Function<R, String> catalog, Function<R, String> database,
            Function<R, String> table) {
        if (rows == null) {
            return List.of();
        }
        Set<ConstrainedTable> tables = new LinkedHashSet<>();
        for (R row : rows) {
            if (row != null) {
                tables.add(new ConstrainedTable(lower(catalog.apply(row)), lower(database.apply(row)),
                        lower(table.apply(row))));
            }
        }
        return new ArrayList<>(tables);
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
