package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.metastore.NotificationEntry;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.embedded.EmbeddedRegion;
import io.strait.embedded.MetastoreDatabase;
import io.strait.embedded.MetastoreLine;
import io.strait.embedded.MetastoreRuntime;
import io.strait.ops.demo.ListenerPlugin;
import io.strait.ops.demo.TwoRegionYaml;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.regionio.ThriftMetastoreGateway;
import io.strait.sql.StoreUrls;
import io.strait.sql.event.JdbcNotificationCrossCheck;
import io.strait.sql.testing.TestingMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source metastore (Hive 3.1.3 on MariaDB: Hive publishes DbNotificationListener for 3.1, not for 4.0) writes
 * Hive's notification log (DbNotificationListener as a transactional listener) and runs Strait's listener; the listener's write of one event never reaches the event log
 * (the state store diverts it). Strait's cross-check finds the event in the notification log, reads it back through
 * the metastore API and replicates it. An earlier lost event whose notification the metastore's cleaner deleted
 * before Strait compared it becomes a lost event: its tables are scanned and repaired. The target converges (reconcile CONSISTENT).
 * A partition of the same database and table names in another catalog is neither recorded, read back nor replicated.
 * A primary key added is replicated and not taken for a lost event.
 */
class NotificationLogCrossCheckIT {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final String DB = "xcheck";
    private static final String TABLE = "orders";
    private static final TableRef ORDERS = TableRef.of(DB, TABLE);

    @TempDir
    Path work;

    @Test
    void aLostListenerWriteIsReadBackFromTheNotificationLogOrRepaired() throws Exception {
        ServerAdmin admin = ServerAdmin.fromSystemProperties();
        String suffix = ServerAdmin.uniqueSuffix();
        String metastoreDb = "hms_xcheck_" + suffix;
        String metastoreUser = "hmsx_" + suffix;
        try (TestingMariaDb store = TestingMariaDb.create();
                AutoCloseable dropped = () -> admin.execute("DROP DATABASE IF EXISTS "
                        + metastoreDb, "DROP USER IF EXISTS '" + metastoreUser + "'@'%'");
                EmbeddedRegion regionB = EmbeddedRegion.builder("b", work.resolve("region-b")).start()) {
            admin.execute("CREATE DATABASE " + metastoreDb,
                    "CREATE USER '" + metastoreUser + "'@'%' IDENTIFIED BY 'hive'",
                    "GRANT ALL PRIVILEGES ON " + metastoreDb + ".* TO '" + metastoreUser + "'@'%'");
            String metastoreUrl = StoreUrls.withDatabase(admin.serverUrl(), metastoreDb);
            try (EmbeddedRegion regionA = startSource(store, new MetastoreDatabase(metastoreUrl, metastoreUser,
                    "hive"))) {
                Path config = work.resolve("strait.yaml");
                Files.writeString(config, new TwoRegionYaml(store.jdbcUrl(), store.user(), store.password(), regionA,
                        regionB, DB + ".*", Duration.ofMillis(300)).render().replace("  b:\n",
                                "    notification-log:\n      cross-check: true\n      settle: 3s\n  b:\n"));
                try (StraitRuntime strait = StraitRuntime.open(new StraitConfigLoader().load(config),
                        "strait-xcheck-" + System.nanoTime(), Clock.systemUTC());
                        ThriftMetastoreGateway source = ThriftMetastoreGateway.connect(RegionId.of("a"),
                                regionA.metastoreUri());
                        ThriftMetastoreGateway target = ThriftMetastoreGateway.connect(RegionId.of("b"),
                                regionB.metastoreUri());
                        SourceWriter writer = new SourceWriter(regionA.metastoreUri(),
                                regionA.externalRoot(), DB, TABLE)) {
                    strait.start();
                    writer.createTableWithPartitions(List.of("2024-01-01"));
                    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(target.getPartition(
                            partition("2024-01-01"))).isPresent());
                    assertThat(recordedNotificationIds(store)).as("the listener records the notification ids")
                            .isNotEmpty();
                    await().atMost(WAIT).until(() -> crossCheckStarted(store));

                    // the state store diverts the listener's writes of these two partitions' events: lost
                    execute(store, "CREATE TRIGGER lose_writes BEFORE INSERT ON hms_event FOR EACH ROW"
                            + " IF NEW.db_name = '" + DB + "' AND NEW.instance_id IS NOT NULL AND NEW.event_type ="
                            + " 'ADD_PARTITION' AND (NEW.snapshot_json LIKE '%2024-01-02%' OR NEW.snapshot_json"
                            + " LIKE '%2024-01-03%') THEN SET NEW.source_region = 'nowhere'; END IF");
                    writer.addPartition("2024-01-03", 2_500);
                    // the metastore's cleaner deletes that notification (and all before it) before Strait checks it
                    long expiredId = lastNotificationId(source, "ADD_PARTITION");
                    new ServerAdmin(metastoreUrl, metastoreUser, "hive").execute("DELETE FROM NOTIFICATION_LOG WHERE NL_ID <= "
                            + expiredId);
                    writer.addPartition("2024-01-02", 1_500);
                    execute(store, "DROP TRIGGER lose_writes");
                    assertThat(divertedEvents(store)).as("both listener writes lost").isEqualTo(2);

                    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                        assertThat(target.getPartition(partition("2024-01-02"))).isPresent();
                        assertThat(target.getPartition(partition("2024-01-03"))).isPresent();
                    });
                    await().atMost(WAIT).pollDelay(Duration.ofSeconds(2)).until(strait::isDrained);

                    List<long[]> readBack = readBackEvents(store);
                    assertThat(readBack).as("one event read back from the notification log").hasSize(1);
                    assertThat(jobsOfEvent(store, readBack.get(0)[0])).as("replicated through an event job")
                            .contains("SYNC_PARTITION");
                    assertThat(lossesOfTheCrossCheck(store)).as("the expired notification is a lost event")
                            .anyMatch(range -> range[0] <= expiredId && expiredId <= range[1]);
                    CliCapture.Result jobs = CliCapture.run("jobs", "--config", config.toString(), "--table",
                            ORDERS.toString());
                    assertThat(jobs.out()).as("the expired one came back through a repair").contains("REPAIR");
                    JsonNode scan = reconcile(config);
                    assertThat(scan.get("status").asText()).as(scan.toString()).isEqualTo("CONSISTENT");
                    assertThat(scan.get("divergences")).as(scan.toString()).isEmpty();

                    // the same names in another catalog: not recorded, not read back, no loss, nothing replicated
                    writer.addPartitionInCatalog("spark", "2024-01-09");
                    long inSpark = lastNotificationId(source, "ADD_PARTITION");
                    await().atMost(WAIT).until(() -> checkedThrough(store) >= inSpark);
                    await().atMost(WAIT).pollDelay(Duration.ofSeconds(1)).until(strait::isDrained);
                    assertThat(target.getPartition(partition("2024-01-09"))).isEmpty();
                    assertThat(readBackEvents(store)).as("nothing more read back").hasSize(1);
                    assertThat(lossesOfTheCrossCheck(store)).as("no loss in another catalog")
                            .noneMatch(range -> range[0] <= inSpark && inSpark <= range[1]);

                    // a constraint added: replicated through the listener's event; the metastore gives the listeners
                    // no notification id with it, so the cross-check leaves it alone rather than read it back
                    writer.addPrimaryKey("id");
                    long keyAdded = lastNotificationId(source, "ADD_PRIMARYKEY");
                    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(target.getConstraints(
                            ORDERS)).extracting(TableConstraint::name).containsExactly("pk_orders"));
                    await().atMost(WAIT).until(() -> checkedThrough(store) >= keyAdded);
                    assertThat(readBackEvents(store)).as("the constraint change is not read back as lost")
                            .hasSize(1);
                    assertThat(lossesOfTheCrossCheck(store))
                            .noneMatch(range -> range[0] <= keyAdded && keyAdded <= range[1]);
                }
            }
        }
    }

    private EmbeddedRegion startSource(TestingMariaDb store, MetastoreDatabase database) throws Exception {
        Map<String, String> settings = new HashMap<>(ListenerPlugin.settings(RegionId.of("a"), store.jdbcUrl(),
                store.user(), store.password(), work.resolve("spool")));
        settings.put("strait.listener.heartbeat-interval", "500ms");
        settings.put("metastore.transactional.event.listeners",
                "org.apache.hive.hcatalog.listener.DbNotificationListener");
        List<Path> classpath = new ArrayList<>(ListenerPlugin.classpath());
        try (Stream<Path> jars = Files.list(MetastoreRuntime.locate(MetastoreLine.HIVE_3_1).libDirectory()
                .getParent().resolve("notification-log"))) {
            classpath.addAll(jars.sorted().toList());
        }
        return EmbeddedRegion.builder("a", work.resolve("region-a")).line(MetastoreLine.HIVE_3_1)
                .metastoreDatabase(database)
                .extraClasspath(classpath).configuration(settings).start();
    }

    private static PartitionRef partition(String day) {
        return PartitionRef.of(ORDERS, List.of(day));
    }

    private static long lastNotificationId(ThriftMetastoreGateway source, String type) {
        List<NotificationEntry> entries = source.notificationsAfter(0, 10_000);
        return entries.stream().filter(entry -> entry.type().equals(type)).mapToLong(NotificationEntry::id).max()
                .orElseThrow();
    }

    private static List<Long> recordedNotificationIds(TestingMariaDb store) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT notification_id FROM hms_event"
                        + " WHERE notification_id IS NOT NULL")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private static boolean crossCheckStarted(TestingMariaDb store) throws Exception {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM notification_cross_check")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }

    private static long checkedThrough(TestingMariaDb store) throws Exception {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT checked_through FROM notification_cross_check")) {
            return rows.next() ? rows.getLong(1) : 0L;
        }
    }

    private static int divertedEvents(TestingMariaDb store) throws Exception {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM hms_event"
                        + " WHERE source_region = 'nowhere'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Events the cross-check wrote: id and notification id. */
    private static List<long[]> readBackEvents(TestingMariaDb store) throws Exception {
        List<long[]> events = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, notification_id FROM hms_event"
                        + " WHERE source_region = 'a' AND instance_id IS NULL AND notification_id IS NOT NULL")) {
            while (rows.next()) {
                events.add(new long[] {rows.getLong(1), rows.getLong(2)});
            }
        }
        return events;
    }

    private static List<String> jobsOfEvent(TestingMariaDb store, long eventId) throws Exception {
        List<String> kinds = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT kind FROM replication_job"
                        + " WHERE source_event_id = ? AND origin = 'EVENT'")) {
            statement.setLong(1, eventId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    kinds.add(rows.getString(1));
                }
            }
        }
        return kinds;
    }

    private static List<long[]> lossesOfTheCrossCheck(TestingMariaDb store) throws Exception {
        List<long[]> ranges = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT first_seq, last_seq FROM"
                        + " listener_event_loss WHERE instance_id = ?")) {
            statement.setString(1, JdbcNotificationCrossCheck.lossInstance(RegionId.of("a")));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ranges.add(new long[] {rows.getLong(1), rows.getLong(2)});
                }
            }
        }
        return ranges;
    }

    private static void execute(TestingMariaDb store, String sql) throws Exception {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static JsonNode reconcile(Path config) throws Exception {
        CliCapture.Result result = CliCapture.run("reconcile", "--config", config.toString(), "--depth", "bytes",
                "--json", ORDERS.toString());
        assertThat(result.exitCode()).as(result.out()).isZero();
        return new ObjectMapper().readTree(result.out());
    }
}
