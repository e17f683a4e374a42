package io.strait.common.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.region.RegionId;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class InMemoryMetastoreGatewayTest {
    private static final TableRef ORDERS = TableRef.of("sales", "orders");
    private static final TableRef CUSTOMERS = TableRef.of("sales", "customers");

    private final InMemoryMetastoreGateway metastore = new InMemoryMetastoreGateway(RegionId.of("eu-west"));

    @Test
    void alteringADatabaseReplacesDescriptionParametersAndAGivenLocation() {
        metastore.createDatabase(new DatabaseSnapshot("sales", "file:/b/sales.db", "old", Map.of("a", "1")));

        metastore.alterDatabase(new DatabaseSnapshot("SALES", "", "new", Map.of("b", "2")));

        assertThat(metastore.getDatabase("sales")).as("no location given: kept").contains(
                new DatabaseSnapshot("sales", "file:/b/sales.db", "new", Map.of("b", "2")));
        metastore.alterDatabase(new DatabaseSnapshot("SALES", "file:/elsewhere", "new", Map.of("b", "2")));
        assertThat(metastore.getDatabase("sales")).contains(
                new DatabaseSnapshot("sales", "file:/elsewhere", "new", Map.of("b", "2")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> metastore.alterDatabase(
                new DatabaseSnapshot("absent", "", "", Map.of())))
                .isInstanceOf(io.strait.common.error.StraitException.class).hasMessageContaining("absent");
    }

    @Test
    void storesAndReturnsDatabasesTablesAndPartitions() {
        metastore.createDatabase(database("sales"));
        metastore.createTable(partitioned(ORDERS));
        metastore.addPartition(partition(ORDERS, "2024-01-02"));
        assertThat(metastore.region()).isEqualTo(RegionId.of("eu-west"));
        assertThat(metastore.getDatabase("sales")).contains(database("sales"));
        assertThat(metastore.getTable(ORDERS)).contains(partitioned(ORDERS));
        assertThat(metastore.getPartition(PartitionRef.of(ORDERS, List.of("2024-01-02"))))
                .contains(partition(ORDERS, "2024-01-02"));
    }

    @Test
    void partitionsAreDroppedTogetherAllOrNone() {
        metastore.createDatabase(database("sales"));
        metastore.createTable(partitioned(ORDERS));
        for (String day : List.of("d1", "d2", "d3")) {
            metastore.addPartition(partition(ORDERS, day));
        }
        TableSnapshot table = metastore.getTable(ORDERS).orElseThrow();
        PartitionRef d1 = PartitionRef.of(ORDERS, List.of("d1"));
        PartitionRef d2 = PartitionRef.of(ORDERS, List.of("d2"));

        assertThatThrownBy(() -> metastore.dropPartitions(table, List.of(d1, PartitionRef.of(ORDERS, List.of("x")))))
                .isInstanceOf(StraitException.class).hasMessageContaining("x");
        assertThat(metastore.listPartitions(ORDERS)).as("a partition not there drops none").hasSize(3);
        assertThatThrownBy(() -> metastore.dropPartitions(table, List.of(d1, d1)))
                .isInstanceOf(StraitException.class);

        metastore.dropPartitions(table, List.of(d1, d2));

        assertThat(metastore.listPartitions(ORDERS)).extracting(partition -> partition.ref().values())
                .containsExactly(List.of("d3"));
    }

    @Test
    void lookupsOfAbsentObjectsAreEmpty() {
        assertThat(metastore.getDatabase("sales")).isEmpty();
        assertThat(metastore.getTable(ORDERS)).isEmpty();
        assertThat(metastore.getPartition(PartitionRef.of(ORDERS, List.of("x")))).isEmpty();
        assertThat(metastore.listTables("sales")).isEmpty();
    }

    @Test
    void tablesAndPartitionsAreListedInOrder() {
        metastore.createDatabase(database("sales"));
        metastore.createDatabase(database("marketing"));
        metastore.createTable(partitioned(ORDERS));
        metastore.createTable(partitioned(CUSTOMERS));
        metastore.createTable(partitioned(TableRef.of("marketing", "events")));
        metastore.addPartition(partition(ORDERS, "2024-01-10"));
        metastore.addPartition(partition(ORDERS, "2024-01-02"));
        metastore.addPartition(partition(ORDERS, "2024-01-09"));
        assertThat(metastore.listTables("sales")).containsExactly("customers", "orders");
        assertThat(metastore.listPartitions(ORDERS)).extracting(partition -> partition.ref().values().get(0))
                .containsExactly("2024-01-02", "2024-01-09", "2024-01-10");
    }

    @Test
    void alterReplacesTheObject() {
        metastore.createDatabase(database("sales"));
        metastore.createTable(partitioned(ORDERS));
        metastore.addPartition(partition(ORDERS, "2024-01-02"));
        metastore.alterTable(partitioned(ORDERS).withParameters(Map.of("owner-team", "billing")));
        metastore.alterPartition(partition(ORDERS, "2024-01-02").withLocation("file:/b/orders/ds=2/_strait_v1_1"));
        assertThat(metastore.getTable(ORDERS).orElseThrow().parameters()).containsEntry("owner-team", "billing");
        assertThat(metastore.getPartition(PartitionRef.of(ORDERS, List.of("2024-01-02"))).orElseThrow().location())
                .isEqualTo("file:/b/orders/ds=2/_strait_v1_1");
        assertThat(metastore.listPartitions(ORDERS)).hasSize(1);
    }

    @Test
    void droppingATableDropsItsPartitions() {
        metastore.createDatabase(database("sales"));
        metastore.createTable(partitioned(ORDERS));
        metastore.addPartition(partition(ORDERS, "2024-01-02"));
        metastore.dropTable(ORDERS);
        assertThat(metastore.getTable(ORDERS)).isEmpty();
        assertThat(metastore.getPartition(PartitionRef.of(ORDERS, List.of("2024-01-02")))).isEmpty();
        metastore.createTable(partitioned(ORDERS));
        assertThat(metastore.listPartitions(ORDERS)).isEmpty();
    }

    @Test
    void droppingAPartitionAndAnEmptyDatabase() {
        metastore.createDatabase(database("sales"));
        metastore.createTable(partitioned(ORDERS));
        metastore.addPartition(partition(ORDERS, "2024-01-02"));
        metastore.dropPartition(PartitionRef.of(ORDERS, List.of("2024-01-02")));
        assertThat(metastore.listPartitions(ORDERS)).isEmpty();
        metastore.dropTable(ORDERS);
        metastore.dropDatabase("sales");
        assertThat(metastore.getDatabase("sales")).isEmpty();
    }

    @Test
    void refusesToCreateWhatExists() {
        metastore.createDatabase(database("sales"));
        metastore.createTable(partitioned(ORDERS));
        metastore.addPartition(partition(ORDERS, "2024-01-02"));
        assertRefused(() -> metastore.createDatabase(database("sales")), "sales", "already exists");
        assertRefused(() -> metastore.createTable(partitioned(ORDERS)), "sales.orders", "already exists");
        assertRefused(() -> metastore.addPartition(partition(ORDERS, "2024-01-02")), "2024-01-02",
                "already exists");
    }

    @Test
    void refusesToChangeWhatIsAbsent() {
        metastore.createDatabase(database("sales"));
        assertRefused(() -> metastore.createTable(partitioned(TableRef.of("nowhere", "t"))), "nowhere", "eu-west");
        assertRefused(() -> metastore.alterTable(partitioned(ORDERS)), "sales.orders", "eu-west");
        assertRefused(() -> metastore.dropTable(ORDERS), "sales.orders", "eu-west");
        assertRefused(() -> metastore.listPartitions(ORDERS), "sales.orders", "eu-west");
        assertRefused(() -> metastore.addPartition(partition(ORDERS, "2024-01-02")), "sales.orders", "eu-west");
        metastore.createTable(partitioned(ORDERS));
        assertRefused(() -> metastore.alterPartition(partition(ORDERS, "2024-01-02")), "2024-01-02", "eu-west");
        assertRefused(() -> metastore.dropPartition(PartitionRef.of(ORDERS, List.of("2024-01-02"))),
                "2024-01-02", "eu-west");
    }

    @Test
    void refusesAPartitionWhoseValuesDoNotMatchTheKeys() {
        metastore.createDatabase(database("sales"));
        metastore.createTable(partitioned(ORDERS));
        PartitionSnapshot twoValues = new PartitionSnapshot(PartitionRef.of(ORDERS, List.of("2024-01-02", "03")),
                "file:/a/orders/ds=2024-01-02/hour=03", StorageFormat.PARQUET, Map.of());
        assertRefused(() -> metastore.addPartition(twoValues), "sales.orders", "keys");
        assertThat(metastore.listPartitions(ORDERS)).isEmpty();
    }

    @Test
    void refusesToDropADatabaseThatStillHasTables() {
        metastore.createDatabase(database("sales"));
        metastore.createTable(partitioned(ORDERS));
        assertRefused(() -> metastore.dropDatabase("sales"), "sales", "still has tables");
        assertThat(metastore.getDatabase("sales")).isPresent();
    }

    @Test
    void databaseNamesAreCaseInsensitiveAsInHiveMetastore() {
        metastore.createDatabase(database("Sales"));
        assertThat(metastore.getDatabase("sales")).isPresent();
        assertThatCode(() -> metastore.createTable(partitioned(TableRef.of("Sales", "Orders"))))
                .doesNotThrowAnyException();
        assertThat(metastore.listTables("sales")).containsExactly("orders");
    }

    private static void assertRefused(ThrowingCallable call, String object, String reason) {
        AbstractThrowableAssert<?, ? extends Throwable> refused = assertThatThrownBy(call)
                .isInstanceOfSatisfying(StraitException.class,
                        error -> assertThat(error.category()).isEqualTo(ErrorCategory.USER_ERROR));
        refused.hasMessageStartingWith("Cannot ").hasMessageContaining(object).hasMessageContaining(reason);
    }

    private static DatabaseSnapshot database(String name) {
        return new DatabaseSnapshot(name, "file:/b/" + name + ".db", "", Map.of());
    }

    private static TableSnapshot partitioned(TableRef ref) {
        return new TableSnapshot(ref, TableSnapshot.EXTERNAL_TABLE, "file:/b/" + ref.table(),
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")),
                StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"), "etl");
    }

    private static PartitionSnapshot partition(TableRef table, String ds) {
        return new PartitionSnapshot(PartitionRef.of(table, List.of(ds)), "file:/b/" + table.table() + "/ds=" + ds,
                StorageFormat.PARQUET, Map.of());
    }

    @Test
    void aForeignKeyWithoutItsParentsKeyIsLeftOutAsAMetastoreDoes() {
        metastore.createDatabase(new DatabaseSnapshot("sales", "file:/b/sales.db", "", Map.of()));
        metastore.createTable(partitioned(ORDERS));
        TableConstraint foreignKey = new TableConstraint(TableConstraint.Kind.FOREIGN_KEY, "fk_orders_customer",
                List.of("customer"), "sales.customers", List.of("id"), "pk_customers", "", 0, 0, false, false, false);
        TableConstraint key = new TableConstraint(TableConstraint.Kind.PRIMARY_KEY, "pk_customers", List.of("id"), "",
                List.of(), "", "", 0, 0, false, false, false);

        assertThat(metastore.replaceConstraints(ORDERS, List.of(foreignKey))).singleElement().asString()
                .contains("fk_orders_customer").contains("does not exist");
        assertThat(metastore.getConstraints(ORDERS)).isEmpty();

        metastore.createTable(partitioned(CUSTOMERS));
        metastore.replaceConstraints(CUSTOMERS, List.of(key));
        assertThat(metastore.replaceConstraints(ORDERS, List.of(foreignKey))).isEmpty();
        assertThat(metastore.getConstraints(ORDERS)).containsExactly(foreignKey);
        assertThat(metastore.getForeignKeysReferencing(CUSTOMERS))
                .containsExactly(new ForeignKeyRef(ORDERS, "fk_orders_customer"));
        assertThat(metastore.getForeignKeysReferencing(ORDERS)).isEmpty();
    }
}
