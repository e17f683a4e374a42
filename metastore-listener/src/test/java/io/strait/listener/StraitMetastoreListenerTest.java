package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventType;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.region.RegionId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SQLCheckConstraint;
import org.apache.hadoop.hive.metastore.api.SQLDefaultConstraint;
import org.apache.hadoop.hive.metastore.api.SQLForeignKey;
import org.apache.hadoop.hive.metastore.api.SQLNotNullConstraint;
import org.apache.hadoop.hive.metastore.api.SQLPrimaryKey;
import org.apache.hadoop.hive.metastore.api.SQLUniqueConstraint;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.events.AddCheckConstraintEvent;
import org.apache.hadoop.hive.metastore.events.AddDefaultConstraintEvent;
import org.apache.hadoop.hive.metastore.events.AddForeignKeyEvent;
import org.apache.hadoop.hive.metastore.events.AddNotNullConstraintEvent;
import org.apache.hadoop.hive.metastore.events.AddPartitionEvent;
import org.apache.hadoop.hive.metastore.events.AddPrimaryKeyEvent;
import org.apache.hadoop.hive.metastore.events.AddUniqueConstraintEvent;
import org.apache.hadoop.hive.metastore.events.AlterDatabaseEvent;
import org.apache.hadoop.hive.metastore.events.AlterPartitionEvent;
import org.apache.hadoop.hive.metastore.events.AlterTableEvent;
import org.apache.hadoop.hive.metastore.events.CreateDatabaseEvent;
import org.apache.hadoop.hive.metastore.events.CreateTableEvent;
import org.apache.hadoop.hive.metastore.events.DropConstraintEvent;
import org.apache.hadoop.hive.metastore.events.DropDatabaseEvent;
import org.apache.hadoop.hive.metastore.events.DropPartitionEvent;
import org.apache.hadoop.hive.metastore.events.DropTableEvent;
import org.junit.jupiter.api.Test;

/** The listener's callbacks with events built as the metastore builds them (no handler needed for these). */
class StraitMetastoreListenerTest {
    private static final long NOW = 1_700_000_000_000L;
    private final RecordingEventRecorder recorder = new RecordingEventRecorder();
    private final StraitMetastoreListener listener = new StraitMetastoreListener(new Configuration(false),
            new EventTranslator(RegionId.of("region-a"), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)),
            recorder);
    private final Database sales = ThriftObjects.database("sales", "file:/a/sales.db", Map.of());
    private final Table orders = ThriftObjects.partitionedTable("sales", "orders", "file:/a/orders", Map.of());

    @Test
    void capturesDatabaseEvents() {
        Database altered = ThriftObjects.database("sales", "file:/a/sales.db", Map.of("team", "finance"));

        listener.onCreateDatabase(new CreateDatabaseEvent(sales, true, null, false));
        listener.onAlterDatabase(new AlterDatabaseEvent(sales, altered, true, null, false));
        listener.onDropDatabase(new DropDatabaseEvent(altered, true, null, false));

        assertThat(recorder.events()).extracting(CapturedEvent::type)
                .containsExactly(EventType.CREATE_DATABASE, EventType.ALTER_DATABASE, EventType.DROP_DATABASE);
        CapturedEvent alter = recorder.events().get(1);
        assertThat(alter.database()).isEqualTo("sales");
        assertThat(alter.table()).isEmpty();
        assertThat(alter.sourceRegion()).isEqualTo(RegionId.of("region-a"));
        assertThat(alter.capturedAtMillis()).isEqualTo(NOW);
        assertThat(alter.snapshot().database().parameters()).containsEntry("team", "finance");
    }

    @Test
    void recordsTheNotificationIdTheMetastoreHandsOverFromItsNotificationLog() {
        CreateDatabaseEvent logged = new CreateDatabaseEvent(sales, true, null, false);
        logged.putParameter(StraitMetastoreListener.NOTIFICATION_ID_PARAMETER, "4711");
        CreateDatabaseEvent unlogged = new CreateDatabaseEvent(sales, true, null, false);
        CreateDatabaseEvent garbled = new CreateDatabaseEvent(sales, true, null, false);
        garbled.putParameter(StraitMetastoreListener.NOTIFICATION_ID_PARAMETER, "soon");

        listener.onCreateDatabase(logged);
        listener.onCreateDatabase(unlogged);
        listener.onCreateDatabase(garbled);

        assertThat(recorder.events()).extracting(CapturedEvent::notificationId).containsExactly(4711L, 0L, 0L);
    }

    @Test
    void capturesTableEventsWithThePreviousTableOfAnAlter() {
        Table renamed = orders.deepCopy();
        renamed.setTableName("orders_v2");

        listener.onCreateTable(new CreateTableEvent(orders, true, null, false));
        listener.onAlterTable(new AlterTableEvent(orders, renamed, false, true, null, null, false));
        listener.onDropTable(new DropTableEvent(renamed, true, false, null, false));

        List<CapturedEvent> events = recorder.events();
        assertThat(events).extracting(CapturedEvent::type)
                .containsExactly(EventType.CREATE_TABLE, EventType.ALTER_TABLE, EventType.DROP_TABLE);
        assertThat(events).extracting(CapturedEvent::table).containsExactly("orders", "orders_v2", "orders_v2");
        assertThat(events.get(1).snapshot().previousTable().ref().table()).isEqualTo("orders");
        assertThat(events.get(1).snapshot().table().ref().table()).isEqualTo("orders_v2");
    }

    @Test
    void recordsOnlyObjectsOfTheHiveCatalogOrOfNoneNamed() {
        Database otherDatabase = sales.deepCopy();
        otherDatabase.setCatalogName("spark");
        Table other = orders.deepCopy();
        other.setCatName("spark");
        Table hive = orders.deepCopy();
        hive.setCatName("HIVE");
        Table unnamed = orders.deepCopy();
        unnamed.unsetCatName();

        listener.onCreateDatabase(new CreateDatabaseEvent(otherDatabase, true, null, false));
        listener.onCreateTable(new CreateTableEvent(other, true, null, false));
        listener.onAddPartition(new AddPartitionEvent(other,
                List.of(ThriftObjects.partition(other, "2024-01-01", Map.of())), true, null));
        listener.onDropTable(new DropTableEvent(other, true, false, null, false));
        listener.onCreateTable(new CreateTableEvent(hive, true, null, false));
        listener.onDropTable(new DropTableEvent(unnamed, true, false, null, false));

        assertThat(recorder.events()).extracting(CapturedEvent::type)
                .containsExactly(EventType.CREATE_TABLE, EventType.DROP_TABLE);
    }

    @Test
    void capturesAllPartitionsOfOneCallInOneEvent() {
        Partition first = ThriftObjects.partition(orders, "2024-01-01", Map.of());
        Partition second = ThriftObjects.partition(orders, "2024-01-02", Map.of());

        listener.onAddPartition(new AddPartitionEvent(orders, List.of(first, second), true, null));
        listener.onDropPartition(new DropPartitionEvent(orders, List.of(second), true, false, null));

        assertThat(recorder.events()).hasSize(2);
        assertThat(values(recorder.events().get(0).snapshot().partitions()))
                .containsExactly(List.of("2024-01-01"), List.of("2024-01-02"));
        assertThat(recorder.events().get(1).type()).isEqualTo(EventType.DROP_PARTITION);
        assertThat(values(recorder.events().get(1).snapshot().partitions())).containsExactly(List.of("2024-01-02"));
    }

    @Test
    void capturesAnAlteredPartitionWithItsPreviousState() {
        Partition before = ThriftObjects.partition(orders, "2024-01-01", Map.of("v", "1"));
        Partition after = ThriftObjects.partition(orders, "2024-01-01", Map.of("v", "2"));

        listener.onAlterPartition(new AlterPartitionEvent(before, after, orders, false, true, null, null));

        CapturedEvent event = recorder.events().get(0);
        assertThat(event.type()).isEqualTo(EventType.ALTER_PARTITION);
        assertThat(event.snapshot().partitions().get(0).parameters()).containsEntry("v", "2");
        assertThat(event.snapshot().previousPartitions().get(0).parameters()).containsEntry("v", "1");
        assertThat(event.snapshot().table().ref().table()).isEqualTo("orders");
    }

    @Test
    void skipsEventsOfFailedMetastoreOperations() {
        listener.onCreateTable(new CreateTableEvent(orders, false, null, false));
        listener.onCreateDatabase(new CreateDatabaseEvent(sales, false, null, false));

        assertThat(recorder.events()).isEmpty();
        assertThat(recorder.callNanos()).as("nothing was captured, so nothing is timed").isEmpty();
    }

    @Test
    void neverFailsTheMetastoreCallWhenRecordingFails() {
        recorder.failWith(new IllegalStateException("recorder broken"));

        assertThatCode(() -> listener.onCreateTable(new CreateTableEvent(orders, true, null, false)))
                .doesNotThrowAnyException();
        assertThat(recorder.callNanos()).as("a failed capture still took the metastore's time").hasSize(1);
    }

    @Test
    void neverFailsTheMetastoreCallWhenAThriftClassOfThisLineLacksWhatTheTranslationReads() {
        recorder.failWith(new NoSuchMethodError("Database.getManagedLocationUri()"));

        assertThatCode(() -> listener.onCreateDatabase(new CreateDatabaseEvent(sales, true, null, false)))
                .doesNotThrowAnyException();
    }

    @Test
    void timesItsOwnWorkInEveryCapturedCallback() {
        listener.onCreateDatabase(new CreateDatabaseEvent(sales, true, null, false));
        listener.onCreateTable(new CreateTableEvent(orders, true, null, false));
        listener.onAddPartition(new AddPartitionEvent(orders, ThriftObjects.partition(orders, "2024-01-01",
                Map.of()), true, null));

        assertThat(recorder.callNanos()).hasSize(3).allSatisfy(nanos -> assertThat(nanos).isPositive());
    }

    @Test
    void recordsOneConstraintsEventForTheTableOfEachConstraintCallback() {
        listener.onAddPrimaryKey(new AddPrimaryKeyEvent(List.of(primaryKey("Sales", "Customers", "id", 1),
                primaryKey("Sales", "Customers", "region", 2)), true, null));
        listener.onAddUniqueConstraint(new AddUniqueConstraintEvent(List.of(
                new SQLUniqueConstraint("hive", "sales", "customers", "email", 1, "customers_email_uk", true, false,
                        false)), true, null));
        listener.onAddForeignKey(new AddForeignKeyEvent(List.of(foreignKey("orders", "customer_id", 1),
                foreignKey("orders", "customer_region", 2)), true, null));
        listener.onAddNotNullConstraint(new AddNotNullConstraintEvent(List.of(
                new SQLNotNullConstraint("hive", "sales", "orders", "amount", "orders_amount_nn", true, false,
                        false)), true, null));
        listener.onAddDefaultConstraint(new AddDefaultConstraintEvent(List.of(
                new SQLDefaultConstraint("hive", "sales", "orders", "amount", "0", "orders_amount_dc", true, false,
                        false)), true, null));
        listener.onAddCheckConstraint(new AddCheckConstraintEvent(List.of(
                new SQLCheckConstraint("hive", "sales", "orders", "amount", "amount >= 0", "orders_amount_ck", true,
                        false, false)), true, null));
        listener.onDropConstraint(new DropConstraintEvent("hive", "Sales", "Orders", "orders_customer_fk", true,
                null));

        List<CapturedEvent> events = recorder.events();
        assertThat(events).extracting(CapturedEvent::type, CapturedEvent::database, CapturedEvent::table)
                .containsExactly(
                        tuple(EventType.CONSTRAINTS, "sales", "customers"),
                        tuple(EventType.CONSTRAINTS, "sales", "customers"),
                        tuple(EventType.CONSTRAINTS, "sales", "orders"),
                        tuple(EventType.CONSTRAINTS, "sales", "orders"),
                        tuple(EventType.CONSTRAINTS, "sales", "orders"),
                        tuple(EventType.CONSTRAINTS, "sales", "orders"),
                        tuple(EventType.CONSTRAINTS, "sales", "orders"));
        assertThat(events).allSatisfy(event -> {
            assertThat(event.snapshot().table()).isNull();
            assertThat(event.snapshot().partitions()).isEmpty();
            assertThat(event.origin()).isEqualTo(CapturedEvent.ORIGIN_WRITER);
            assertThat(event.capturedAtMillis()).isEqualTo(NOW);
        });
        assertThat(recorder.callNanos()).hasSize(7);
    }

    @Test
    void recordsOneConstraintsEventPerTableTheRowsOfOneCallName() {
        listener.onAddNotNullConstraint(new AddNotNullConstraintEvent(List.of(
                new SQLNotNullConstraint("hive", "sales", "orders", "amount", "orders_amount_nn", true, false, false),
                new SQLNotNullConstraint("hive", "sales", "customers", "email", "customers_email_nn", true, false,
                        false),
                new SQLNotNullConstraint("hive", "SALES", "ORDERS", "id", "orders_id_nn", true, false, false)),
                true, null));

        assertThat(recorder.events()).extracting(CapturedEvent::table).containsExactly("orders", "customers");
    }

    @Test
    void recordsNoConstraintsEventOfAFailedCallOrOfAnotherCatalog() {
        SQLPrimaryKey inSpark = primaryKey("sales", "customers", "id", 1);
        inSpark.setCatName("spark");

        listener.onAddPrimaryKey(new AddPrimaryKeyEvent(List.of(primaryKey("sales", "customers", "id", 1)), false,
                null));
        listener.onAddForeignKey(new AddForeignKeyEvent(List.of(foreignKey("orders", "customer_id", 1)), false,
                null));
        listener.onAddDefaultConstraint(new AddDefaultConstraintEvent(List.of(
                new SQLDefaultConstraint("hive", "sales", "orders", "amount", "0", "orders_amount_dc", true, false,
                        false)), false, null));
        listener.onDropConstraint(new DropConstraintEvent("hive", "sales", "orders", "orders_customer_fk", false,
                null));
        listener.onAddPrimaryKey(new AddPrimaryKeyEvent(List.of(inSpark), true, null));
        listener.onAddUniqueConstraint(new AddUniqueConstraintEvent(List.of(
                new SQLUniqueConstraint("spark", "sales", "customers", "email", 1, "customers_email_uk", true, false,
                        false)), true, null));
        listener.onAddCheckConstraint(new AddCheckConstraintEvent(List.of(
                new SQLCheckConstraint("spark", "sales", "orders", "amount", "amount >= 0", "orders_amount_ck", true,
                        false, false)), true, null));
        listener.onDropConstraint(new DropConstraintEvent("spark", "sales", "orders", "orders_customer_fk", true,
                null));

        assertThat(recorder.events()).isEmpty();
    }

    /** A primary key row as the metastore hands it to listeners: with the catalog it set. */
    private static SQLPrimaryKey primaryKey(String database, String table, String column, int position) {
        SQLPrimaryKey key = new SQLPrimaryKey(database, table, column, position, "customers_pk", true, false, false);
        key.setCatName("hive");
        return key;
    }

    /** A column of foreign key {@code orders_customer_fk} of sales.{@code table}, referencing sales.customers. */
    private static SQLForeignKey foreignKey(String table, String column, int position) {
        SQLForeignKey key = new SQLForeignKey("sales", "customers", position == 1 ? "id" : "region", "sales", table,
                column, position, 0, 0, "orders_customer_fk", "customers_pk", true, false, false);
        key.setCatName("hive");
        return key;
    }

    private static List<List<String>> values(List<PartitionSnapshot> partitions) {
        return partitions.stream().map(partition -> partition.ref().values()).toList();
    }
}
