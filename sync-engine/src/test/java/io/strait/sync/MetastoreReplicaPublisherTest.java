package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.Owner;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.job.ForeignKeyFollowUps;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.ForeignKeyRef;
import io.strait.common.metastore.RemoteSource;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.StraitParameters;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.publish.PartitionDrop;
import io.strait.common.publish.PartitionPublish;
import io.strait.common.publish.PublishContext;
import io.strait.common.publish.PublishOutcome;
import io.strait.common.publish.PublishOutcome.Status;
import io.strait.common.region.PathMapper;
import io.strait.common.region.RegionId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The publish rules against the in-memory metastore twin; {@code MetastoreReplicaPublisherIT} uses a real one. */
class MetastoreReplicaPublisherTest {
    static final RegionId A = RegionId.of("region-a");
    static final RegionId B = RegionId.of("region-b");
    static final TableRef SALES = TableRef.of("shop", "sales");
    static final PathMapper MAPPER = new PathMapper(A, Map.of("external", "hdfs://nn-a/ext"), B,
            Map.of("external", "hdfs://nn-b/ext"));
    static final TableSnapshot SOURCE_TABLE = new TableSnapshot(SALES, "MANAGED_TABLE", "hdfs://nn-a/ext/shop/sales",
            List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
            Map.of("owner.team", "payments", "external.table.purge", "TRUE", "transient_lastDdlTime", "1"), "alice");
    static final PartitionRef DAY_1 = PartitionRef.of(SALES, List.of("2024-01-01"));
    static final PartitionSnapshot SOURCE_PARTITION = new PartitionSnapshot(DAY_1,
            "hdfs://nn-a/ext/shop/sales/ds=2024-01-01", StorageFormat.PARQUET, Map.of("numFiles", "2"));
    static final String V1 = "hdfs://nn-b/ext/shop/sales/ds=2024-01-01/_strait_v10_1";
    static final String V2 = "hdfs://nn-b/ext/shop/sales/ds=2024-01-01/_strait_v11_1";

    private final InMemoryMetastoreGateway metastore = new InMemoryMetastoreGateway(B);
    private final MetastoreReplicaPublisher publisher = new MetastoreReplicaPublisher(metastore, MAPPER);

    static PublishContext event(long jobId, long eventId) {
        return new PublishContext(A, jobId, eventId, 1_700_000_000_000L + eventId);
    }

    @Test
    void aPartitionPublishCreatesAnExternalReplicaTableAtTheMappedLocation() {
        PublishOutcome outcome = publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);

        assertThat(outcome.status()).isEqualTo(Status.PUBLISHED);
        TableSnapshot table = metastore.getTable(SALES).orElseThrow();
        assertThat(table.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.location()).isEqualTo("hdfs://nn-b/ext/shop/sales");
        assertThat(table.columns()).isEqualTo(SOURCE_TABLE.columns());
        assertThat(table.partitionKeys()).isEqualTo(SOURCE_TABLE.partitionKeys());
        assertThat(table.storage()).isEqualTo(StorageFormat.PARQUET);
        assertThat(table.owner()).isEqualTo(Owner.user("alice"));
        assertThat(table.parameters()).containsEntry("EXTERNAL", "TRUE").containsEntry("external.table.purge", "TRUE")
                .containsEntry(StraitParameters.SOURCE_TABLE_TYPE, "MANAGED_TABLE")
                .containsEntry("owner.team", "payments").doesNotContainKey("transient_lastDdlTime");
        assertStraitParameters(table.parameters(), 100, "hdfs://nn-a/ext/shop/sales");
        assertThat(metastore.getDatabase("shop")).hasValueSatisfying(database ->
                assertStraitParameters(database.parameters(), 100, ""));
    }

    @Test
    void aDatabaseFollowsItsSourceIntoARemoteDatabaseWhenItsReplicaHoldsNoTable() {
        DatabaseSnapshot nativeShop = new DatabaseSnapshot("shop", "hdfs://nn-a/ext/shop.db", "", Map.of());
        DatabaseSnapshot remoteShop = nativeShop.withRemote(new RemoteSource("shop_jdbc", "shop_live"));
        publisher.publishDatabase(event(10, 100), nativeShop);

        PublishOutcome outcome = publisher.publishDatabase(event(11, 101), remoteShop);

        assertThat(outcome.status()).isEqualTo(Status.PUBLISHED);
        assertThat(outcome.detail()).contains("again as a remote database shop_live of data connector shop_jdbc")
                .contains("region region-b has no data connector shop_jdbc: reading database shop there fails");
        DatabaseSnapshot replica = metastore.getDatabase("shop").orElseThrow();
        assertThat(replica.remote()).isEqualTo(remoteShop.remote());
        assertThat(replica.location()).isEqualTo("hdfs://nn-b/ext/shop.db");
        assertStraitParameters(replica.parameters(), 101, "hdfs://nn-a/ext/shop.db");
    }

    @Test
    void onlyReplicasOfThisSourceLackingAKeyWaitForIt() {
        publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);
        TableRef manual = TableRef.of("shop", "manual");
        metastore.createTable(new TableSnapshot(manual, "EXTERNAL_TABLE", "hdfs://nn-b/ext/shop/manual",
                List.of(ColumnSpec.of("id", "bigint")), List.of(), StorageFormat.PARQUET, Map.of(), "bob"));

        List<ForeignKeyFollowUps.Waiting> waiting = publisher.lackingForeignKeys(event(11, 101), List.of(
                new ForeignKeyRef(SALES, "fk_sales_customer"), new ForeignKeyRef(manual, "fk_manual_customer"),
                new ForeignKeyRef(TableRef.of("shop", "absent"), "fk_absent_customer")));

        assertThat(waiting).as("a foreign table is never synced, an absent one waits for its own sync")
                .containsExactly(new ForeignKeyFollowUps.Waiting(SALES, 100));
    }

    @Test
    void aDatabaseHoldingTablesIsNeverDroppedToChangeItsKind() {
        publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);
        DatabaseSnapshot remoteShop = new DatabaseSnapshot("shop", "", "", Map.of())
                .withRemote(new RemoteSource("shop_jdbc", "shop_live"));

        assertThatThrownBy(() -> publisher.publishDatabase(event(11, 101), remoteShop))
                .isInstanceOf(StraitException.class)
                .hasMessageContaining("Cannot make database shop in region region-b a remote database shop_live of"
                        + " data connector shop_jdbc as in region region-a: the replica is a native holding 1"
                        + " table(s) (sales)");
        assertThat(metastore.getDatabase("shop").orElseThrow().remote().isRemote()).isFalse();
        assertThat(metastore.getTable(SALES)).isPresent();
    }

    @Test
    void addThenAlterSwitchesTheLocationAndReturnsTheReplacedOne() {
        PublishOutcome added = publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);
        PublishOutcome switched = publisher.publishPartition(event(11, 101), SOURCE_TABLE, SOURCE_PARTITION, V2);

        assertThat(added.replacedLocation()).isEmpty();
        assertThat(switched.status()).isEqualTo(Status.PUBLISHED);
        assertThat(switched.replacedLocation()).isEqualTo(V1);
        PartitionSnapshot replica = metastore.getPartition(DAY_1).orElseThrow();
        assertThat(replica.location()).isEqualTo(V2);
        assertThat(replica.storage()).isEqualTo(StorageFormat.PARQUET);
        assertThat(replica.parameters()).containsEntry("numFiles", "2");
        assertStraitParameters(replica.parameters(), 101, SOURCE_PARTITION.location());
    }

    @Test
    void aPublishNotNewerThanTheReplicaChangesNothing() {
        publisher.publishPartition(event(11, 101), SOURCE_TABLE, SOURCE_PARTITION, V2);

        for (long staleEvent : List.of(101L, 100L, 5L)) {
            PublishOutcome outcome = publisher.publishPartition(event(10, staleEvent), SOURCE_TABLE, SOURCE_PARTITION,
                    V1);

            assertThat(outcome.status()).isEqualTo(Status.SKIPPED_NEWER_REPLICA);
            assertThat(outcome.detail()).contains("101");
            assertThat(metastore.getPartition(DAY_1).orElseThrow().location()).isEqualTo(V2);
        }
    }

    @Test
    void repeatingTheSamePublishAfterAnUnknownOutcomeIsPublishedWithoutReplacing() {
        publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);
        PublishOutcome first = publisher.publishPartition(event(11, 101), SOURCE_TABLE, SOURCE_PARTITION, V2);

        PublishOutcome retried = publisher.publishPartition(event(11, 101), SOURCE_TABLE, SOURCE_PARTITION, V2);

        assertThat(first.replacedLocation()).isEqualTo(V1);
        assertThat(retried.status()).isEqualTo(Status.PUBLISHED);
        assertThat(retried.replacedLocation()).isEmpty();
    }

    @Test
    void aBatchGivesEachPartitionTheOutcomeItWouldHaveAlone() {
        PartitionSnapshot day2 = partitionOf("2024-01-02");
        PartitionSnapshot day3 = partitionOf("2024-01-03");
        PartitionSnapshot day4 = partitionOf("2024-01-04");
        PartitionSnapshot day5 = partitionOf("2024-01-05");
        publisher.publishPartition(event(1, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);
        publisher.publishPartition(event(2, 100), SOURCE_TABLE, day2, versionOf(day2, 2));
        publisher.publishPartition(event(3, 300), SOURCE_TABLE, day3, versionOf(day3, 3));
        metastore.addPartition(day4.withLocation("hdfs://nn-b/theirs"));

        List<PublishOutcome> outcomes = publisher.publishPartitions(SOURCE_TABLE, List.of(
                new PartitionPublish(event(11, 101), SOURCE_PARTITION, V2),
                new PartitionPublish(event(2, 100), day2, versionOf(day2, 2)),
                new PartitionPublish(event(12, 200), day3, versionOf(day3, 12)),
                new PartitionPublish(event(13, 201), day4, versionOf(day4, 13)),
                new PartitionPublish(event(14, 202), day5, versionOf(day5, 14))));

        assertThat(outcomes).extracting(PublishOutcome::status).containsExactly(Status.PUBLISHED, Status.PUBLISHED,
                Status.SKIPPED_NEWER_REPLICA, Status.REFUSED_FOREIGN_OBJECT, Status.PUBLISHED);
        assertThat(outcomes.get(0).replacedLocation()).as("switched from v1").isEqualTo(V1);
        assertThat(outcomes.get(1).detail()).contains("already shows this publish");
        assertThat(outcomes.get(1).replacedLocation()).isEmpty();
        assertThat(outcomes.get(4).created()).isTrue();
        assertThat(metastore.getPartition(DAY_1).orElseThrow().location()).isEqualTo(V2);
        assertThat(metastore.getPartition(day3.ref()).orElseThrow().location()).isEqualTo(versionOf(day3, 3));
        assertThat(metastore.getPartition(day4.ref()).orElseThrow().location()).isEqualTo("hdfs://nn-b/theirs");
        assertThat(metastore.getPartition(day5.ref()).orElseThrow().location()).isEqualTo(versionOf(day5, 14));
        assertStraitParameters(metastore.getPartition(day5.ref()).orElseThrow().parameters(), 202, day5.location());
    }

    @Test
    void aBatchNamingOnePartitionTwiceIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> publisher.publishPartitions(SOURCE_TABLE, List.of(
                new PartitionPublish(event(11, 101), SOURCE_PARTITION, V1),
                new PartitionPublish(event(12, 102), SOURCE_PARTITION, V2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("each partition once");
        assertThat(metastore.getTable(SALES)).isEmpty();
    }

    private static PartitionSnapshot partitionOf(String day) {
        return new PartitionSnapshot(PartitionRef.of(SALES, List.of(day)), "hdfs://nn-a/ext/shop/sales/ds=" + day,
                StorageFormat.PARQUET, Map.of("numFiles", "1"));
    }

    private static String versionOf(PartitionSnapshot partition, long jobId) {
        return "hdfs://nn-b/ext/shop/sales/ds=" + partition.ref().values().get(0) + "/_strait_v" + jobId + "_1";
    }

    @Test
    void foreignObjectsAreNeverAlteredOrDropped() {
        metastore.createDatabase(new DatabaseSnapshot("shop", "", "", Map.of()));
        metastore.createTable(SOURCE_TABLE.withLocation("hdfs://nn-b/ext/shop/sales"));
        metastore.addPartition(SOURCE_PARTITION.withLocation("hdfs://nn-b/theirs"));

        assertThat(publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1).status())
                .isEqualTo(Status.REFUSED_FOREIGN_OBJECT);
        assertThat(publisher.publishTable(event(10, 100), SOURCE_TABLE, "").status())
                .isEqualTo(Status.REFUSED_FOREIGN_OBJECT);
        assertThat(publisher.dropPartition(event(10, 100), DAY_1).status()).isEqualTo(Status.REFUSED_FOREIGN_OBJECT);
        assertThat(publisher.dropTable(event(10, 100), SALES).status()).isEqualTo(Status.REFUSED_FOREIGN_OBJECT);
        assertThat(publisher.dropDatabase(event(10, 100), "shop").status()).isEqualTo(Status.REFUSED_FOREIGN_OBJECT);

        assertThat(metastore.getPartition(DAY_1).orElseThrow().location()).isEqualTo("hdfs://nn-b/theirs");
        assertThat(metastore.getTable(SALES).orElseThrow()).isEqualTo(SOURCE_TABLE.withLocation(
                "hdfs://nn-b/ext/shop/sales"));
    }

    @Test
    void aReplicaFromAnotherSourceRegionIsForeignToo() {
        publisher.publishPartition(new PublishContext(RegionId.of("region-c"), 1, 500, 0), SOURCE_TABLE,
                SOURCE_PARTITION, V1);

        PublishOutcome outcome = publisher.publishPartition(event(11, 900), SOURCE_TABLE, SOURCE_PARTITION, V2);

        assertThat(outcome.status()).isEqualTo(Status.REFUSED_FOREIGN_OBJECT);
        assertThat(outcome.detail()).contains("region-c", "region-a", "region-b");
    }

    @Test
    void partitionsMayBeAddedToAForeignDatabase() {
        metastore.createDatabase(new DatabaseSnapshot("shop", "", "theirs", Map.of()));

        assertThat(publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1).status())
                .isEqualTo(Status.PUBLISHED);
        assertThat(metastore.getDatabase("shop").orElseThrow().description()).isEqualTo("theirs");
    }

    @Test
    void dropsOfAbsentObjectsAreAlreadyAbsent() {
        assertThat(publisher.dropPartition(event(10, 100), DAY_1).status()).isEqualTo(Status.ALREADY_ABSENT);
        assertThat(publisher.dropTable(event(10, 100), SALES).status()).isEqualTo(Status.ALREADY_ABSENT);
        assertThat(publisher.dropDatabase(event(10, 100), "shop").status()).isEqualTo(Status.ALREADY_ABSENT);
        publisher.publishTable(event(10, 100), SOURCE_TABLE, "");
        assertThat(publisher.dropPartition(event(10, 100), DAY_1).status()).isEqualTo(Status.ALREADY_ABSENT);
    }

    @Test
    void dropsRemoveOwnedObjectsAndHandTheirLocationToHousekeeping() {
        publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);

        PublishOutcome partition = publisher.dropPartition(event(12, 102), DAY_1);
        PublishOutcome table = publisher.dropTable(event(13, 103), SALES);
        PublishOutcome database = publisher.dropDatabase(event(14, 104), "shop");

        assertThat(partition.status()).isEqualTo(Status.PUBLISHED);
        assertThat(partition.replacedLocation()).isEqualTo(V1);
        assertThat(table.replacedLocation()).isEqualTo("hdfs://nn-b/ext/shop/sales");
        assertThat(database.status()).isEqualTo(Status.PUBLISHED);
        assertThat(metastore.getDatabase("shop")).isEmpty();
    }

    @Test
    void aStaleDropIsSkipped() {
        publisher.publishPartition(event(10, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);

        assertThat(publisher.dropPartition(event(9, 99), DAY_1).status()).isEqualTo(Status.SKIPPED_NEWER_REPLICA);
        assertThat(metastore.getPartition(DAY_1)).isPresent();
    }

    @Test
    void aBatchOfDropsGivesEachPartitionTheOutcomeItWouldHaveAloneWithOneDropCall() {
        List<PartitionDrop> drops = setUpDropsOfEveryKind(metastore, publisher);
        InMemoryMetastoreGateway alone = new InMemoryMetastoreGateway(B);
        MetastoreReplicaPublisher alonePublisher = new MetastoreReplicaPublisher(alone, MAPPER);
        setUpDropsOfEveryKind(alone, alonePublisher);
        java.util.Map<String, Integer> calls = new java.util.HashMap<>();
        MetastoreReplicaPublisher counted = new MetastoreReplicaPublisher(counting(metastore, calls), MAPPER);

        List<PublishOutcome> outcomes = counted.dropPartitions(drops);

        assertThat(outcomes).extracting(PublishOutcome::status).containsExactly(Status.PUBLISHED, Status.PUBLISHED,
                Status.REFUSED_FOREIGN_OBJECT, Status.ALREADY_ABSENT, Status.SKIPPED_NEWER_REPLICA);
        assertThat(outcomes).as("each as its drop alone")
                .isEqualTo(drops.stream().map(drop -> alonePublisher.dropPartition(drop.context(), drop.partition()))
                        .toList());
        assertThat(outcomes.get(0).replacedLocation()).isEqualTo(V1);
        assertThat(metastore.listPartitions(SALES)).extracting(partition -> partition.ref().values().get(0))
                .containsExactly("2024-01-03", "2024-01-05");
        assertThat(alone.listPartitions(SALES)).isEqualTo(metastore.listPartitions(SALES));
        assertThat(calls).as("one read of the table, one of the partitions, one drop")
                .isEqualTo(Map.of("getTable", 1, "getPartitions", 1, "dropPartitions", 1));
    }

    @Test
    void aBatchOfDropsWithNothingToDropMakesNoDropCallAndOneOfTwoTablesIsRefused() {
        java.util.Map<String, Integer> calls = new java.util.HashMap<>();
        MetastoreReplicaPublisher counted = new MetastoreReplicaPublisher(counting(metastore, calls), MAPPER);

        assertThat(counted.dropPartitions(List.of(new PartitionDrop(event(20, 200), DAY_1))))
                .extracting(PublishOutcome::status).containsExactly(Status.ALREADY_ABSENT);
        assertThat(calls).as("the table is not there: nothing more to read").isEqualTo(Map.of("getTable", 1));
        assertThatThrownBy(() -> counted.dropPartitions(List.of(new PartitionDrop(event(20, 200), DAY_1),
                new PartitionDrop(event(21, 201), PartitionRef.of(TableRef.of("shop", "other"), List.of("x"))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("of one table");
    }

    /**
     * Partitions of every kind a drop meets, and their drops in order: two owned (dropped), a foreign one (refused),
     * an absent one (already absent), one carrying a newer event than its drop (skipped).
     */
    private static List<PartitionDrop> setUpDropsOfEveryKind(InMemoryMetastoreGateway metastore,
            MetastoreReplicaPublisher publisher) {
        PartitionSnapshot day2 = partitionOf("2024-01-02");
        PartitionSnapshot day3 = partitionOf("2024-01-03");
        PartitionSnapshot day5 = partitionOf("2024-01-05");
        publisher.publishPartition(event(1, 100), SOURCE_TABLE, SOURCE_PARTITION, V1);
        publisher.publishPartition(event(2, 100), SOURCE_TABLE, day2, versionOf(day2, 2));
        metastore.addPartition(day3.withLocation("hdfs://nn-b/theirs"));
        publisher.publishPartition(event(5, 500), SOURCE_TABLE, day5, versionOf(day5, 5));
        return List.of(new PartitionDrop(event(11, 101), DAY_1), new PartitionDrop(event(12, 102), day2.ref()),
                new PartitionDrop(event(13, 103), day3.ref()),
                new PartitionDrop(event(14, 104), partitionOf("2024-01-04").ref()),
                new PartitionDrop(event(15, 105), day5.ref()));
    }

    /** {@code delegate}, counting each call by method name (a batch call counts once). */
    private static io.strait.common.metastore.MetastoreGateway counting(
            io.strait.common.metastore.MetastoreGateway delegate, java.util.Map<String, Integer> calls) {
        return (io.strait.common.metastore.MetastoreGateway) java.lang.reflect.Proxy.newProxyInstance(
                MetastoreReplicaPublisherTest.class.getClassLoader(),
                new Class<?>[] {io.strait.common.metastore.MetastoreGateway.class}, (proxy, method, arguments) -> {
                    if (!method.getName().equals("region")) {
                        calls.merge(method.getName(), 1, Integer::sum);
                    }
                    try {
                        return method.invoke(delegate, arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void anUnpartitionedTableSwitchesToItsVersionFolder() {
        TableSnapshot source = new TableSnapshot(TableRef.of("shop", "dim"), "EXTERNAL_TABLE",
                "hdfs://nn-a/ext/shop/dim", List.of(ColumnSpec.of("k", "string")), List.of(), StorageFormat.PARQUET,
                Map.of("EXTERNAL", "TRUE"), "bob");
        String v1 = "hdfs://nn-b/ext/shop/dim/_strait_v20_1";
        String v2 = "hdfs://nn-b/ext/shop/dim/_strait_v21_1";

        PublishOutcome created = publisher.publishTable(event(20, 200), source, v1);
        PublishOutcome switched = publisher.publishTable(event(21, 201), source, v2);

        assertThat(created.replacedLocation()).isEmpty();
        assertThat(switched.replacedLocation()).isEqualTo(v1);
        assertThat(metastore.getTable(source.ref()).orElseThrow().location()).isEqualTo(v2);
        assertThat(publisher.publishTable(event(19, 199), source, v1).status())
                .isEqualTo(Status.SKIPPED_NEWER_REPLICA);
    }

    @Test
    void databasesGetTheMappedLocationOnlyUnderAMappedRoot() {
        publisher.publishDatabase(event(1, 1), new DatabaseSnapshot("mapped", "hdfs://nn-a/ext/mapped.db", "d",
                Map.of("k", "v")));
        publisher.publishDatabase(event(2, 2), new DatabaseSnapshot("unmapped", "hdfs://nn-a/warehouse/u.db", "",
                Map.of()));

        DatabaseSnapshot mapped = metastore.getDatabase("mapped").orElseThrow();
        assertThat(mapped.location()).isEqualTo("hdfs://nn-b/ext/mapped.db");
        assertThat(mapped.parameters()).containsEntry("k", "v");
        assertStraitParameters(mapped.parameters(), 1, "hdfs://nn-a/ext/mapped.db");
        assertThat(metastore.getDatabase("unmapped").orElseThrow().location()).isEmpty();
        assertThat(publisher.publishDatabase(event(1, 1), new DatabaseSnapshot("mapped", "", "", Map.of())).status())
                .isEqualTo(Status.SKIPPED_NEWER_REPLICA);
    }

    @Test
    void aNewerDatabaseEventAltersTheReplicasDescriptionAndParametersAndKeepsItsLocation() {
        publisher.publishDatabase(event(1, 1), new DatabaseSnapshot("sales", "hdfs://nn-a/ext/sales.db", "old",
                Map.of("owner-team", "payments")));

        PublishOutcome altered = publisher.publishDatabase(event(2, 5), new DatabaseSnapshot("sales",
                "hdfs://nn-a/ext/sales.db", "new", Map.of("owner-team", "fraud")));

        DatabaseSnapshot replica = metastore.getDatabase("sales").orElseThrow();
        assertThat(altered.status()).isEqualTo(Status.PUBLISHED);
        assertThat(replica.description()).isEqualTo("new");
        assertThat(replica.parameters()).containsEntry("owner-team", "fraud");
        assertThat(replica.location()).isEqualTo("hdfs://nn-b/ext/sales.db");
        assertStraitParameters(replica.parameters(), 5, "hdfs://nn-a/ext/sales.db");
    }

    @Test
    void aTableOutsideEveryMappedRootIsAUserError() {
        TableSnapshot unmapped = SOURCE_TABLE.withLocation("hdfs://nn-a/elsewhere/sales");

        assertThatThrownBy(() -> publisher.publishPartition(event(10, 100), unmapped, SOURCE_PARTITION, V1))
                .isInstanceOfSatisfying(StraitException.class,
                        error -> assertThat(error.category()).isEqualTo(ErrorCategory.USER_ERROR))
                .hasMessageContaining("hdfs://nn-a/elsewhere/sales");
        assertThat(metastore.getTable(SALES)).isEmpty();
        assertThat(metastore.getDatabase("shop")).isEmpty();
    }

    static void assertStraitParameters(Map<String, String> parameters, long eventId, String sourceLocation) {
        assertThat(parameters).containsEntry(StraitParameters.SOURCE_REGION, "region-a")
                .containsEntry(StraitParameters.SOURCE_EVENT_ID, Long.toString(eventId))
                .containsEntry(StraitParameters.SOURCE_LOCATION, sourceLocation)
                .containsKey(StraitParameters.REPLICATED_AT);
    }
}
