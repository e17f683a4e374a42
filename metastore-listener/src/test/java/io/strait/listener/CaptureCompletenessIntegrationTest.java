package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.common.capture.ListenerStatus;
import io.strait.common.event.EventBatch;
import io.strait.common.event.EventType;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.region.RegionId;
import io.strait.embedded.EmbeddedRegion;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.listener.EventLoss;
import io.strait.sql.listener.JdbcListenerHealth;
import io.strait.sql.listener.ListenerInstance;
import io.strait.sql.testing.TestingMariaDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Table;
import org.junit.jupiter.api.Test;

/**
 * Order and completeness of capture on a real metastore process with the listener and a real MariaDB: a missing
 * event id that no listener will write delays nothing, and a spool destroyed while it held events is detected with
 * the tables concerned.
 */
class CaptureCompletenessIntegrationTest {
    private static final RegionId REGION = RegionId.of("region-c");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration SILENCE = Duration.ofMinutes(3);

    @Test
    void anEventIdThatWillNeverBeWrittenDoesNotDelayTheNextRead() throws Exception {
        Path work = TestingListenerRegion.workDirectory("region-c");
        try (TestingMariaDb store = TestingMariaDb.create();
                EmbeddedRegion metastore = start(work, store, work.resolve("spool"))) {
            JdbcEventLog log = new JdbcEventLog(store.dataSource(), Clock.systemUTC());
            try (IMetaStoreClient client = TestingListenerRegion.client(metastore)) {
                client.createDatabase(TestingListenerRegion.database("sales"));
                await().atMost(PATIENCE).until(() -> rowsOf(store, "") == 1);
                long cursor = log.read(REGION, 0, 100).scannedThroughId();

                long neverWritten = leaveAGap(store);
                client.createTable(table(metastore, "orders"));
                await().atMost(PATIENCE).until(() -> rowsOf(store, "orders") == 1);

                EventBatch next = log.read(REGION, cursor, 100);

                assertThat(neverWritten).isGreaterThan(cursor);
                assertThat(next.events()).extracting(event -> event.event().type(), event -> event.event().table())
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(EventType.CREATE_TABLE, "orders"));
                assertThat(next.events()).extracting(ReplicationEvent::id).allMatch(id -> id > neverWritten);
                assertThat(next.scannedThroughId()).isGreaterThan(neverWritten);
            }
        }
    }

    @Test
    void anIdleSecondMetastoreHoldsAMissingIdNoLongerThanItsNextHeartbeat() throws Exception {
        Path work = TestingListenerRegion.workDirectory("region-c");
        Path idleWork = TestingListenerRegion.workDirectory("region-d");
        try (TestingMariaDb store = TestingMariaDb.create();
                EmbeddedRegion metastore = start(work, store, work.resolve("spool"));
                EmbeddedRegion idle = TestingListenerRegion.builder("region-d", idleWork, heartbeatEvery500ms(store,
                        idleWork.resolve("spool"))).start()) {
            JdbcEventLog log = new JdbcEventLog(store.dataSource(), Clock.systemUTC());
            JdbcListenerHealth health = new JdbcListenerHealth(store.dataSource(), Clock.systemUTC());
            await().atMost(PATIENCE).until(() -> !health.instances("region-d", SILENCE).isEmpty());
            try (IMetaStoreClient client = TestingListenerRegion.client(metastore)) {
                client.createDatabase(TestingListenerRegion.database("sales"));
                await().atMost(PATIENCE).until(() -> rowsOf(store, "") == 1);
                long cursor = log.read(REGION, 0, 100).scannedThroughId();

                long neverWritten = leaveAGap(store);
                client.createTable(table(metastore, "orders"));
                await().atMost(PATIENCE).until(() -> rowsOf(store, "orders") == 1);
                await().atMost(PATIENCE).until(() -> horizonOf(store, "region-d") > neverWritten);
                EventBatch next = log.read(REGION, cursor, 100);

                assertThat(next.events()).extracting(event -> event.event().table()).containsExactly("orders");
                assertThat(next.scannedThroughId()).isGreaterThan(neverWritten);
            }
            // the busy instance's heartbeat tells what its own work added to its metastore's two calls
            await().atMost(PATIENCE).until(() -> health.instances(REGION.name(), SILENCE).stream()
                    .anyMatch(instance -> instance.callTimes().calls() == 2));
            ListenerInstance busy = health.instances(REGION.name(), SILENCE).stream()
                    .filter(instance -> instance.callTimes().calls() == 2).findFirst().orElseThrow();
            assertThat(busy.callTimes().maxMicros()).as("a durable call waits for its commit").isPositive()
                    .isGreaterThanOrEqualTo(busy.callTimes().p99Micros());
            assertThat(busy.callTimes().p99Micros()).isGreaterThanOrEqualTo(busy.callTimes().p50Micros());
            assertThat(health.instances("region-d", SILENCE)).singleElement()
                    .satisfies(instance -> assertThat(instance.callTimes().calls()).as("the idle one").isZero());
        }
    }

    private static Map<String, String> heartbeatEvery500ms(TestingMariaDb store, Path spool) {
        Map<String, String> settings = new HashMap<>(TestingListenerRegion.store(store.jdbcUrl(), store.user(),
                store.password(), spool));
        settings.put("strait.listener.heartbeat-interval", "500ms");
        return settings;
    }

    /** The horizon the region's (one) listener instance recorded last. */
    private static long horizonOf(TestingMariaDb store, String region) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT MAX(horizon_event_id) FROM"
                        + " listener_instance WHERE region = ?")) {
            statement.setString(1, region);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void aSpoolDestroyedWhileItHeldEventsIsDetectedWithItsTables() throws Exception {
        Path work = TestingListenerRegion.workDirectory("region-c");
        Path spool = work.resolve("spool");
        try (TestingMariaDb store = TestingMariaDb.create()) {
            JdbcListenerHealth health = new JdbcListenerHealth(store.dataSource(), Clock.systemUTC());
            String first;
            try (EmbeddedRegion metastore = start(work, store, spool);
                    IMetaStoreClient client = TestingListenerRegion.client(metastore)) {
                client.createDatabase(TestingListenerRegion.database("sales"));
                await().atMost(PATIENCE).until(() -> rowsOf(store, "") == 1);
                execute(store, "RENAME TABLE hms_event TO hms_event_away");
                Table orders = table(metastore, "orders");
                client.createTable(orders);
                client.add_partitions(new ArrayList<>(List.of(TestingListenerRegion.partition(orders, "2024-01-01"),
                        TestingListenerRegion.partition(orders, "2024-01-02"))));
                await().atMost(PATIENCE).until(() -> health.instances(REGION.name(), SILENCE).stream()
                        .anyMatch(instance -> instance.spoolDepth() == 2));
                first = health.instances(REGION.name(), SILENCE).get(0).instanceId();
            }
            deleteRecursively(spool);
            execute(store, "RENAME TABLE hms_event_away TO hms_event");

            try (EmbeddedRegion restarted = start(work, store, spool)) {
                await().atMost(PATIENCE).until(() -> health.instances(REGION.name(), SILENCE).size() == 2);
                JdbcEventLog log = new JdbcEventLog(store.dataSource(), Clock.systemUTC());
                log.read(REGION, 0, 100);

                List<EventLoss> losses = health.losses();
                assertThat(losses).isNotEmpty().allMatch(loss -> loss.instanceId().equals(first));
                assertThat(losses.get(0).firstSeq()).isEqualTo(2);
                assertThat(losses.get(0).lastSeq()).isEqualTo(OptionalLong.of(3));
                assertThat(losses.get(0).tables()).containsExactly("sales.orders");
                assertThat(losses.subList(1, losses.size()))
                        .as("only events captured after the last contact may be added, count unknown")
                        .allMatch(loss -> loss.firstSeq() == 4 && loss.lastSeq().isEmpty());
                ListenerInstance replaced = health.instances(REGION.name(), SILENCE).stream()
                        .filter(instance -> instance.instanceId().equals(first)).findFirst().orElseThrow();
                assertThat(replaced.status()).isEqualTo(ListenerStatus.STOPPED);
                assertThat(replaced.replacedBy()).isNotEmpty().isNotEqualTo(first);
                assertThat(log.read(REGION, 0, 100).events()).extracting(event -> event.event().type())
                        .containsExactly(EventType.CREATE_DATABASE);
            }
        }
    }

    private static EmbeddedRegion start(Path work, TestingMariaDb store, Path spool) {
        return TestingListenerRegion.builder(REGION.name(), work, heartbeatEvery500ms(store, spool)).start();
    }

    private static Table table(EmbeddedRegion metastore, String name) {
        return TestingListenerRegion.externalTable("sales", name, metastore.externalRootUri() + "/sales.db/" + name);
    }

    /** Rows of the region in hms_event for {@code table} ('' for database events), read directly. */
    private static int rowsOf(TestingMariaDb store, String table) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM hms_event"
                        + " WHERE source_region = ? AND table_name = ?")) {
            statement.setString(1, REGION.name());
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** A write that is rolled back: its id is handed out and never committed. */
    private static long leaveAGap(TestingMariaDb store) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO hms_event (source_region, event_type, db_name, captured_at_ms,"
                    + " recorded_at_ms, snapshot_json) VALUES ('x', 'CREATE_DATABASE', 'x', 0, 0, '{}')",
                    Statement.RETURN_GENERATED_KEYS);
            long id;
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            connection.rollback();
            return id;
        }
    }

    private static void execute(TestingMariaDb store, String sql) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        assertThat(folder).doesNotExist();
    }
}
