package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.metastore.Owner;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.region.RegionId;
import io.strait.embedded.EmbeddedRegion;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.testing.TestingMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.FireEventRequest;
import org.apache.hadoop.hive.metastore.api.FireEventRequestData;
import org.apache.hadoop.hive.metastore.api.InsertEventRequestData;
import org.apache.hadoop.hive.metastore.api.ColumnStatistics;
import org.apache.hadoop.hive.metastore.api.ColumnStatisticsData;
import org.apache.hadoop.hive.metastore.api.ColumnStatisticsDesc;
import org.apache.hadoop.hive.metastore.api.ColumnStatisticsObj;
import org.apache.hadoop.hive.metastore.api.LongColumnStatsData;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The listener inside a real Hive Metastore 4.0.1 process, recording into a real MariaDB. */
class ListenerIntegrationTest {
    private static final RegionId REGION = RegionId.of("region-a");
    private static TestingMariaDb store;
    private static EmbeddedRegion metastore;

    @BeforeAll
    static void start() {
        store = TestingMariaDb.create();
        Path work = TestingListenerRegion.workDirectory("region-a");
        metastore = TestingListenerRegion.builder(REGION.name(), work, TestingListenerRegion.store(store.jdbcUrl(),
                store.user(), store.password(), work.resolve("spool"))).start();
    }

    @AfterAll
    static void stop() {
        if (metastore != null) {
            metastore.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void recordsEveryEventOfAWritersSessionInOrderWithItsObjects() throws Exception {
        String tableLocation = metastore.externalRootUri() + "/sales.db/orders";
        Path partitionFolder = metastore.externalRoot().resolve("sales.db/orders/ds=2024-01-01");
        Files.createDirectories(partitionFolder);
        String insertedFile = Files.writeString(partitionFolder.resolve("part-0.parquet"), "rows").toUri().toString();

        try (IMetaStoreClient client = TestingListenerRegion.client(metastore)) {
            client.createDatabase(TestingListenerRegion.database("sales"));
            Table orders = TestingListenerRegion.externalTable("sales", "orders", tableLocation);
            client.createTable(orders);
            // a mutable list: the client looks for null elements, which List.of refuses
            client.add_partitions(new ArrayList<>(List.of(TestingListenerRegion.partition(orders, "2024-01-01"),
                    TestingListenerRegion.partition(orders, "2024-01-02"))));
            Partition altered = client.getPartition("sales", "orders", List.of("2024-01-02"));
            Map<String, String> parameters = new HashMap<>();
            if (altered.getParameters() != null) {
                parameters.putAll(altered.getParameters());
            }
            parameters.put("quality", "checked");
            altered.setParameters(parameters);
            client.alter_partition("sales", "orders", altered);
            client.fireListenerEvent(insertRequest(insertedFile));
            client.dropPartition("sales", "orders", List.of("2024-01-02"), false);
            client.dropTable("sales", "orders", false, true);
        }

        List<CapturedEvent> events = eventsOf("sales");
        assertThat(events).extracting(CapturedEvent::type).containsExactly(EventType.CREATE_DATABASE,
                EventType.CREATE_TABLE, EventType.ADD_PARTITION, EventType.ALTER_PARTITION, EventType.INSERT,
                EventType.DROP_PARTITION, EventType.DROP_TABLE);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.sourceRegion()).isEqualTo(REGION);
            assertThat(event.database()).isEqualTo("sales");
            assertThat(event.origin()).isEqualTo(CapturedEvent.ORIGIN_WRITER);
        });
        assertThat(events).extracting(CapturedEvent::table)
                .containsExactly("", "orders", "orders", "orders", "orders", "orders", "orders");
        assertCreatedTable(events.get(1).snapshot(), tableLocation);
        assertAddedPartitions(events.get(2).snapshot(), tableLocation);
        assertAlteredPartition(events.get(3).snapshot());
        assertInsert(events.get(4).snapshot(), tableLocation, insertedFile);
        assertThat(values(events.get(5).snapshot().partitions())).containsExactly(List.of("2024-01-02"));
        assertThat(events.get(6).snapshot().table().location()).isEqualTo(tableLocation);
    }

    @Test
    void columnStatisticsWrittenOrDeletedAreCapturedForTheTableOrThePartition() throws Exception {
        try (IMetaStoreClient client = TestingListenerRegion.client(metastore)) {
            client.createDatabase(TestingListenerRegion.database("analytics"));
            Table orders = TestingListenerRegion.externalTable("analytics", "orders",
                    metastore.externalRootUri() + "/analytics.db/orders");
            client.createTable(orders);
            client.add_partitions(new ArrayList<>(List.of(TestingListenerRegion.partition(orders, "2024-01-01"))));
            ColumnStatisticsDesc partitionDesc = new ColumnStatisticsDesc(false, "analytics", "orders");
            partitionDesc.setPartName("ds=2024-01-01");
            client.updatePartitionColumnStatistics(idStatistics(partitionDesc));
            client.deletePartitionColumnStatistics("analytics", "orders", "ds=2024-01-01", "id", "hive");
        }

        List<CapturedEvent> events = eventsOf("analytics");
        assertThat(events).extracting(CapturedEvent::type).containsSubsequence(EventType.ADD_PARTITION,
                EventType.COLUMN_STATISTICS, EventType.COLUMN_STATISTICS);
        List<CapturedEvent> statistics = events.stream()
                .filter(event -> event.type() == EventType.COLUMN_STATISTICS).toList();
        assertThat(statistics).hasSize(2).allSatisfy(event -> {
            assertThat(event.table()).isEqualTo("orders");
            assertThat(values(event.snapshot().partitions())).containsExactly(List.of("2024-01-01"));
        });
    }

    private static ColumnStatistics idStatistics(ColumnStatisticsDesc desc) {
        ColumnStatistics statistics = new ColumnStatistics(desc, List.of(new ColumnStatisticsObj("id", "bigint",
                ColumnStatisticsData.longStats(new LongColumnStatsData(0, 3)))));
        statistics.setEngine("hive");
        return statistics;
    }

    @Test
    void aReplicaWrittenByStraitIsMarkedAsStraitsOwn() throws Exception {
        try (IMetaStoreClient client = TestingListenerRegion.client(metastore)) {
            client.createDatabase(TestingListenerRegion.database("replicas"));
            Table replica = TestingListenerRegion.externalTable("replicas", "orders",
                    metastore.externalRootUri() + "/replicas.db/orders");
            replica.getParameters().put("strait.source.region", "region-z");
            client.createTable(replica);
        }

        assertThat(eventsOf("replicas")).extracting(CapturedEvent::type, CapturedEvent::origin).containsExactly(
                tuple(EventType.CREATE_DATABASE, CapturedEvent.ORIGIN_WRITER),
                tuple(EventType.CREATE_TABLE, CapturedEvent.ORIGIN_STRAIT));
    }

    @Test
    void aRenameCarriesTheOldNameAndEveryPartitionUnderTheNewName() throws Exception {
        String location = metastore.externalRootUri() + "/moves.db/orders";
        try (IMetaStoreClient client = TestingListenerRegion.client(metastore)) {
            client.createDatabase(TestingListenerRegion.database("moves"));
            Table orders = TestingListenerRegion.externalTable("moves", "orders", location);
            client.createTable(orders);
            client.add_partitions(new ArrayList<>(List.of(TestingListenerRegion.partition(orders, "2024-01-01"),
                    TestingListenerRegion.partition(orders, "2024-01-02"))));
            Table renamed = client.getTable("moves", "orders");
            renamed.setTableName("orders_v2");
            client.alter_table("moves", "orders", renamed);
        }

        CapturedEvent rename = eventsOf("moves").stream().filter(event -> event.type() == EventType.ALTER_TABLE)
                .findFirst().orElseThrow();
        assertThat(rename.table()).isEqualTo("orders_v2");
        assertThat(rename.snapshot().previousTable().ref().table()).isEqualTo("orders");
        assertThat(rename.snapshot().partitions()).extracting(partition -> partition.ref().table().table(),
                partition -> partition.ref().values()).containsExactly(tuple("orders_v2", List.of("2024-01-01")),
                tuple("orders_v2", List.of("2024-01-02")));
        assertThat(rename.snapshot().partitions()).extracting(PartitionSnapshot::location)
                .containsExactly(location + "/ds=2024-01-01", location + "/ds=2024-01-02");
    }

    /** The recorded events of one database (each test uses its own), in id order. */
    private static List<CapturedEvent> eventsOf(String database) {
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

    private static void assertCreatedTable(EventSnapshot snapshot, String tableLocation) {
        assertThat(snapshot.table().location()).isEqualTo(tableLocation);
        assertThat(snapshot.table().tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(snapshot.table().columns()).containsExactly(new ColumnSpec("id", "bigint", "row id"),
                new ColumnSpec("amount", "double", ""));
        assertThat(snapshot.table().partitionKeys()).containsExactly(ColumnSpec.of("ds", "string"));
        assertThat(snapshot.table().storage()).isEqualTo(StorageFormat.PARQUET);
        assertThat(snapshot.table().parameters()).containsEntry("owner-team", "finance").containsEntry("EXTERNAL",
                "TRUE");
        assertThat(snapshot.table().owner()).isEqualTo(Owner.user("etl"));
    }

    private static void assertAddedPartitions(EventSnapshot snapshot, String tableLocation) {
        assertThat(values(snapshot.partitions())).containsExactly(List.of("2024-01-01"), List.of("2024-01-02"));
        assertThat(snapshot.partitions()).extracting(PartitionSnapshot::location)
                .containsExactly(tableLocation + "/ds=2024-01-01", tableLocation + "/ds=2024-01-02");
        assertThat(snapshot.table().ref().table()).isEqualTo("orders");
    }

    private static void assertAlteredPartition(EventSnapshot snapshot) {
        assertThat(snapshot.partitions()).hasSize(1);
        assertThat(snapshot.partitions().get(0).parameters()).containsEntry("quality", "checked");
        assertThat(snapshot.previousPartitions()).hasSize(1);
        assertThat(snapshot.previousPartitions().get(0).parameters()).doesNotContainKey("quality");
    }

    private static void assertInsert(EventSnapshot snapshot, String tableLocation, String insertedFile) {
        assertThat(values(snapshot.partitions())).containsExactly(List.of("2024-01-01"));
        assertThat(snapshot.partitions().get(0).location()).isEqualTo(tableLocation + "/ds=2024-01-01");
        assertThat(snapshot.insertedFiles()).containsExactly(insertedFile);
    }

    private static List<List<String>> values(List<PartitionSnapshot> partitions) {
        return partitions.stream().map(partition -> partition.ref().values()).toList();
    }

}
