package io.strait.thrift;

import io.strait.common.metastore.ReplicatedCatalog;
import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableConstraint.Kind;
import io.strait.common.metastore.TableRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.apache.hadoop.hive.metastore.api.SQLAllTableConstraints;
import org.apache.hadoop.hive.metastore.api.SQLCheckConstraint;
import org.apache.hadoop.hive.metastore.api.SQLDefaultConstraint;
import org.apache.hadoop.hive.metastore.api.SQLForeignKey;
import org.apache.hadoop.hive.metastore.api.SQLNotNullConstraint;
import org.apache.hadoop.hive.metastore.api.SQLPrimaryKey;
import org.apache.hadoop.hive.metastore.api.SQLUniqueConstraint;

/**
 * Table constraints between the metastore's Thrift rows ({@code SQLPrimaryKey}, {@code SQLForeignKey},
 * {@code SQLUniqueConstraint}, {@code SQLNotNullConstraint}, {@code SQLDefaultConstraint}, {@code SQLCheckConstraint}:
 * one row per column of a constraint) and {@link TableConstraint} (one per constraint name).
 *
 * <p>Reading, the rows of one name make one constraint: a key's columns (and a foreign key's parent columns) in the
 * order of their {@code key_seq}, whatever the order of the rows; the columns of a {@code CHECK} constraint over
 * several columns (rows without a sequence) sorted by name, so equal constraints read equally. A foreign key's parent is
 * {@code pktable_db.pktable_name} and its {@code pk_name} the parent key it refers to. Writing, a constraint becomes
 * the rows of one add call, on the given table, in catalog {@value ReplicatedCatalog#NAME}, with key sequences from 1.
 * Names are kept as given: the metastore stores identifiers in lower case, so constraints read from one are.
 */
public final class ThriftConstraints {
    private ThriftConstraints() {
    }

    /** The table's constraints in {@link TableConstraint#ORDER}; {@code null} lists are none. */
    public static List<TableConstraint> toConstraints(SQLAllTableConstraints all) {
        List<TableConstraint> constraints = new ArrayList<>();
        constraints.addAll(grouped(all.getPrimaryKeys(), SQLPrimaryKey::getPk_name, SQLPrimaryKey::getKey_seq,
                rows -> {
                    SQLPrimaryKey first = rows.get(0);
                    return new TableConstraint(Kind.PRIMARY_KEY, first.getPk_name(),
                            columns(rows, SQLPrimaryKey::getColumn_name), "", List.of(), "", "", 0, 0,
                            first.isEnable_cstr(), first.isValidate_cstr(), first.isRely_cstr());
                }));
        constraints.addAll(grouped(all.getUniqueConstraints(), SQLUniqueConstraint::getUk_name,
                SQLUniqueConstraint::getKey_seq, rows -> {
                    SQLUniqueConstraint first = rows.get(0);
                    return new TableConstraint(Kind.UNIQUE, first.getUk_name(),
                            columns(rows, SQLUniqueConstraint::getColumn_name), "", List.of(), "", "", 0, 0,
                            first.isEnable_cstr(), first.isValidate_cstr(), first.isRely_cstr());
                }));
        constraints.addAll(grouped(all.getForeignKeys(), SQLForeignKey::getFk_name, SQLForeignKey::getKey_seq,
                rows -> {
                    SQLForeignKey first = rows.get(0);
                    return new TableConstraint(Kind.FOREIGN_KEY, first.getFk_name(),
                            columns(rows, SQLForeignKey::getFkcolumn_name),
                            first.getPktable_db() + "." + first.getPktable_name(),
                            columns(rows, SQLForeignKey::getPkcolumn_name), first.getPk_name(), "",
                            first.getUpdate_rule(), first.getDelete_rule(), first.isEnable_cstr(),
                            first.isValidate_cstr(), first.isRely_cstr());
                }));
        constraints.addAll(grouped(all.getNotNullConstraints(), SQLNotNullConstraint::getNn_name, row -> 0,
                rows -> {
                    SQLNotNullConstraint first = rows.get(0);
                    return new TableConstraint(Kind.NOT_NULL, first.getNn_name(),
                            sortedColumns(rows, SQLNotNullConstraint::getColumn_name), "", List.of(), "", "", 0, 0,
                            first.isEnable_cstr(), first.isValidate_cstr(), first.isRely_cstr());
                }));
        constraints.addAll(grouped(all.getDefaultConstraints(), SQLDefaultConstraint::getDc_name, row -> 0,
                rows -> {
                    SQLDefaultConstraint first = rows.get(0);
                    return new TableConstraint(Kind.DEFAULT, first.getDc_name(),
                            sortedColumns(rows, SQLDefaultConstraint::getColumn_name), "", List.of(), "",
                            first.getDefault_value(), 0, 0, first.isEnable_cstr(), first.isValidate_cstr(),
                            first.isRely_cstr());
                }));
        constraints.addAll(grouped(all.getCheckConstraints(), SQLCheckConstraint::getDc_name, row -> 0,
                rows -> {
                    SQLCheckConstraint first = rows.get(0);
                    return new TableConstraint(Kind.CHECK, first.getDc_name(),
                            sortedColumns(rows, SQLCheckConstraint::getColumn_name), "", List.of(), "",
                            first.getCheck_expression(), 0, 0, first.isEnable_cstr(), first.isValidate_cstr(),
                            first.isRely_cstr());
                }));
        return TableConstraint.sorted(constraints);
    }

    /**
     * The rows that add {@code constraint} to {@code table}: one list of {@code SQLAllTableConstraints} is set, the
     * one of the constraint's kind (the argument of that kind's add call).
     */
    public static SQLAllTableConstraints toThrift(TableRef table, TableConstraint constraint) {
        SQLAllTableConstraints rows = new SQLAllTableConstraints();
        String db = table.database();
        String name = table.table();
        List<String> columns = constraint.columns();
        switch (constraint.kind()) {
            case PRIMARY_KEY -> {
                List<SQLPrimaryKey> keys = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    SQLPrimaryKey row = new SQLPrimaryKey(db, name, columns.get(i), i + 1, constraint.name(),
                            constraint.enabled(), constraint.validated(), constraint.relied());
                    row.setCatName(ReplicatedCatalog.NAME);
                    keys.add(row);
                }
                rows.setPrimaryKeys(keys);
            }
            case UNIQUE -> {
                List<SQLUniqueConstraint> keys = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    keys.add(new SQLUniqueConstraint(ReplicatedCatalog.NAME, db, name, columns.get(i), i + 1,
                            constraint.name(), constraint.enabled(), constraint.validated(), constraint.relied()));
                }
                rows.setUniqueConstraints(keys);
            }
            case FOREIGN_KEY -> {
                if (constraint.referencedColumns().size() != columns.size()) {
                    throw new IllegalArgumentException("foreign key " + constraint.name() + " has "
                            + columns.size() + " column(s) but " + constraint.referencedColumns().size()
                            + " parent column(s)");
                }
                int dot = constraint.referencedTable().indexOf('.');
                if (dot <= 0 || dot == constraint.referencedTable().length() - 1) {
                    throw new IllegalArgumentException("foreign key " + constraint.name()
                            + " names no parent table db.table: '" + constraint.referencedTable() + "'");
                }
                String parentDb = constraint.referencedTable().substring(0, dot);
                String parentTable = constraint.referencedTable().substring(dot + 1);
                List<SQLForeignKey> keys = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    SQLForeignKey row = new SQLForeignKey(parentDb, parentTable,
                            constraint.referencedColumns().get(i), db, name, columns.get(i), i + 1,
                            constraint.updateRule(), constraint.deleteRule(), constraint.name(),
                            constraint.referencedConstraint().isEmpty() ? null : constraint.referencedConstraint(),
                            constraint.enabled(), constraint.validated(), constraint.relied());
                    row.setCatName(ReplicatedCatalog.NAME);
                    keys.add(row);
                }
                rows.setForeignKeys(keys);
            }
            case NOT_NULL -> rows.setNotNullConstraints(columns.stream()
                    .map(column -> new SQLNotNullConstraint(ReplicatedCatalog.NAME, db, name, column,
                            constraint.name(), constraint.enabled(), constraint.validated(), constraint.relied()))
                    .toList());
            case DEFAULT -> rows.setDefaultConstraints(columns.stream()
                    .map(column -> new SQLDefaultConstraint(ReplicatedCatalog.NAME, db, name, column,
                            constraint.value(), constraint.name(), constraint.enabled(), constraint.validated(),
                            constraint.relied()))
                    .toList());
            // a CHECK constraint that names no column is one row without a column
            case CHECK -> rows.setCheckConstraints((columns.isEmpty() ? Collections.<String>singletonList(null)
                    : columns).stream()
                    .map(column -> new SQLCheckConstraint(ReplicatedCatalog.NAME, db, name, column,
                            constraint.value(), constraint.name(), constraint.enabled(), constraint.validated(),
                            constraint.relied()))
                    .toList());
            default -> throw new IllegalArgumentException("unknown constraint kind " + constraint.kind());
        }
        return rows;
    }

    /** The rows of each name (in the order names first appear), each group sorted by {@code sequence}. */
    private static <R> List<TableConstraint> grouped(List<R> rows, Function<R, String> name,
            ToIntFunction<R> sequence, Function<List<R>, TableConstraint> constraint) {
        if (rows == null || rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<R>> byName = new LinkedHashMap<>();
        for (R row : rows) {
            byName.computeIfAbsent(name.apply(row), key -> new ArrayList<>()).add(row);
        }
        List<TableConstraint> constraints = new ArrayList<>();
        for (List<R> group : byName.values()) {
            group.sort(Comparator.comparingInt(sequence));
            constraints.add(constraint.apply(group));
        }
        return constraints;
    }

    private static <R> List<String> columns(List<R> rows, Function<R, String> column) {
        return rows.stream().map(column).toList();
    }

    /** The columns of a constraint whose rows carry no sequence, sorted; a row without a column names none. */
    private static <R> List<String> sortedColumns(List<R> rows, Function<R, String> column) {
        return rows.stream().map(column).filter(name -> name != null && !name.isEmpty()).distinct().sorted()
                .toList();
    }
}
