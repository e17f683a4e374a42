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
import io.strait.embedded.MetastoreDatabase;
import io.strait.ops.demo.ListenerPlugin;
import io.strait.ops.demo.TwoRegionYaml;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.regionio.ThriftMetastoreGateway;
import io.strait.sql.StoreUrls;
import io.strait.sql.listener.JdbcListenerHealth;
import io.strait.sql.listener.ListenerInstance;
import io.strait.sql.testing.TestingMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Region a is served by two metastore processes (Hive 4.0.1) on one MariaDB metastore database created by Hive's
 * schema tool, each with its own Strait listener instance; writes alternate between the two on the same table.
 * One process's listener is cut off from the event log while it captures a drop; meanwhile the other process
 * re-creates the partition, so the log receives the re-creation before the older drop. Strait merges both
 * instances' events into one order per object: the drop is recognised as older and never overwrites the
 * re-creation; the target converges (reconcile CONSISTENT at bytes depth). Real metastores, listeners, MariaDB.
 */
class SeveralMetastoresIT {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final String DB = "multi";
    private static final String TABLE = "orders";
    private static final TableRef ORDERS = TableRef.of(DB, TABLE);

    @TempDir
    Path work;

    @Test
    void eventsOfTwoMetastoreProcessesKeepTheOrderOfEachObject() throws Exception {
        ServerAdmin admin = ServerAdmin.fromSystemProperties();
        String suffix = ServerAdmin.uniqueSuffix();
        String metastoreDb = "hms_multi_" + suffix;
        String secondUser = "strait_a2_" + suffix;
        String metastoreUser = "hms_" + suffix;
        try (TestingMariaDb store = TestingMariaDb.create();
                AutoCloseable dropped = () -> admin.execute("DROP DATABASE IF EXISTS "
                        + metastoreDb, "DROP USER IF EXISTS '" + secondUser + "'@'%'", "DROP USER IF EXISTS '" + metastoreUser + "'@'%'");
                EmbeddedRegion regionB = EmbeddedRegion.builder("b", work.resolve("region-b")).start()) {
            admin.execute("CREATE DATABASE " + metastoreDb,
                    "CREATE USER '" + secondUser + "'@'%' IDENTIFIED BY 'second'",
                    "CREATE USER '" + metastoreUser + "'@'%' IDENTIFIED BY 'hive'",
                    "GRANT ALL PRIVILEGES ON " + metastoreDb + ".* TO '" + metastoreUser + "'@'%'");
            grantEveryTable(store, admin, secondUser);
            MetastoreDatabase database = new MetastoreDatabase(StoreUrls.withDatabase(admin.serverUrl(), metastoreDb),
                    metastoreUser, "hive");
            try (EmbeddedRegion first = startProcess("a1", database, store, store.user(), store.password(), null);
                    EmbeddedRegion second = startProcess("a2", database, store, secondUser, "second", first)) {
                Path config = work.resolve("strait.yaml");
                Files.writeString(config, new TwoRegionYaml(store.jdbcUrl(), store.user(), store.password(), first,
                        regionB, DB + ".*", Duration.ofMillis(300)).render());
                JdbcListenerHealth health = new JdbcListenerHealth(store.dataSource(), Clock.systemUTC());
                await().atMost(WAIT).until(() -> health.instances("a", Duration.ofMinutes(3)).size() == 2);
                try (StraitRuntime strait = StraitRuntime.open(new StraitConfigLoader().load(config),
                        "strait-several-" + System.nanoTime(), Clock.systemUTC());
                        ThriftMetastoreGateway target = ThriftMetastoreGateway.connect(RegionId.of("b"),
                                regionB.metastoreUri());
                        SourceWriter viaFirst = new SourceWriter(first.metastoreUri(), first.externalRoot(), DB,
                                TABLE);
                        SourceWriter viaSecond = new SourceWriter(second.metastoreUri(), first.externalRoot(), DB,
                                TABLE)) {
                    strait.start();
                    viaFirst.createTableWithPartitions(List.of("2024-01-01"));
                    viaSecond.addPartition("2024-01-02", 700);
                    viaFirst.addPartition("2024-01-03", 900);
                    viaSecond.insertFile("2024-01-01", 1_200);
                    viaFirst.alterPartitionParameter("2024-01-02", "quality", "checked");
                    viaSecond.alterTableParameter("owner.team", "sales");
                    viaFirst.dropPartition("2024-01-03");
                    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                        assertThat(target.getPartition(partition("2024-01-02")).orElseThrow().parameters())
                                .containsEntry("quality", "checked");
                        assertThat(target.getPartition(partition("2024-01-03"))).isEmpty();
                    });

                    // the second process's listener cannot write the event log: its drop waits in its spool
                    admin.execute("REVOKE INSERT ON " + store.databaseName()
                            + ".hms_event FROM '" + secondUser + "'@'%'");
                    viaSecond.dropPartition("2024-01-02");
                    await().atMost(WAIT).until(() -> spoolDepth(health, second) == 1);
                    // the first process re-creates the partition with other data; its event is logged at once
                    Thread.sleep(1_100);
                    viaFirst.addPartition("2024-01-02", 2_345);
                    viaFirst.alterPartitionParameter("2024-01-02", "quality", "again");
                    admin.execute("GRANT INSERT ON " + store.databaseName()
                            + ".hms_event TO '" + secondUser + "'@'%'");
                    await().atMost(WAIT).until(() -> spoolDepth(health, second) == 0);

                    long recreatedId = eventId(store, "ADD_PARTITION", "2024-01-02", 2);
                    long dropId = eventId(store, "DROP_PARTITION", "2024-01-02", 1);
                    assertThat(dropId).as("the older drop reached the log after the re-creation")
                            .isGreaterThan(recreatedId);
                    assertThat(instancesInLog(store)).as("both listener instances captured").isEqualTo(2);

                    await().atMost(WAIT).pollDelay(Duration.ofSeconds(2)).until(strait::isDrained);
                    assertThat(target.getPartition(partition("2024-01-02")))
                            .as("the re-created partition is not dropped by the older drop").isPresent()
                            .hasValueSatisfying(replica -> assertThat(replica.parameters())
                                    .containsEntry("quality", "again"));
                    assertThat(noJobFromEvent(store, dropId)).as("the older drop planned no job").isTrue();
                    JsonNode scan = reconcile(config);
                    assertThat(scan.get("status").asText()).as(scan.toString()).isEqualTo("CONSISTENT");
                    assertThat(scan.get("divergences")).as(scan.toString()).isEmpty();
                }
            }
        }
    }

    private EmbeddedRegion startProcess(String name, MetastoreDatabase database, TestingMariaDb store, String user,
            String password, EmbeddedRegion shareWarehouseOf) {
        Map<String, String> settings = new HashMap<>(ListenerPlugin.settings(RegionId.of("a"), store.jdbcUrl(),
                user, password, work.resolve("spool-" + name)));
        settings.put("strait.listener.heartbeat-interval", "500ms");
        if (shareWarehouseOf != null) {
            settings.put("metastore.warehouse.dir", shareWarehouseOf.managedRootUri());
            settings.put("metastore.warehouse.external.dir", shareWarehouseOf.externalRootUri());
        }
        return EmbeddedRegion.builder("a", work.resolve("region-" + name)).metastoreDatabase(database)
                .extraClasspath(ListenerPlugin.classpath()).configuration(settings).start();
    }

    private static int spoolDepth(JdbcListenerHealth health, EmbeddedRegion process) {
        return health.instances("a", Duration.ofMinutes(3)).stream()
                .filter(instance -> instance.spoolDirectory().contains("spool-a2"))
                .mapToInt(ListenerInstance::spoolDepth).max().orElse(-1);
    }

    private static PartitionRef partition(String day) {
        return PartitionRef.of(ORDERS, List.of(day));
    }

    /** The id of the {@code occurrence}-th event of {@code type} naming partition {@code day}. */
    private static long eventId(TestingMariaDb store, String type, String day, int occurrence) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, snapshot_json FROM hms_event WHERE event_type = '"
                        + type + "' AND table_name = '" + TABLE + "' ORDER BY captured_at_ms, id")) {
            while (rows.next()) {
                if (rows.getString(2).contains(day)) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        assertThat(ids).as(type + " events of " + day).hasSizeGreaterThanOrEqualTo(occurrence);
        return ids.get(occurrence - 1);
    }

    private static int instancesInLog(TestingMariaDb store) throws Exception {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(DISTINCT instance_id) FROM hms_event"
                        + " WHERE source_region = 'a'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static boolean noJobFromEvent(TestingMariaDb store, long eventId) throws Exception {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM replication_job WHERE kind ="
                        + " 'DROP_PARTITION' AND source_event_id = " + eventId)) {
            rows.next();
            return rows.getInt(1) == 0;
        }
    }

    private static void grantEveryTable(TestingMariaDb store, ServerAdmin admin, String grantee) throws Exception {
        List<String> grants = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = DATABASE()")) {
            while (rows.next()) {
                grants.add("GRANT ALL PRIVILEGES ON " + store.databaseName() + "." + rows.getString(1) + " TO '"
                        + grantee + "'@'%'");
            }
        }
        admin.execute(grants.toArray(String[]::new));
    }

    private static JsonNode reconcile(Path config) throws Exception {
        CliCapture.Result result = CliCapture.run("reconcile", "--config", config.toString(), "--depth", "bytes",
                "--json", ORDERS.toString());
        assertThat(result.exitCode()).as(result.out()).isZero();
        return new ObjectMapper().readTree(result.out());
    }
}
