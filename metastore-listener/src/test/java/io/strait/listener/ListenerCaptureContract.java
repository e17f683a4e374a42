package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.region.RegionId;
import io.strait.embedded.EmbeddedRegion;
import io.strait.embedded.MetastoreLine;
import org.assertj.core.groups.Tuple;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.testing.TestingMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hive.metastore.api.AddCheckConstraintRequest;
import org.apache.hadoop.hive.metastore.api.AddDefaultConstraintRequest;
import org.apache.hadoop.hive.metastore.api.AddForeignKeyRequest;
import org.apache.hadoop.hive.metastore.api.AddNotNullConstraintRequest;
import org.apache.hadoop.hive.metastore.api.AddPrimaryKeyRequest;
import org.apache.hadoop.hive.metastore.api.AddUniqueConstraintRequest;
import org.apache.hadoop.hive.metastore.api.Catalog;
import org.apache.hadoop.hive.metastore.api.CreateCatalogRequest;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.DropConstraintRequest;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.FireEventRequest;
import org.apache.hadoop.hive.metastore.api.FireEventRequestData;
import org.apache.hadoop.hive.metastore.api.InsertEventRequestData;
import org.apache.hadoop.hive.metastore.api.GetTableRequest;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SQLCheckConstraint;
import org.apache.hadoop.hive.metastore.api.SQLDefaultConstraint;
import org.apache.hadoop.hive.metastore.api.SQLForeignKey;
import org.apache.hadoop.hive.metastore.api.SQLNotNullConstraint;
import org.apache.hadoop.hive.metastore.api.SQLPrimaryKey;
import org.apache.hadoop.hive.metastore.api.SQLUniqueConstraint;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The listener plugin jar (the shaded jar an operator deploys) inside a real metastore process of one line (3.1.3 or
 * 4.0.1), recording into a real
 * MariaDB: one writer's session touches every event type the listener captures (databases, tables, partitions added
 * in one batch, partitions altered in one batch, an insert, a rename, a truncate, views created, altered and
 * dropped, drops) and each recorded event's snapshot is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ListenerCaptureContract {
    private static final RegionId REGION = RegionId.of("region-a");
    private TestingMariaDb store;
    private EmbeddedRegion metastore;

    abstract MetastoreLine line();

    @BeforeAll
    void start() {
        store = TestingMariaDb.create();
        Path work = TestingListenerRegion.workDirectory("capture-" + line().version());
        metastore = TestingListenerRegion.builderWithPluginJar(REGION.name(), work, TestingListenerRegion.store(store.jdbcUrl(),
                store.user(), store.password(), work.resolve("spool"))).line(line()).start();
    }

    @AfterAll
    void stop() {
        if (metastore != null) {
            metastore.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void everyEventTypeOfAWritersSessionIsRecordedInOrderWithItsSnapshot() throws Exception {
        String ordersLocation = metastore.externalRootUri() + "/sales.db/orders";
        String eventsLocation = metastore.externalRootUri() + "/sales.db/events";
        Path partitionFolder = metastore.externalRoot().resolve("sales.db/orders/ds=2024-01-01");
        Files.createDirectories(partitionFolder);
        String insertedFile = Files.writeString(partitionFolder.resolve("part-0.parquet"), "rows").toUri().toString();
        Files.createDirectories(metastore.externalRoot().resolve("sales.db/events"));
        Files.writeString(metastore.externalRoot().resolve("sales.db/events/part-0.parquet"), "rows");

        try (PortableMetastoreClient connection = PortableMetastoreClient.connect(metastore)) {
            ThriftHiveMetastore.Iface client = connection.api();
            client.create_database(TestingListenerRegion.database("sales"));
            Database sales = client.get_database("sales");
            sales.getParameters().put("steward", "finance");
            client.alter_database("sales", sales);
            Table orders = TestingListenerRegion.externalTable("sales", "orders", ordersLocation);
            client.create_table(orders);
            client.add_partitions(new ArrayList<>(List.of(TestingListenerRegion.partition(orders, "2024-01-01"),
                    TestingListenerRegion.partition(orders, "2024-01-02"),
                    TestingListenerRegion.partition(orders, "2024-01-03"))));
            client.alter_partitions("sales", "orders", new ArrayList<>(List.of(
                    checked(client.get_partition("sales", "orders", List.of("2024-01-01"))),
                    checked(client.get_partition("sales", "orders", List.of("2024-01-02"))))));
            client.fire_listener_event(insertRequest(insertedFile));
            Table renamed = client.get_table_req(new GetTableRequest("sales", "orders")).getTable();
            renamed.setTableName("orders_v2");
            client.alter_table("sales", "orders", renamed);
            client.drop_partition("sales", "orders_v2", List.of("2024-01-03"), false);
            client.create_table(unpartitionedTable(eventsLocation));
            client.truncate_table("sales", "events", null);
            client.create_table(view("select id from sales.orders_v2"));
            Table view = client.get_table_req(new GetTableRequest("sales", "recent")).getTable();
            view.setViewOriginalText("select id, amount from sales.orders_v2");
            view.setViewExpandedText("select `orders_v2`.`id`, `orders_v2`.`amount` from `sales`.`orders_v2`");
            client.alter_table("sales", "recent", view);
            client.drop_table("sales", "recent", false);
            client.drop_table("sales", "events", false);
            client.drop_table("sales", "orders_v2", false);
            client.drop_database("sales", false, false);
        }

        List<CapturedEvent> events = eventsOf("sales");
        assertThat(events).extracting(CapturedEvent::type, CapturedEvent::table).containsExactly(
                tuple(EventType.CREATE_DATABASE, ""),
                tuple(EventType.ALTER_DATABASE, ""),
                tuple(EventType.CREATE_TABLE, "orders"),
                tuple(EventType.ADD_PARTITION, "orders"),
                tuple(EventType.ALTER_PARTITION, "orders"),
                tuple(EventType.ALTER_PARTITION, "orders"),
                tuple(EventType.INSERT, "orders"),
                tuple(EventType.ALTER_TABLE, "orders_v2"),
                tuple(EventType.DROP_PARTITION, "orders_v2"),
                tuple(EventType.CREATE_TABLE, "events"),
                tuple(EventType.ALTER_TABLE, "events"),
                tuple(EventType.ALTER_TABLE, "events"),
                tuple(EventType.CREATE_TABLE, "recent"),
                tuple(EventType.ALTER_TABLE, "recent"),
                tuple(EventType.DROP_TABLE, "recent"),
                tuple(EventType.DROP_TABLE, "events"),
                tuple(EventType.DROP_TABLE, "orders_v2"),
                tuple(EventType.DROP_DATABASE, ""));
        assertThat(events).allSatisfy(event -> {
            assertThat(event.sourceRegion()).isEqualTo(REGION);
            assertThat(event.origin()).isEqualTo(CapturedEvent.ORIGIN_WRITER);
        });
        assertThat(events.get(0).snapshot().database().name()).isEqualTo("sales");
        assertThat(events.get(1).snapshot().database().parameters()).containsEntry("steward", "finance");
        assertCreatedTable(events.get(2).snapshot(), ordersLocation);
        assertThat(values(events.get(3).snapshot().partitions())).containsExactly(List.of("2024-01-01"),
                List.of("2024-01-02"), List.of("2024-01-03"));
        assertThat(events.get(3).snapshot().partitions()).extracting(PartitionSnapshot::location).containsExactly(
                ordersLocation + "/ds=2024-01-01", ordersLocation + "/ds=2024-01-02",
                ordersLocation + "/ds=2024-01-03");
        assertAlteredPartition(events.get(4).snapshot(), "2024-01-01");
        assertAlteredPartition(events.get(5).snapshot(), "2024-01-02");
        assertThat(values(events.get(6).snapshot().partitions())).containsExactly(List.of("2024-01-01"));
        assertThat(events.get(6).snapshot().insertedFiles()).containsExactly(insertedFile);
        assertRename(events.get(7).snapshot());
        assertThat(values(events.get(8).snapshot().partitions())).containsExactly(List.of("2024-01-03"));
        assertThat(events.get(9).snapshot().table().parameters()).containsEntry("numFiles", "1");
        assertTruncate(events.get(10).snapshot(), events.get(11).snapshot(), eventsLocation);
        assertThat(Files.exists(metastore.externalRoot().resolve("sales.db/events/part-0.parquet"))).isFalse();
        assertView(events.get(12).snapshot(), "select id from sales.orders_v2");
        assertView(events.get(13).snapshot(), "select id, amount from sales.orders_v2");
        assertThat(events.get(13).snapshot().previousTable().view().originalText())
                .isEqualTo("select id from sales.orders_v2");
        assertView(events.get(14).snapshot(), "select id, amount from sales.orders_v2");
        assertThat(events.get(16).snapshot().table().location()).isEqualTo(ordersLocation);
    }

    @Test
    void eventsInAnotherCatalogThanHiveAreNotRecorded() throws Exception {
        String location = metastore.externalRootUri() + "/spark-catalog/shadow.db/orders";
        try (PortableMetastoreClient connection = PortableMetastoreClient.connect(metastore)) {
            ThriftHiveMetastore.Iface client = connection.api();
            client.create_catalog(new CreateCatalogRequest(
                    new Catalog("spark", metastore.externalRootUri() + "/spark-catalog")));
            Database inSpark = TestingListenerRegion.database("shadow");
            inSpark.setCatalogName("spark");
            client.create_database(inSpark);
            Table orders = TestingListenerRegion.externalTable("shadow", "orders", location);
            orders.setCatName("spark");
            client.create_table(orders);
            Partition partition = TestingListenerRegion.partition(orders, "2024-01-01");
            partition.setCatName("spark");
            client.add_partitions(new ArrayList<>(List.of(partition)));
            client.drop_table("@spark#shadow", "orders", false);
            client.drop_database("@spark#shadow", false, false);
            client.create_database(TestingListenerRegion.database("shadow"));
            client.drop_database("shadow", false, false);
        }

        assertThat(eventsOf("shadow")).extracting(CapturedEvent::type)
                .containsExactly(EventType.CREATE_DATABASE, EventType.DROP_DATABASE);
    }

    /**
     * Each constraint added or dropped is one CONSTRAINTS event of its table (a foreign key: of its child table). A
     * 3.1 metastore accepts {@code DEFAULT} and {@code CHECK} constraints but fires no listener event for them (its
     * listener interface has no such callback), so on 3.1 those two calls record nothing; dropping one is recorded on
     * both lines. A table created with constraints ({@code create_table_with_constraints}) records its CREATE_TABLE,
     * then one CONSTRAINTS event per kind of constraint it has (on 3.1 none for its DEFAULT and CHECK constraints).
     */
    @Test
    void everyConstraintAddedOrDroppedIsRecordedAsAConstraintsEventOfItsTable() throws Exception {
        boolean hive4 = line() != MetastoreLine.HIVE_3_1;
        String root = metastore.externalRootUri() + "/shop.db/";
        try (PortableMetastoreClient connection = PortableMetastoreClient.connect(metastore)) {
            ThriftHiveMetastore.Iface client = connection.api();
            client.create_database(TestingListenerRegion.database("shop"));
            client.create_table(table("customers", root + "customers", new FieldSchema("id", "bigint", null),
                    new FieldSchema("email", "string", null)));
            client.create_table(table("orders", root + "orders", new FieldSchema("id", "bigint", null),
                    new FieldSchema("customer_id", "bigint", null), new FieldSchema("amount", "double", null)));
            client.add_primary_key(new AddPrimaryKeyRequest(new ArrayList<>(List.of(
                    primaryKey("customers", "id", "customers_pk")))));
            client.add_unique_constraint(new AddUniqueConstraintRequest(new ArrayList<>(List.of(
                    new SQLUniqueConstraint("hive", "shop", "customers", "email", 1, "customers_email_uk", false,
                            false, true)))));
            SQLForeignKey foreignKey = new SQLForeignKey("shop", "customers", "id", "shop", "orders", "customer_id",
                    1, 0, 0, "orders_customer_fk", "customers_pk", false, false, true);
            foreignKey.setCatName("hive");
            client.add_foreign_key(new AddForeignKeyRequest(new ArrayList<>(List.of(foreignKey))));
            client.add_not_null_constraint(new AddNotNullConstraintRequest(new ArrayList<>(List.of(
                    notNull("orders", "amount", "orders_amount_nn")))));
            client.add_default_constraint(new AddDefaultConstraintRequest(new ArrayList<>(List.of(
                    defaultValue("orders", "amount", "orders_amount_dc")))));
            client.add_check_constraint(new AddCheckConstraintRequest(new ArrayList<>(List.of(
                    check("orders", "amount", "orders_amount_ck")))));
            DropConstraintRequest drop = new DropConstraintRequest("shop", "orders", "orders_customer_fk");
            drop.setCatName("hive");
            client.drop_constraint(drop);
            // a dropped constraint is an event whatever its kind, on 3.1 a CHECK constraint too
            DropConstraintRequest dropCheck = new DropConstraintRequest("shop", "orders", "orders_amount_ck");
            dropCheck.setCatName("hive");
            client.drop_constraint(dropCheck);
            client.create_table_with_constraints(table("returns", root + "returns",
                            new FieldSchema("id", "bigint", null), new FieldSchema("amount", "double", null)),
                    new ArrayList<>(List.of(primaryKey("returns", "id", "returns_pk"))), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>(List.of(notNull("returns", "amount", "returns_amount_nn"))),
                    new ArrayList<>(List.of(defaultValue("returns", "amount", "returns_amount_dc"))),
                    new ArrayList<>(List.of(check("returns", "amount", "returns_amount_ck"))));
            client.drop_table("shop", "returns", false);
            client.drop_table("shop", "orders", false);
            client.drop_table("shop", "customers", false);
            client.drop_database("shop", false, false);
        }

        List<Tuple> expected = new ArrayList<>(List.of(
                tuple(EventType.CREATE_DATABASE, ""),
                tuple(EventType.CREATE_TABLE, "customers"),
                tuple(EventType.CREATE_TABLE, "orders"),
                tuple(EventType.CONSTRAINTS, "customers"),
                tuple(EventType.CONSTRAINTS, "customers"),
                tuple(EventType.CONSTRAINTS, "orders"),
                tuple(EventType.CONSTRAINTS, "orders")));
        if (hive4) {
            // the DEFAULT and the CHECK constraint
            expected.addAll(List.of(tuple(EventType.CONSTRAINTS, "orders"), tuple(EventType.CONSTRAINTS, "orders")));
        }
        expected.addAll(List.of(
                tuple(EventType.CONSTRAINTS, "orders"),
                tuple(EventType.CONSTRAINTS, "orders"),
                tuple(EventType.CREATE_TABLE, "returns"),
                // a table created with constraints: CREATE_TABLE, then one event per kind of constraint it has
                tuple(EventType.CONSTRAINTS, "returns"),
                tuple(EventType.CONSTRAINTS, "returns")));
        if (hive4) {
            // its DEFAULT and CHECK constraints
            expected.addAll(List.of(tuple(EventType.CONSTRAINTS, "returns"), tuple(EventType.CONSTRAINTS, "returns")));
        }
        // dropping a table drops its constraints without an event of their own
        expected.addAll(List.of(
                tuple(EventType.DROP_TABLE, "returns"),
                tuple(EventType.DROP_TABLE, "orders"),
                tuple(EventType.DROP_TABLE, "customers"),
                tuple(EventType.DROP_DATABASE, "")));
        List<CapturedEvent> events = eventsOf("shop");
        assertThat(events).extracting(CapturedEvent::type, CapturedEvent::table)
                .containsExactlyElementsOf(expected);
        assertThat(events).filteredOn(event -> event.type() == EventType.CONSTRAINTS).allSatisfy(event -> {
            assertThat(event.database()).isEqualTo("shop");
            assertThat(event.sourceRegion()).isEqualTo(REGION);
            assertThat(event.origin()).isEqualTo(CapturedEvent.ORIGIN_WRITER);
            assertThat(event.snapshot().table()).isNull();
        });
    }

    /** An unpartitioned external table of database shop. */
    private static Table table(String name, String location, FieldSchema... columns) {
        Table table = TestingListenerRegion.externalTable("shop", name, location);
        table.setSd(ThriftObjects.storage(location, List.of(columns)));
        table.setPartitionKeys(new ArrayList<>());
        return table;
    }

    private static SQLPrimaryKey primaryKey(String table, String column, String name) {
        SQLPrimaryKey key = new SQLPrimaryKey("shop", table, column, 1, name, false, false, true);
        key.setCatName("hive");
        return key;
    }

    private static SQLNotNullConstraint notNull(String table, String column, String name) {
        return new SQLNotNullConstraint("hive", "shop", table, column, name, true, false, false);
    }

    private static SQLDefaultConstraint defaultValue(String table, String column, String name) {
        return new SQLDefaultConstraint("hive", "shop", table, column, "0", name, true, false, false);
    }

    private static SQLCheckConstraint check(String table, String column, String name) {
        return new SQLCheckConstraint("hive", "shop", table, column, column + " >= 0", name, true, false, false);
    }

    private static Partition checked(Partition partition) {
        Map<String, String> parameters = new HashMap<>();
        if (partition.getParameters() != null) {
            parameters.putAll(partition.getParameters());
        }
        parameters.put("quality", "checked");
        partition.setParameters(parameters);
        return partition;
    }

    private Table unpartitionedTable(String location) {
        Table table = TestingListenerRegion.externalTable("sales", "events", location);
        table.setPartitionKeys(new ArrayList<>());
        // a truncate empties managed tables only: Hive refuses it on an external table unless it is purged
        table.setTableType("MANAGED_TABLE");
        table.getParameters().remove("EXTERNAL");
        return table;
    }

    private static Table view(String text) {
        Table view = new Table();
        view.setDbName("sales");
        view.setTableName("recent");
        view.setOwner("etl");
        view.setTableType("VIRTUAL_VIEW");
        view.setSd(ThriftObjects.storage(null, List.of(new FieldSchema("id", "bigint", null))));
        view.getSd().setInputFormat(null);
        view.getSd().setOutputFormat(null);
        view.setPartitionKeys(new ArrayList<>());
        view.setParameters(new HashMap<>());
        view.setViewOriginalText(text);
        view.setViewExpandedText(text);
        return view;
    }

    /** The recorded events of one database, in id order. */
    private List<CapturedEvent> eventsOf(String database) {
        return new JdbcEventLog(store.dataSource(), Clock.systemUTC()).readAfter(REGION, 0, 1000).stream()
                .map(ReplicationEvent::event).filter(event -> event.database().equals(database)).toList();
    }

    private static FireEventRequest insertRequest(String file) {
        FireEventRequest request = new FireEventRequest(true,
                FireEventRequestData.insertData(new InsertEventRequestData(List.of(file))));
        request.setDbName("sales");
        request.setTableName("orders");
        request.setPartitionVals(List.of("2024-01-01"));
        return request;
    }

    private static void assertCreatedTable(EventSnapshot snapshot, String location) {
        assertThat(snapshot.table().location()).isEqualTo(location);
        assertThat(snapshot.table().tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(snapshot.table().columns()).containsExactly(new ColumnSpec("id", "bigint", "row id"),
                new ColumnSpec("amount", "double", ""));
        assertThat(snapshot.table().partitionKeys()).containsExactly(ColumnSpec.of("ds", "string"));
        assertThat(snapshot.table().storage()).isEqualTo(StorageFormat.PARQUET);
        assertThat(snapshot.table().parameters()).containsEntry("owner-team", "finance");
    }

    private static void assertAlteredPartition(EventSnapshot snapshot, String value) {
        assertThat(values(snapshot.partitions())).containsExactly(List.of(value));
        assertThat(snapshot.partitions().get(0).parameters()).containsEntry("quality", "checked");
        assertThat(values(snapshot.previousPartitions())).containsExactly(List.of(value));
        assertThat(snapshot.previousPartitions().get(0).parameters()).doesNotContainKey("quality");
    }

    private void assertRename(EventSnapshot snapshot) {
        String movedLocation = metastore.externalRootUri() + "/sales.db/orders";
        assertThat(snapshot.previousTable().ref().table()).isEqualTo("orders");
        assertThat(snapshot.table().ref().table()).isEqualTo("orders_v2");
        // an external table keeps its folder when renamed
        assertThat(snapshot.table().location()).isEqualTo(movedLocation);
        assertThat(snapshot.partitions()).extracting(partition -> partition.ref().table().table(),
                partition -> partition.ref().values()).containsExactly(tuple("orders_v2", List.of("2024-01-01")),
                tuple("orders_v2", List.of("2024-01-02")), tuple("orders_v2", List.of("2024-01-03")));
    }

    /**
     * Both lines announce a truncate with two ALTER_TABLE events: the truncate itself (the emptied table before and
     * after: one object), then the statistics update it makes (files 1 before, 0 after).
     */
    private static void assertTruncate(EventSnapshot truncate, EventSnapshot statistics, String location) {
        assertThat(truncate.previousTable()).isEqualTo(truncate.table());
        assertThat(truncate.table().location()).isEqualTo(location);
        assertThat(truncate.table().parameters()).containsEntry("numFiles", "0").containsEntry("totalSize", "0");
        assertThat(statistics.previousTable().ref()).isEqualTo(statistics.table().ref());
        assertThat(statistics.previousTable().parameters()).containsEntry("numFiles", "1");
        assertThat(statistics.table().parameters()).containsEntry("numFiles", "0");
    }

    private static void assertView(EventSnapshot snapshot, String text) {
        assertThat(snapshot.table().ref().table()).isEqualTo("recent");
        assertThat(snapshot.table().tableType()).isEqualTo("VIRTUAL_VIEW");
        assertThat(snapshot.table().view().originalText()).isEqualTo(text);
        assertThat(snapshot.table().location()).isEmpty();
    }

    private static List<List<String>> values(List<PartitionSnapshot> partitions) {
        return partitions.stream().map(partition -> partition.ref().values()).toList();
    }
}
