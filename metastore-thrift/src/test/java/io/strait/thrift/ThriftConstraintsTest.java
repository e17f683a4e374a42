package io.strait.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableConstraint.Kind;
import io.strait.common.metastore.TableRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.hive.metastore.api.SQLAllTableConstraints;
import org.apache.hadoop.hive.metastore.api.SQLCheckConstraint;
import org.apache.hadoop.hive.metastore.api.SQLDefaultConstraint;
import org.apache.hadoop.hive.metastore.api.SQLForeignKey;
import org.apache.hadoop.hive.metastore.api.SQLNotNullConstraint;
import org.apache.hadoop.hive.metastore.api.SQLPrimaryKey;
import org.apache.hadoop.hive.metastore.api.SQLUniqueConstraint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ThriftConstraintsTest {
    private static final TableRef ORDERS = TableRef.of("shop", "orders");

    static Stream<Arguments> everyKind() {
        return Stream.of(
                Arguments.of("primary key, one column",
                        new TableConstraint(Kind.PRIMARY_KEY, "pk_orders", List.of("id"), "", List.of(), "", "", 0, 0,
                                false, false, true)),
                Arguments.of("primary key, columns not in table order",
                        new TableConstraint(Kind.PRIMARY_KEY, "pk_orders", List.of("region", "id", "day"), "",
                                List.of(), "", "", 0, 0, true, true, false)),
                Arguments.of("unique key",
                        new TableConstraint(Kind.UNIQUE, "uk_orders_ref", List.of("ref", "channel"), "", List.of(),
                                "", "", 0, 0, false, false, false)),
                Arguments.of("foreign key with rules and parent key",
                        new TableConstraint(Kind.FOREIGN_KEY, "fk_orders_customer", List.of("cust_region", "cust_id"),
                                "crm.customers", List.of("region", "id"), "pk_customers", "", 1, 2, false, false,
                                true)),
                Arguments.of("foreign key without parent key name",
                        new TableConstraint(Kind.FOREIGN_KEY, "fk_orders_item", List.of("item"), "shop.items",
                                List.of("id"), "", "", 0, 0, true, false, false)),
                Arguments.of("not null",
                        new TableConstraint(Kind.NOT_NULL, "nn_orders_id", List.of("id"), "", List.of(), "", "", 0,
                                0, true, true, true)),
                Arguments.of("default",
                        new TableConstraint(Kind.DEFAULT, "df_orders_channel", List.of("channel"), "", List.of(), "",
                                "'web'", 0, 0, true, false, false)),
                Arguments.of("check on a column",
                        new TableConstraint(Kind.CHECK, "ck_orders_amount", List.of("amount"), "", List.of(), "",
                                "amount > 0", 0, 0, true, false, true)),
                Arguments.of("check on no column",
                        new TableConstraint(Kind.CHECK, "ck_orders_dates", List.of(), "", List.of(), "",
                                "shipped >= ordered", 0, 0, false, false, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void everyKindRoundTripsWithItsFlagsAndRules(String description, TableConstraint constraint) {
        SQLAllTableConstraints rows = ThriftConstraints.toThrift(ORDERS, constraint);

        assertThat(ThriftConstraints.toConstraints(rows)).containsExactly(constraint);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void rowsAreOnTheTargetTableInTheHiveCatalogWithKeySequencesFromOne(String description,
            TableConstraint constraint) {
        SQLAllTableConstraints rows = ThriftConstraints.toThrift(ORDERS, constraint);

        int size = Math.max(1, constraint.columns().size());
        switch (constraint.kind()) {
            case PRIMARY_KEY -> {
                assertThat(rows.getPrimaryKeys()).hasSize(size).allSatisfy(row -> {
                    assertThat(row.getCatName()).isEqualTo("hive");
                    assertThat(row.getTable_db() + "." + row.getTable_name()).isEqualTo("shop.orders");
                });
                assertThat(rows.getPrimaryKeys()).extracting(SQLPrimaryKey::getKey_seq)
                        .containsExactly(sequence(size));
            }
            case UNIQUE -> {
                assertThat(rows.getUniqueConstraints()).hasSize(size).allSatisfy(row -> {
                    assertThat(row.getCatName()).isEqualTo("hive");
                    assertThat(row.getTable_db() + "." + row.getTable_name()).isEqualTo("shop.orders");
                });
                assertThat(rows.getUniqueConstraints()).extracting(SQLUniqueConstraint::getKey_seq)
                        .containsExactly(sequence(size));
            }
            case FOREIGN_KEY -> {
                assertThat(rows.getForeignKeys()).hasSize(size).allSatisfy(row -> {
                    assertThat(row.getCatName()).isEqualTo("hive");
                    assertThat(row.getFktable_db() + "." + row.getFktable_name()).isEqualTo("shop.orders");
                    assertThat(row.getPktable_db() + "." + row.getPktable_name())
                            .isEqualTo(constraint.referencedTable());
                });
                assertThat(rows.getForeignKeys()).extracting(SQLForeignKey::getKey_seq)
                        .containsExactly(sequence(size));
            }
            case NOT_NULL -> assertThat(rows.getNotNullConstraints()).hasSize(size).allSatisfy(row -> {
                assertThat(row.getCatName()).isEqualTo("hive");
                assertThat(row.getTable_db() + "." + row.getTable_name()).isEqualTo("shop.orders");
            });
            case DEFAULT -> assertThat(rows.getDefaultConstraints()).hasSize(size).allSatisfy(row -> {
                assertThat(row.getCatName()).isEqualTo("hive");
                assertThat(row.getTable_db() + "." + row.getTable_name()).isEqualTo("shop.orders");
            });
            case CHECK -> assertThat(rows.getCheckConstraints()).hasSize(size).allSatisfy(row -> {
                assertThat(row.getCatName()).isEqualTo("hive");
                assertThat(row.getTable_db() + "." + row.getTable_name()).isEqualTo("shop.orders");
            });
            default -> throw new AssertionError(constraint.kind());
        }
        // only the list of the constraint's kind is set: it is the argument of one add call
        int setLists = (rows.isSetPrimaryKeys() ? 1 : 0) + (rows.isSetUniqueConstraints() ? 1 : 0)
                + (rows.isSetForeignKeys() ? 1 : 0) + (rows.isSetNotNullConstraints() ? 1 : 0)
                + (rows.isSetDefaultConstraints() ? 1 : 0) + (rows.isSetCheckConstraints() ? 1 : 0);
        assertThat(setLists).isEqualTo(1);
    }

    static Stream<Arguments> rowOrders() {
        return Stream.of(Arguments.of(List.of(1, 2, 3)), Arguments.of(List.of(3, 2, 1)),
                Arguments.of(List.of(2, 3, 1)));
    }

    @ParameterizedTest(name = "rows in key_seq order {0}")
    @MethodSource("rowOrders")
    void multiColumnKeysKeepKeyOrderWhateverTheRowOrder(List<Integer> rowOrder) {
        // key order region, id, day; the table's column order is another (id, day, region)
        List<String> keyColumns = List.of("region", "id", "day");
        List<String> parentColumns = List.of("p_region", "p_id", "p_day");
        SQLAllTableConstraints all = new SQLAllTableConstraints();
        all.setPrimaryKeys(new ArrayList<>());
        all.setUniqueConstraints(new ArrayList<>());
        all.setForeignKeys(new ArrayList<>());
        for (int seq : rowOrder) {
            all.addToPrimaryKeys(new SQLPrimaryKey("shop", "orders", keyColumns.get(seq - 1), seq, "pk_orders", true,
                    false, true));
            all.addToUniqueConstraints(new SQLUniqueConstraint("hive", "shop", "orders", keyColumns.get(seq - 1), seq,
                    "uk_orders", false, false, false));
            all.addToForeignKeys(new SQLForeignKey("shop", "parents", parentColumns.get(seq - 1), "shop", "orders",
                    keyColumns.get(seq - 1), seq, 0, 0, "fk_orders_parent", "pk_parents", false, false, true));
        }

        List<TableConstraint> read = ThriftConstraints.toConstraints(all);

        assertThat(read).extracting(TableConstraint::kind)
                .containsExactly(Kind.PRIMARY_KEY, Kind.UNIQUE, Kind.FOREIGN_KEY);
        assertThat(read).allSatisfy(constraint -> assertThat(constraint.columns()).isEqualTo(keyColumns));
        assertThat(read.get(2).referencedColumns()).isEqualTo(parentColumns);
        assertThat(read.get(2).referencedTable()).isEqualTo("shop.parents");
        assertThat(read.get(2).referencedConstraint()).isEqualTo("pk_parents");
        assertThat(read.get(0).relied()).isTrue();
        assertThat(read.get(0).enabled()).isTrue();
        assertThat(read.get(0).validated()).isFalse();
    }

    @Test
    void rowsOfSeveralConstraintsMakeOneConstraintEachInKindThenNameOrder() {
        List<TableConstraint> wanted = new ArrayList<>(everyKind()
                .map(arguments -> (TableConstraint) arguments.get()[1])
                .filter(constraint -> !(constraint.kind() == Kind.PRIMARY_KEY
                        && constraint.columns().size() == 1))
                .toList());
        SQLAllTableConstraints all = new SQLAllTableConstraints();
        all.setPrimaryKeys(new ArrayList<>());
        all.setUniqueConstraints(new ArrayList<>());
        all.setForeignKeys(new ArrayList<>());
        all.setNotNullConstraints(new ArrayList<>());
        all.setDefaultConstraints(new ArrayList<>());
        all.setCheckConstraints(new ArrayList<>());
        for (TableConstraint constraint : wanted) {
            SQLAllTableConstraints rows = ThriftConstraints.toThrift(ORDERS, constraint);
            addAll(all.getPrimaryKeys(), rows.getPrimaryKeys());
            addAll(all.getUniqueConstraints(), rows.getUniqueConstraints());
            addAll(all.getForeignKeys(), rows.getForeignKeys());
            addAll(all.getNotNullConstraints(), rows.getNotNullConstraints());
            addAll(all.getDefaultConstraints(), rows.getDefaultConstraints());
            addAll(all.getCheckConstraints(), rows.getCheckConstraints());
        }
        Collections.reverse(all.getForeignKeys());
        Collections.reverse(all.getCheckConstraints());

        assertThat(ThriftConstraints.toConstraints(all)).isEqualTo(TableConstraint.sorted(wanted));
    }

    @Test
    void aCheckOverSeveralColumnsListsThemSortedAndNoneAreNoConstraints() {
        SQLAllTableConstraints all = new SQLAllTableConstraints();
        all.addToCheckConstraints(new SQLCheckConstraint("hive", "shop", "orders", "shipped", "shipped >= ordered",
                "ck_orders_dates", true, false, false));
        all.addToCheckConstraints(new SQLCheckConstraint("hive", "shop", "orders", "ordered", "shipped >= ordered",
                "ck_orders_dates", true, false, false));
        all.addToNotNullConstraints(new SQLNotNullConstraint("hive", "shop", "orders", "id", "nn_orders_id", true,
                true, false));
        all.addToDefaultConstraints(new SQLDefaultConstraint("hive", "shop", "orders", "channel", "'web'",
                "df_orders_channel", true, false, false));

        assertThat(ThriftConstraints.toConstraints(all)).containsExactly(
                new TableConstraint(Kind.NOT_NULL, "nn_orders_id", List.of("id"), "", List.of(), "", "", 0, 0, true,
                        true, false),
                new TableConstraint(Kind.DEFAULT, "df_orders_channel", List.of("channel"), "", List.of(), "",
                        "'web'", 0, 0, true, false, false),
                new TableConstraint(Kind.CHECK, "ck_orders_dates", List.of("ordered", "shipped"), "", List.of(), "",
                        "shipped >= ordered", 0, 0, true, false, false));
        assertThat(ThriftConstraints.toConstraints(new SQLAllTableConstraints())).isEmpty();
    }

    @Test
    void namesAreKeptAsTheMetastoreStoresThemInLowerCase() {
        SQLAllTableConstraints all = new SQLAllTableConstraints();
        all.addToForeignKeys(new SQLForeignKey("crm", "customers", "id", "shop", "orders", "customer_id", 1, 0, 0,
                "fk_orders_customer", "pk_customers", false, false, true));

        TableConstraint read = ThriftConstraints.toConstraints(all).get(0);

        assertThat(read).isEqualTo(new TableConstraint(Kind.FOREIGN_KEY, "fk_orders_customer",
                List.of("customer_id"), "crm.customers", List.of("id"), "pk_customers", "", 0, 0, false, false,
                true));
        SQLForeignKey row = ThriftConstraints.toThrift(ORDERS, read).getForeignKeys().get(0);
        assertThat(List.of(row.getFk_name(), row.getPk_name(), row.getPktable_db(), row.getPktable_name(),
                row.getPkcolumn_name(), row.getFkcolumn_name()))
                .containsExactly("fk_orders_customer", "pk_customers", "crm", "customers", "id", "customer_id");
    }

    @Test
    void aForeignKeyWithoutAParentTableOrWithUnmatchedColumnsIsRefused() {
        assertThatThrownBy(() -> ThriftConstraints.toThrift(ORDERS, new TableConstraint(Kind.FOREIGN_KEY, "fk_x",
                List.of("a"), "customers", List.of("id"), "", "", 0, 0, false, false, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fk_x");
        assertThatThrownBy(() -> ThriftConstraints.toThrift(ORDERS, new TableConstraint(Kind.FOREIGN_KEY, "fk_y",
                List.of("a", "b"), "crm.customers", List.of("id"), "", "", 0, 0, false, false, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fk_y");
    }

    private static <R> void addAll(List<R> all, List<R> rows) {
        if (rows != null) {
            all.addAll(rows);
        }
    }

    private static Integer[] sequence(int size) {
        Integer[] sequence = new Integer[size];
        for (int i = 0; i < size; i++) {
            sequence[i] = i + 1;
        }
        return sequence;
    }
}
