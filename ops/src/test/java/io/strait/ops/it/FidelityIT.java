package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.metastore.ColumnStatistic;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.ReplicaForm;
import io.strait.common.metastore.SerdeDetails;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.StraitParameters;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.Locations;
import io.strait.common.region.RegionId;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.regionio.ThriftMetastoreGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.ColumnStatistics;
import org.apache.hadoop.hive.metastore.api.ColumnStatisticsData;
import org.apache.hadoop.hive.metastore.api.ColumnStatisticsDesc;
import org.apache.hadoop.hive.metastore.api.ColumnStatisticsObj;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.LongColumnStatsData;
import org.apache.hadoop.hive.metastore.api.Order;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.PrincipalType;
import org.apache.hadoop.hive.metastore.api.SQLCheckConstraint;
import org.apache.hadoop.hive.metastore.api.SQLDefaultConstraint;
import org.apache.hadoop.hive.metastore.api.SQLForeignKey;
import org.apache.hadoop.hive.metastore.api.SQLNotNullConstraint;
import org.apache.hadoop.hive.metastore.api.SQLPrimaryKey;
import org.apache.hadoop.hive.metastore.api.SQLUniqueConstraint;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.SerdeType;
import org.apache.hadoop.hive.metastore.api.SkewedInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf;
import org.apache.thrift.TException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica equals its source in every field a Hive reader or engine uses, one test per field group, on two real
 * metastore processes: each test changes region A through its Thrift API only, waits until Strait has replicated
 * it, asserts field by field that region B equals region A (apart from locations and Strait's own parameters),
 * that reconcile calls the table CONSISTENT, and that reconcile names the right class once the field is changed in
 * region B behind Strait's back.
 */
class FidelityIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String DB = "fidelity";
    private static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    private static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    private static final String LAZY_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";

    @TempDir
    static Path work;

    private static TwoRegionPipeline pipeline;
    private static StraitRuntime strait;
    private static String schedulerName;
    private static IMetaStoreClient sourceClient;
    private static IMetaStoreClient targetClient;
    private static ThriftMetastoreGateway regionA;
    private static ThriftMetastoreGateway regionB;

    @BeforeAll
    static void startRegionsAndStrait() throws Exception {
        pipeline = new TwoRegionPipeline(work, DB + ".*");
        schedulerName = "strait-fidelity-" + System.nanoTime();
        strait = StraitRuntime.open(new StraitConfigLoader().load(pipeline.configFile), schedulerName,
                Clock.systemUTC());
        strait.start();
        sourceClient = client(pipeline.regionA.metastoreUri());
        targetClient = client(pipeline.regionB.metastoreUri());
        regionA = ThriftMetastoreGateway.connect(RegionId.of("a"), pipeline.regionA.metastoreUri());
        regionB = ThriftMetastoreGateway.connect(RegionId.of("b"), pipeline.regionB.metastoreUri());
        Database database = new Database(DB, "what the fidelity tests replicate", dir(DB + ".db").toUri().toString(),
                new HashMap<>(Map.of("team", "data-platform", "retention", "30d")));
        database.setOwnerName("analysts");
        database.setOwnerType(PrincipalType.ROLE);
        database.setManagedLocationUri(dir(DB + "_managed.db").toUri().toString());
        sourceClient.createDatabase(database);
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(regionA, regionB, () -> sourceClient.close(), () -> targetClient.close(), strait,
                pipeline);
    }

    @Test
    void databaseDescriptionOwnerAndParametersAreReplicated() throws Exception {
        TableRef table = TableRef.of(DB, "anchor");
        createTable(table, List.of(col("x", "int")), List.of(), textStorage(), Map.of());
        awaitReplicated(table);

        DatabaseSnapshot source = regionA.getDatabase(DB).orElseThrow();
        DatabaseSnapshot replica = regionB.getDatabase(DB).orElseThrow();
        assertThat(replica.description()).isEqualTo(source.description());
        assertThat(replica.owner()).isEqualTo(source.owner());
        assertThat(source.managedLocation()).endsWith("/" + DB + "_managed.db");
        assertThat(replica.managedLocation()).as("mapped to region b's root")
                .isEqualTo(pipeline.regionB.externalRootUri() + "/" + DB + "_managed.db");
        assertThat(StraitParameters.comparable(replica.parameters())).isEqualTo(
                StraitParameters.comparable(source.parameters())).containsEntry("team", "data-platform");
        assertConsistent(table);

        Database changed = targetClient.getDatabase(DB);
        changed.getParameters().put("team", "someone-else");
        targetClient.alterDatabase(DB, changed);
        assertThat(reconcileClasses(table)).containsExactly("DATABASE_DRIFT");
        changed.getParameters().put("team", "data-platform");
        targetClient.alterDatabase(DB, changed);
    }

    @Test
    void locationsAreJudgedAndRepairedWhereTheMetastoreSendsNoEvent() throws Exception {
        TableRef table = TableRef.of(DB, "placed");
        createTable(table, List.of(col("x", "int")), List.of(col("p", "string")), textStorage(), Map.of());
        addPartition(table, "1");
        awaitReplicated(table);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(regionB.listPartitions(table)).hasSize(1));
        awaitDrained();
        assertConsistent(table);

        // Hive Metastore 4 tells no listener of an ALTER DATABASE that keeps owner and parameters: reconcile finds it
        Database source = sourceClient.getDatabase(DB);
        String originalLocation = source.getLocationUri();
        source.setLocationUri(dir(DB + "_moved.db").toUri().toString());
        sourceClient.alterDatabase(DB, source);
        assertThat(reconcileClasses(table)).containsExactly("DATABASE_DRIFT");
        assertRepaired(table);
        assertThat(Locations.canonical(regionB.getDatabase(DB).orElseThrow().location()))
                .isEqualTo(pipeline.regionB.externalRootUri() + "/" + DB + "_moved.db");
        source.setLocationUri(originalLocation);
        sourceClient.alterDatabase(DB, source);
        assertRepaired(table);

        Partition repointed = targetClient.getPartition(DB, table.table(), List.of("1"));
        Path byHand = Files.createDirectories(Path.of(pipeline.regionB.externalRoot().toString(), "by-hand", "p=1"));
        Files.copy(Path.of(java.net.URI.create(repointed.getSd().getLocation() + "/part-0")),
                byHand.resolve("part-0"));
        repointed.getSd().setLocation(byHand.toUri().toString());
        targetClient.alter_partition(DB, table.table(), repointed);
        assertThat(reconcileClasses(table)).as("the same files, but not where Strait placed them")
                .containsExactly("LOCATION_DRIFT");
        assertRepaired(table);
        assertThat(regionB.getPartition(PartitionRef.of(table, List.of("1"))).orElseThrow().location())
                .contains("/_strait_v");
    }

    @Test
    void aPartitionKeepsItsOwnColumnsAfterTheTableGainsAColumn() throws Exception {
        TableRef table = TableRef.of(DB, "evolving");
        createTable(table, List.of(col("x", "int")), List.of(col("p", "string")), textStorage(), Map.of());
        addPartition(table, "1");
        Table evolved = sourceClient.getTable(DB, table.table());
        evolved.getSd().addToCols(col("y", "string"));
        sourceClient.alter_table(DB, table.table(), evolved);
        awaitReplicated(table);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(regionB.getTable(table).orElseThrow().columns()).hasSize(2));
        awaitDrained();

        PartitionRef partition = PartitionRef.of(table, List.of("1"));
        assertThat(regionA.getPartition(partition).orElseThrow().columns()).extracting("name").containsExactly("x");
        assertPartitionsEqual(partition);
        assertTablesEqual(table);
        assertConsistent(table);

        Partition drifted = targetClient.getPartition(DB, table.table(), List.of("1"));
        drifted.getSd().addToCols(col("y", "string"));
        targetClient.alter_partition(DB, table.table(), drifted);
        assertThat(reconcileClasses(table)).containsExactly("SCHEMA_DRIFT");
    }

    @Test
    void bucketedAndSortedTablesKeepTheirBuckets() throws Exception {
        TableRef table = TableRef.of(DB, "bucketed");
        StorageDescriptor storage = textStorage();
        storage.setNumBuckets(4);
        storage.setBucketCols(new ArrayList<>(List.of("x")));
        storage.setSortCols(new ArrayList<>(List.of(new Order("x", 1), new Order("y", 0))));
        createTable(table, List.of(col("x", "int"), col("y", "string")), List.of(), storage, Map.of());
        awaitReplicated(table);

        TableSnapshot replica = regionB.getTable(table).orElseThrow();
        assertThat(replica.storage().bucketing().numBuckets()).isEqualTo(4);
        assertThat(replica.storage().bucketing().bucketColumns()).containsExactly("x");
        assertTablesEqual(table);
        assertConsistent(table);

        Table drifted = targetClient.getTable(DB, table.table());
        drifted.getSd().setNumBuckets(8);
        targetClient.alter_table(DB, table.table(), drifted);
        assertThat(reconcileClasses(table)).containsExactly("BUCKETING_DRIFT");
    }

    @Test
    void skewedTablesKeepSkewedValuesAndLocationsRelativeToTheirData() throws Exception {
        TableRef table = TableRef.of(DB, "skewed");
        String location = dir(DB + ".db", "skewed").toUri().toString();
        StorageDescriptor storage = textStorage();
        SkewedInfo skew = new SkewedInfo(new ArrayList<>(List.of("x")),
                new ArrayList<>(List.of(List.of("1"), List.of("2"))), new HashMap<>());
        skew.putToSkewedColValueLocationMaps(List.of("1"), location + "/x=1");
        storage.setSkewedInfo(skew);
        storage.setStoredAsSubDirectories(true);
        Files.createDirectories(dir(DB + ".db", "skewed", "x=1"));
        Files.writeString(dir(DB + ".db", "skewed", "x=1").resolve("part-0"), "1\n1\n");
        createTable(table, List.of(col("x", "int")), List.of(), storage, Map.of());
        awaitReplicated(table);

        TableSnapshot replica = regionB.getTable(table).orElseThrow();
        assertThat(replica.storage().skew().values()).containsExactly(List.of("1"), List.of("2"));
        assertThat(replica.storage().skew().locations()).singleElement().satisfies(skewed ->
                assertThat(skewed.location()).isEqualTo(replica.location() + "/x=1"));
        assertThat(replica.storage().storedAsSubDirectories()).isTrue();
        assertTablesEqual(table);
        assertConsistent(table);

        Table drifted = targetClient.getTable(DB, table.table());
        drifted.getSd().getSkewedInfo().setSkewedColValues(new ArrayList<>(List.of(List.of("1"))));
        targetClient.alter_table(DB, table.table(), drifted);
        assertThat(reconcileClasses(table)).containsExactly("SKEW_DRIFT");
    }

    @Test
    void aViewIsReplicatedAsMetadataWithItsText() throws Exception {
        TableRef base = TableRef.of(DB, "base");
        createTable(base, List.of(col("x", "int")), List.of(), textStorage(), Map.of());
        TableRef view = TableRef.of(DB, "recent");
        Table thrift = new Table();
        thrift.setDbName(DB);
        thrift.setTableName(view.table());
        thrift.setTableType("VIRTUAL_VIEW");
        thrift.setOwner("alice");
        thrift.setOwnerType(PrincipalType.USER);
        StorageDescriptor storage = new StorageDescriptor();
        storage.setCols(List.of(col("x", "int")));
        storage.setSerdeInfo(new SerDeInfo());
        thrift.setSd(storage);
        thrift.setPartitionKeys(List.of());
        thrift.setParameters(new HashMap<>(Map.of("comment", "recent rows")));
        thrift.setViewOriginalText("select x from base where x > 0");
        thrift.setViewExpandedText("select `base`.`x` from `fidelity`.`base` where `base`.`x` > 0");
        sourceClient.createTable(thrift);
        awaitReplicated(view);

        TableSnapshot replica = regionB.getTable(view).orElseThrow();
        assertThat(replica.tableType()).isEqualTo("VIRTUAL_VIEW");
        assertThat(replica.view().expandedText()).contains("`fidelity`.`base`");
        assertThat(replica.location()).isEmpty();
        assertTablesEqual(view);
        assertConsistent(view);

        Table drifted = targetClient.getTable(DB, view.table());
        drifted.setViewExpandedText("select 1");
        targetClient.alter_table(DB, view.table(), drifted);
        assertThat(reconcileClasses(view)).containsExactly("VIEW_DRIFT");
    }

    @Test
    void serdeNameAndParametersAreReplicated() throws Exception {
        TableRef table = TableRef.of(DB, "piped");
        StorageDescriptor storage = textStorage();
        SerDeInfo serde = new SerDeInfo("pipes", LAZY_SERDE,
                new HashMap<>(Map.of("field.delim", "|", "serialization.format", "|", "escape.delim", "\\")));
        serde.setDescription("pipe-separated text");
        serde.setSerializerClass("org.example.PipeWriter");
        serde.setDeserializerClass("org.example.PipeReader");
        serde.setSerdeType(SerdeType.HIVE);
        storage.setSerdeInfo(serde);
        storage.setParameters(new HashMap<>(Map.of("sd.note", "kept")));
        createTable(table, List.of(col("x", "int"), col("y", "string")), List.of(), storage,
                Map.of("skip.header.line.count", "1"));
        awaitReplicated(table);

        StorageFormat replica = regionB.getTable(table).orElseThrow().storage();
        assertThat(replica.serdeName()).isEqualTo("pipes");
        assertThat(replica.serdeParameters()).containsEntry("field.delim", "|").containsEntry("escape.delim", "\\");
        assertThat(replica.parameters()).containsEntry("sd.note", "kept");
        assertThat(replica.serdeDetails()).isEqualTo(new SerdeDetails("pipe-separated text", "org.example.PipeWriter",
                "org.example.PipeReader", "HIVE"));
        assertThat(regionB.getTable(table).orElseThrow().parameters())
                .containsEntry("skip.header.line.count", "1").doesNotContainKey("external.table.purge");
        assertTablesEqual(table);
        assertConsistent(table);

        Table drifted = targetClient.getTable(DB, table.table());
        drifted.getSd().getSerdeInfo().getParameters().put("field.delim", ",");
        targetClient.alter_table(DB, table.table(), drifted);
        assertThat(reconcileClasses(table)).containsExactly("STORAGE_DRIFT");
    }

    @Test
    void basicAndColumnStatisticsAreReplicatedForTablesAndPartitionsWhenWritten() throws Exception {
        TableRef table = TableRef.of(DB, "analyzed");
        createTable(table, List.of(col("x", "bigint")), List.of(), textStorage(),
                Map.of("numRows", "2", "rawDataSize", "4"));
        ColumnStatisticsDesc tableDesc = new ColumnStatisticsDesc(true, DB, table.table());
        sourceClient.updateTableColumnStatistics(columnStatistics(tableDesc, 1, 2, 2));
        TableRef partitioned = TableRef.of(DB, "analyzed_by_day");
        createTable(partitioned, List.of(col("x", "bigint")), List.of(col("p", "string")), textStorage(), Map.of());
        addPartition(partitioned, "1");
        ColumnStatisticsDesc partitionDesc = new ColumnStatisticsDesc(false, DB, partitioned.table());
        partitionDesc.setPartName("p=1");
        sourceClient.updatePartitionColumnStatistics(columnStatistics(partitionDesc, 5, 9, 2));
        awaitReplicated(table);
        PartitionRef partition = PartitionRef.of(partitioned, List.of("1"));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(regionB.getPartitionColumnStatistics(
                regionB.getTable(partitioned).orElseThrow(), List.of(partition))).containsKey(partition));
        awaitDrained();

        List<ColumnStatistic> sourceStatistics = regionA.getTableColumnStatistics(table);
        assertThat(sourceStatistics).hasSize(1);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(regionB.getTableColumnStatistics(table)).isEqualTo(sourceStatistics));
        awaitDrained();
        assertThat(regionB.getPartitionColumnStatistics(regionB.getTable(partitioned).orElseThrow(),
                List.of(partition))).isEqualTo(regionA.getPartitionColumnStatistics(
                        regionA.getTable(partitioned).orElseThrow(), List.of(partition)));
        assertThat(regionB.getTable(table).orElseThrow().parameters()).containsEntry("numRows", "2");
        assertTablesEqual(table);
        assertPartitionsEqual(partition);
        assertConsistent(table);
        assertConsistent(partitioned);

        targetClient.updateTableColumnStatistics(columnStatistics(tableDesc, 1, 99, 7));
        assertThat(reconcileClasses(table)).containsExactly("STATISTICS_DRIFT");
    }

    @Test
    void constraintsAreReplicatedWithTheirTablesAndFollowTheSource() throws Exception {
        TableRef customers = TableRef.of(DB, "keyed_customers");
        createTable(customers, List.of(col("id", "bigint"), col("email", "string")), List.of(), textStorage(),
                Map.of());
        sourceClient.addPrimaryKey(List.of(new SQLPrimaryKey(DB, customers.table(), "id", 1, "pk_customers", false,
                false, true)));
        sourceClient.addUniqueConstraint(List.of(new SQLUniqueConstraint("hive", DB, customers.table(), "email", 1,
                "uk_email", false, false, false)));
        awaitReplicated(customers);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(regionB.getConstraints(customers)).hasSize(2));
        TableRef orders = TableRef.of(DB, "keyed_orders");
        createTable(orders, List.of(col("id", "bigint"), col("customer", "bigint"), col("amount", "double"),
                col("note", "string")), List.of(col("p", "string")), textStorage(), Map.of());
        sourceClient.addPrimaryKey(List.of(new SQLPrimaryKey(DB, orders.table(), "id", 1, "pk_orders", false, false,
                true)));
        sourceClient.addForeignKey(List.of(new SQLForeignKey(DB, customers.table(), "id", DB, orders.table(),
                "customer", 1, 1, 1, "fk_customer", "pk_customers", false, false, true)));
        sourceClient.addNotNullConstraint(List.of(new SQLNotNullConstraint("hive", DB, orders.table(), "amount",
                "nn_amount", true, false, false)));
        sourceClient.addDefaultConstraint(List.of(new SQLDefaultConstraint("hive", DB, orders.table(), "note",
                "'none'", "df_note", true, false, false)));
        sourceClient.addCheckConstraint(List.of(new SQLCheckConstraint("hive", DB, orders.table(), "amount",
                "amount > 0", "ck_amount", true, false, false)));

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(regionB.getConstraints(orders)).isEqualTo(regionA.getConstraints(orders)).hasSize(5));
        awaitDrained();
        assertThat(regionB.getConstraints(customers)).isEqualTo(regionA.getConstraints(customers));
        assertConsistent(customers);
        assertConsistent(orders);

        sourceClient.dropConstraint(DB, orders.table(), "ck_amount");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(regionB.getConstraints(orders)).isEqualTo(regionA.getConstraints(orders)).hasSize(4));
        awaitDrained();
        targetClient.dropConstraint(DB, orders.table(), "nn_amount");
        assertThat(reconcileClasses(orders)).containsExactly("CONSTRAINT_DRIFT");
    }

    // ----- region A writes, through its metastore's Thrift API only

    private static void createTable(TableRef ref, List<FieldSchema> columns, List<FieldSchema> partitionKeys,
            StorageDescriptor storage, Map<String, String> parameters) throws Exception {
        Path location = dir(DB + ".db", ref.table());
        Files.createDirectories(location);
        if (partitionKeys.isEmpty() && !Files.exists(location.resolve("part-0"))) {
            Files.writeString(location.resolve("part-0"), "1\n2\n");
        }
        Table table = new Table();
        table.setDbName(DB);
        table.setTableName(ref.table());
        table.setTableType("EXTERNAL_TABLE");
        table.setOwner("writer");
        table.setOwnerType(PrincipalType.USER);
        Map<String, String> all = new HashMap<>(parameters);
        all.put("EXTERNAL", "TRUE");
        table.setParameters(all);
        table.setPartitionKeys(new ArrayList<>(partitionKeys));
        storage.setCols(new ArrayList<>(columns));
        storage.setLocation(location.toUri().toString());
        table.setSd(storage);
        sourceClient.createTable(table);
    }

    private static void addPartition(TableRef ref, String value) throws Exception {
        Path location = dir(DB + ".db", ref.table(), "p=" + value);
        Files.createDirectories(location);
        Files.writeString(location.resolve("part-0"), value + "\n");
        Table table = sourceClient.getTable(DB, ref.table());
        StorageDescriptor storage = table.getSd().deepCopy();
        storage.setLocation(location.toUri().toString());
        sourceClient.add_partition(new Partition(List.of(value), DB, ref.table(), 0, 0, storage, new HashMap<>()));
    }

    private static ColumnStatistics columnStatistics(ColumnStatisticsDesc desc, long low, long high, long distinct) {
        LongColumnStatsData longs = new LongColumnStatsData(0, distinct);
        longs.setLowValue(low);
        longs.setHighValue(high);
        ColumnStatistics statistics = new ColumnStatistics(desc,
                List.of(new ColumnStatisticsObj("x", "bigint", ColumnStatisticsData.longStats(longs))));
        statistics.setEngine("hive");
        return statistics;
    }

    // ----- assertions

    private static void awaitReplicated(TableRef ref) {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(regionB.getTable(ref)).isPresent());
        awaitDrained();
    }

    private static void awaitDrained() {
        await().atMost(WAIT).pollDelay(Duration.ofMillis(500)).until(() -> strait.isDrained());
    }

    /** B's table equals A's in every field a reader uses: all but locations and Strait's own parameters. */
    private static void assertTablesEqual(TableRef ref) {
        TableSnapshot source = regionA.getTable(ref).orElseThrow();
        TableSnapshot replica = regionB.getTable(ref).orElseThrow();
        assertThat(comparable(replica)).isEqualTo(comparable(ReplicaForm.table(source)));
    }

    private static void assertPartitionsEqual(PartitionRef ref) {
        PartitionSnapshot source = regionA.getPartition(ref).orElseThrow();
        PartitionSnapshot replica = regionB.getPartition(ref).orElseThrow();
        assertThat(replica.columns()).isEqualTo(source.columns());
        assertThat(relativeSkew(replica.storage(), replica.location()))
                .isEqualTo(relativeSkew(source.storage(), source.location()));
        assertThat(StraitParameters.comparable(replica.parameters()))
                .isEqualTo(StraitParameters.comparable(source.parameters()));
    }

    private static TableSnapshot comparable(TableSnapshot table) {
        return table.withStorage(relativeSkew(table.storage(), table.location())).withLocation("")
                .withParameters(StraitParameters.comparable(table.parameters()));
    }

    private static StorageFormat relativeSkew(StorageFormat storage, String location) {
        return ReplicaForm.relocated(storage, location, "<location>");
    }

    /** {@code strait reconcile --repair} on {@code ref} succeeds, and the table is consistent after. */
    private static void assertRepaired(TableRef ref) {
        CliCapture.Result repair = CliCapture.run("reconcile", "--config", pipeline.configFile.toString(), "--repair",
                "--scheduler-name", schedulerName, "--timeout", "120", ref.toString());
        assertThat(repair.exitCode()).as(repair.all()).isZero();
        awaitDrained();
        assertConsistent(ref);
    }

    private static void assertConsistent(TableRef ref) {
        assertThat(reconcileClasses(ref)).as("divergences of " + ref).isEmpty();
    }

    /** The classes reconcile reports for {@code ref} now, through the CLI, in its JSON output. */
    private static List<String> reconcileClasses(TableRef ref) {
        CliCapture.Result result = CliCapture.run("reconcile", "--config", pipeline.configFile.toString(),
                "--json", ref.toString());
        assertThat(result.exitCode()).as(result.out()).isIn(0, 1);
        try {
            JsonNode report = new ObjectMapper().readTree(result.out());
            assertThat(report.get("status").asText()).as(result.out()).isNotEqualTo("FAILED");
            List<String> classes = new ArrayList<>();
            report.get("divergences").forEach(divergence -> classes.add(divergence.get("class").asText()));
            assertThat(result.exitCode()).isEqualTo(classes.isEmpty() ? 0 : 1);
            return classes;
        } catch (java.io.IOException e) {
            throw new AssertionError("reconcile printed no JSON: " + result.out(), e);
        }
    }

    // ----- helpers

    private static IMetaStoreClient client(String uri) throws TException {
        org.apache.hadoop.conf.Configuration conf = MetastoreConf.newMetastoreConf();
        MetastoreConf.setVar(conf, MetastoreConf.ConfVars.THRIFT_URIS, uri);
        return new HiveMetaStoreClient(conf);
    }

    private static StorageDescriptor textStorage() {
        StorageDescriptor storage = new StorageDescriptor();
        storage.setInputFormat(TEXT_INPUT);
        storage.setOutputFormat(TEXT_OUTPUT);
        storage.setSerdeInfo(new SerDeInfo("text", LAZY_SERDE, new HashMap<>(Map.of("serialization.format", ","))));
        storage.setParameters(new HashMap<>());
        return storage;
    }

    private static FieldSchema col(String name, String type) {
        return new FieldSchema(name, type, name + " column");
    }

    private static Path dir(String... parts) {
        return Path.of(pipeline.regionA.externalRoot().toString(), parts);
    }
}
