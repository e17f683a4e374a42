package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableRef;
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
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table renamed in region A ends renamed and complete in region B, on two real metastore processes: the replica
 * under the old name is gone, the replica under the new name has every partition with its data, and reconcile of the
 * database (every byte read) is CONSISTENT. A partition renamed in region A ends under its new values only.
 */
class RenameIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String DB = "moves";
    private static final List<String> DAYS = List.of("2024-01-01", "2024-01-02", "2024-01-03");

    @TempDir
    static Path work;

    private static TwoRegionPipeline pipeline;
    private static StraitRuntime strait;
    private static IMetaStoreClient sourceClient;
    private static ThriftMetastoreGateway regionB;

    @BeforeAll
    static void startRegionsAndStrait() throws Exception {
        pipeline = new TwoRegionPipeline(work, DB + ".*");
        strait = StraitRuntime.open(new StraitConfigLoader().load(pipeline.configFile),
                "strait-rename-" + System.nanoTime(), Clock.systemUTC());
        strait.start();
        org.apache.hadoop.conf.Configuration conf = MetastoreConf.newMetastoreConf();
        MetastoreConf.setVar(conf, MetastoreConf.ConfVars.THRIFT_URIS, pipeline.regionA.metastoreUri());
        sourceClient = new HiveMetaStoreClient(conf);
        regionB = ThriftMetastoreGateway.connect(RegionId.of("b"), pipeline.regionB.metastoreUri());
        sourceClient.createDatabase(new Database(DB, "", dir(DB + ".db").toUri().toString(), new HashMap<>()));
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(regionB, () -> sourceClient.close(), strait, pipeline);
    }

    @Test
    void aRenamedPartitionedTableEndsRenamedAndCompleteInTheTarget() throws Exception {
        TableRef before = TableRef.of(DB, "orders");
        TableRef after = TableRef.of(DB, "orders_by_day");
        createPartitionedTable(before);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(regionB.listPartitions(before)).hasSize(DAYS.size()));
        awaitDrained();
        Map<List<String>, String> versionsBefore = new HashMap<>();
        regionB.listPartitions(before).forEach(partition -> versionsBefore.put(partition.ref().values(),
                partition.location()));
        String tableLocationBefore = regionB.getTable(before).orElseThrow().location();

        Table renamed = sourceClient.getTable(DB, before.table());
        renamed.setTableName(after.table());
        sourceClient.alter_table(DB, before.table(), renamed);

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(regionB.getTable(before)).isEmpty();
            assertThat(regionB.listPartitions(after)).hasSize(DAYS.size());
        });
        awaitDrained();
        assertThat(regionB.listTables(DB)).containsExactly(after.table());
        assertThat(regionB.listPartitions(after)).extracting(partition -> partition.ref().values().get(0))
                .containsExactlyInAnyOrderElementsOf(DAYS);
        assertThat(regionB.listPartitions(after)).extracting(PartitionSnapshot::location)
                .allMatch(location -> location.startsWith(pipeline.regionB.externalRootUri()));
        // renamed in place: every partition keeps the version folder it had, nothing was copied again
        for (PartitionSnapshot partition : regionB.listPartitions(after)) {
            assertThat(partition.location()).isEqualTo(versionsBefore.get(partition.ref().values()));
        }
        assertThat(regionB.getTable(after).orElseThrow().location()).isEqualTo(tableLocationBefore);
        CliCapture.Result jobs = CliCapture.run("jobs", "--config", pipeline.configFile.toString(), "--limit", "100");
        assertThat(jobs.out()).contains("RENAME_TABLE").doesNotContain("FAILED");
        List<JsonNode> scans = reconcile(DB);
        assertThat(scans).extracting(scan -> scan.get("table").asText()).contains(after.toString());
        assertThat(scans).allSatisfy(scan -> {
            assertThat(scan.get("status").asText()).as(scan.toString()).isEqualTo("CONSISTENT");
            assertThat(scan.get("divergences")).as(scan.toString()).isEmpty();
        });
    }

    @Test
    void aRenamedPartitionEndsUnderItsNewValuesOnlyInTheTarget() throws Exception {
        TableRef events = TableRef.of(DB, "events");
        createPartitionedTable(events);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(regionB.listPartitions(events)).hasSize(DAYS.size()));
        awaitDrained();

        Partition renamed = sourceClient.getPartition(DB, events.table(), List.of(DAYS.get(0)));
        renamed.setValues(new ArrayList<>(List.of("2024-01-09")));
        sourceClient.renamePartition(DB, events.table(), List.of(DAYS.get(0)), renamed);

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(regionB.listPartitions(events)).extracting(partition -> partition.ref().values().get(0))
                        .containsExactlyInAnyOrder("2024-01-09", DAYS.get(1), DAYS.get(2)));
        awaitDrained();
        CliCapture.Result jobs = CliCapture.run("jobs", "--config", pipeline.configFile.toString(), "--table",
                events.toString());
        assertThat(jobs.out()).contains("DROP_PARTITION").doesNotContain("FAILED");
        assertThat(reconcile(DB)).filteredOn(scan -> scan.get("table").asText().equals(events.toString()))
                .singleElement().satisfies(scan -> {
                    assertThat(scan.get("status").asText()).as(scan.toString()).isEqualTo("CONSISTENT");
                    assertThat(scan.get("divergences")).as(scan.toString()).isEmpty();
                });
    }

    private static void createPartitionedTable(TableRef ref) throws Exception {
        Path location = dir(DB + ".db", ref.table());
        Files.createDirectories(location);
        Table table = new Table();
        table.setDbName(DB);
        table.setTableName(ref.table());
        table.setTableType("EXTERNAL_TABLE");
        table.setOwner("writer");
        table.setParameters(new HashMap<>(Map.of("EXTERNAL", "TRUE")));
        table.setPartitionKeys(new ArrayList<>(List.of(new FieldSchema("ds", "string", null))));
        StorageDescriptor storage = new StorageDescriptor();
        storage.setInputFormat("org.apache.hadoop.mapred.TextInputFormat");
        storage.setOutputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
        storage.setSerdeInfo(new SerDeInfo("text", "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                new HashMap<>(Map.of("serialization.format", ","))));
        storage.setParameters(new HashMap<>());
        storage.setCols(new ArrayList<>(List.of(new FieldSchema("id", "bigint", null))));
        storage.setLocation(location.toUri().toString());
        table.setSd(storage);
        sourceClient.createTable(table);
        List<Partition> partitions = new ArrayList<>();
        for (String day : DAYS) {
            Path folder = Files.createDirectories(location.resolve("ds=" + day));
            Files.writeString(folder.resolve("part-0"), day + ",1\n" + day + ",2\n");
            StorageDescriptor partitionStorage = storage.deepCopy();
            partitionStorage.setLocation(folder.toUri().toString());
            partitions.add(new Partition(List.of(day), DB, ref.table(), 0, 0, partitionStorage, new HashMap<>()));
        }
        sourceClient.add_partitions(partitions);
    }

    private static void awaitDrained() {
        await().atMost(WAIT).pollDelay(Duration.ofMillis(500)).until(() -> strait.isDrained());
    }

    /** Reconcile of {@code scope} (a database) through the CLI at bytes depth: one JSON scan per table. */
    private static List<JsonNode> reconcile(String scope) throws Exception {
        CliCapture.Result result = CliCapture.run("reconcile", "--config", pipeline.configFile.toString(),
                "--depth", "bytes", "--json", scope);
        assertThat(result.exitCode()).as(result.out()).isZero();
        List<JsonNode> scans = new ArrayList<>();
        for (String line : result.out().split("\n")) {
            if (line.trim().startsWith("{")) {
                scans.add(new ObjectMapper().readTree(line));
            }
        }
        assertThat(scans).as(result.out()).isNotEmpty();
        return scans;
    }

    private static Path dir(String... parts) {
        return Path.of(pipeline.regionA.externalRoot().toString(), parts);
    }
}
