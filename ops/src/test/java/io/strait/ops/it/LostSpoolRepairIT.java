package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.embedded.EmbeddedRegion;
import io.strait.ops.demo.ListenerPlugin;
import io.strait.ops.demo.TwoRegionYaml;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.regionio.ThriftMetastoreGateway;
import io.strait.sql.listener.EventLoss;
import io.strait.sql.listener.JdbcListenerHealth;
import io.strait.sql.testing.TestingMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener's spool destroyed while it held an event (the state store refused it) is detected when the next
 * metastore process starts in that folder; Strait records the loss with its table, scans that table and repairs it
 * through REPAIR jobs, so the target converges: reconcile CONSISTENT. Real metastores, listener, MariaDB.
 */
class LostSpoolRepairIT {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final String DB = "lost";
    private static final TableRef ORDERS = TableRef.of(DB, "orders");

    @TempDir
    Path work;

    @Test
    void aDestroyedSpoolIsDetectedAndItsTableRepaired() throws Exception {
        Path spool = work.resolve("spool");
        try (TestingMariaDb store = TestingMariaDb.create();
                EmbeddedRegion regionB = EmbeddedRegion.builder("b", work.resolve("region-b")).start()) {
            EmbeddedRegion regionA = startRegionA(store, spool, 0);
            int port = regionA.port();
            Path config = work.resolve("strait.yaml");
            Files.writeString(config, new TwoRegionYaml(store.jdbcUrl(), store.user(), store.password(), regionA,
                    regionB, DB + ".*", Duration.ofMillis(300)).render());
            JdbcListenerHealth health = new JdbcListenerHealth(store.dataSource(), Clock.systemUTC());
            try (StraitRuntime strait = StraitRuntime.open(new StraitConfigLoader().load(config),
                    "strait-lost-spool-" + System.nanoTime(), Clock.systemUTC());
                    ThriftMetastoreGateway target = ThriftMetastoreGateway.connect(RegionId.of("b"),
                            regionB.metastoreUri())) {
                strait.start();
                try (IMetaStoreClient client = client(regionA)) {
                    client.createDatabase(new Database(DB, "", regionA.externalRoot().resolve(DB + ".db").toUri()
                            .toString(), new HashMap<>()));
                    createTable(client, regionA);
                    addPartition(client, regionA, "2024-01-01");
                }
                await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(target.getPartition(
                        partition("2024-01-01"))).isPresent());

                execute(store, "RENAME TABLE hms_event TO hms_event_away");
                try (IMetaStoreClient client = client(regionA)) {
                    addPartition(client, regionA, "2024-01-02");
                }
                await().atMost(WAIT).until(() -> health.instances("a", Duration.ofMinutes(3)).stream()
                        .anyMatch(instance -> instance.spoolDepth() == 1
                                && instance.spooledTables().contains(ORDERS.toString())));
                regionA.close();
                deleteRecursively(spool);
                execute(store, "RENAME TABLE hms_event_away TO hms_event");
                regionA = startRegionA(store, spool, port);
                try {
                    await().atMost(WAIT).until(() -> health.losses().stream()
                            .anyMatch(loss -> loss.tables().contains(ORDERS.toString())));
                    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(target.getPartition(
                            partition("2024-01-02"))).isPresent());
                    await().atMost(WAIT).pollDelay(Duration.ofMillis(500)).until(strait::isDrained);

                    EventLoss loss = health.losses().get(0);
                    assertThat(loss.tables()).containsExactly(ORDERS.toString());
                    JsonNode scan = reconcile(config);
                    assertThat(scan.get("status").asText()).as(scan.toString()).isEqualTo("CONSISTENT");
                    assertThat(scan.get("divergences")).as(scan.toString()).isEmpty();
                    CliCapture.Result report = CliCapture.run("report", "--config", config.toString());
                    assertThat(report.out()).contains("lost events: ", "tables " + ORDERS);
                    CliCapture.Result jobs = CliCapture.run("jobs", "--config", config.toString(), "--table",
                            ORDERS.toString());
                    assertThat(jobs.out()).as("the partition came back through a repair job").contains("REPAIR");
                } finally {
                    regionA.close();
                }
            }
        }
    }

    private EmbeddedRegion startRegionA(TestingMariaDb store, Path spool, int port) {
        Map<String, String> settings = new HashMap<>(ListenerPlugin.settings(RegionId.of("a"), store.jdbcUrl(),
                store.user(), store.password(), spool));
        settings.put("strait.listener.heartbeat-interval", "500ms");
        EmbeddedRegion.Builder builder = EmbeddedRegion.builder("a", work.resolve("region-a"))
                .extraClasspath(ListenerPlugin.classpath()).configuration(settings);
        return (port == 0 ? builder : builder.port(port)).start();
    }

    private static PartitionRef partition(String day) {
        return PartitionRef.of(ORDERS, List.of(day));
    }

    private static IMetaStoreClient client(EmbeddedRegion region) throws Exception {
        org.apache.hadoop.conf.Configuration conf = MetastoreConf.newMetastoreConf();
        MetastoreConf.setVar(conf, MetastoreConf.ConfVars.THRIFT_URIS, region.metastoreUri());
        return new HiveMetaStoreClient(conf);
    }

    private static StorageDescriptor storage(String location) {
        StorageDescriptor storage = new StorageDescriptor();
        storage.setInputFormat("org.apache.hadoop.mapred.TextInputFormat");
        storage.setOutputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
        storage.setSerdeInfo(new SerDeInfo("text", "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                new HashMap<>(Map.of("serialization.format", ","))));
        storage.setParameters(new HashMap<>());
        storage.setCols(new ArrayList<>(List.of(new FieldSchema("id", "bigint", null))));
        storage.setLocation(location);
        return storage;
    }

    private static void createTable(IMetaStoreClient client, EmbeddedRegion region) throws Exception {
        Path location = Files.createDirectories(region.externalRoot().resolve(DB + ".db").resolve("orders"));
        Table table = new Table();
        table.setDbName(DB);
        table.setTableName(ORDERS.table());
        table.setTableType("EXTERNAL_TABLE");
        table.setOwner("writer");
        table.setParameters(new HashMap<>(Map.of("EXTERNAL", "TRUE")));
        table.setPartitionKeys(new ArrayList<>(List.of(new FieldSchema("ds", "string", null))));
        table.setSd(storage(location.toUri().toString()));
        client.createTable(table);
    }

    private static void addPartition(IMetaStoreClient client, EmbeddedRegion region, String day) throws Exception {
        Path folder = Files.createDirectories(region.externalRoot().resolve(DB + ".db").resolve("orders")
                .resolve("ds=" + day));
        Files.writeString(folder.resolve("part-0"), day + ",1\n");
        client.add_partition(new Partition(List.of(day), DB, ORDERS.table(), 0, 0,
                storage(folder.toUri().toString()), new HashMap<>()));
    }

    private static void execute(TestingMariaDb store, String sql) throws Exception {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void deleteRecursively(Path folder) throws Exception {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static JsonNode reconcile(Path config) throws Exception {
        CliCapture.Result result = CliCapture.run("reconcile", "--config", config.toString(), "--depth", "bytes",
                "--json", ORDERS.toString());
        assertThat(result.exitCode()).as(result.out()).isZero();
        return new ObjectMapper().readTree(result.out());
    }
}
