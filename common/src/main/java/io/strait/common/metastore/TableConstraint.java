package io.strait.common.metastore;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One constraint of a table, as a Hive metastore keeps it apart from the table ({@code get_primary_keys},
 * {@code get_foreign_keys}, ...): a primary, foreign or unique key, or a {@code NOT NULL}, {@code DEFAULT} or
 * {@code CHECK} constraint. Hive enforces {@code NOT NULL}, {@code DEFAULT} and {@code CHECK} on its writes, and its
 * optimizer uses keys declared {@code RELY}, so a replica carries its source's constraints, field by field.
 *
 * @param kind what the constraint is
 * @param name its name (unique in its database)
 * @param columns the table's columns it is on, in key order (one for {@code NOT NULL} and {@code DEFAULT}; none for
 *     a {@code CHECK} constraint that names no column)
 * @param referencedTable a foreign key's parent table ({@code db.table}); {@code ""} for the other kinds
 * @param referencedColumns a foreign key's parent columns, in key order; empty for the other kinds
 * @param referencedConstraint the name of the parent's primary or unique key a foreign key refers to, or {@code ""}
 * @param value a {@code DEFAULT} constraint's value or a {@code CHECK} constraint's expression; {@code ""} otherwise
 * @param updateRule a foreign key's update rule as the metastore holds it (0 for the other kinds)
 * @param deleteRule a foreign key's delete rule as the metastore holds it (0 for the other kinds)
 * @param enabled {@code ENABLE}
 * @param validated {@code VALIDATE}
 * @param relied {@code RELY}
 */
public record TableConstraint(Kind kind, String name, List<String> columns, String referencedTable,
        List<String> referencedColumns, String referencedConstraint, String value, int updateRule, int deleteRule,
        boolean enabled, boolean validated, boolean relied) {

    /** The kinds, in the order a replica gets them: the keys a foreign key refers to come before it. */
    public enum Kind {
        PRIMARY_KEY, UNIQUE, FOREIGN_KEY, NOT_NULL, DEFAULT, CHECK
    }

    /** The order of a table's constraints wherever they are listed or compared: by kind, then by name. */
    public static final Comparator<TableConstraint> ORDER = Comparator.comparing(TableConstraint::kind)
            .thenComparing(TableConstraint::name);

    public TableConstraint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(Objects.requireNonNullElse(columns, List.of()));
        referencedTable = Objects.requireNonNullElse(referencedTable, "");
        referencedColumns = List.copyOf(Objects.requireNonNullElse(referencedColumns, List.of()));
        referencedConstraint = Objects.requireNonNullElse(referencedConstraint, "");
        value = Objects.requireNonNullElse(value, "");
    }

    /** Whether this is a key a foreign key can refer to: a primary or unique key. */
    public boolean isKey() {
        return kind == Kind.PRIMARY_KEY || kind == Kind.UNIQUE;
    }

    /** {@code constraints} in {@link #ORDER}. */
    public static List<TableConstraint> sorted(List<TableConstraint> constraints) {
        return constraints.stream().sorted(ORDER).toList();
    }

    /** How the constraint reads in a report, e.g. {@code PRIMARY_KEY pk_orders (id) DISABLE NOVALIDATE RELY}. */
    public String describe() {
        StringBuilder text = new StringBuilder(kind + " " + name + " (" + String.join(", ", columns) + ")");
        if (kind == Kind.FOREIGN_KEY) {
            text.append(" REFERENCES ").append(referencedTable).append(" (")
                    .append(String.join(", ", referencedColumns)).append(")");
            if (!referencedConstraint.isEmpty()) {
                text.append(" KEY ").append(referencedConstraint);
            }
            text.append(" RULES ").append(updateRule).append("/").append(deleteRule);
        }
        if (!value.isEmpty()) {
            text.append(kind == Kind.CHECK ? " CHECK " : " DEFAULT ").append(value);
        }
        text.append(enabled ? " ENABLE" : " DISABLE").append(validated ? " VALIDATE" : " NOVALIDATE")
                .append(relied ? " RELY" : " NORELY");
        return text.toString();
    }
}
