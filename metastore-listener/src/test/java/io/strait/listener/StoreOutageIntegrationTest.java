package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventType;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.region.RegionId;
import io.strait.embedded.EmbeddedRegion;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.testing.TestingMariaDb;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Table;
import org.junit.jupiter.api.Test;

/**
 * A metastore whose state store does not answer keeps serving promptly and spools every event; restarted with a
 * reachable store, it replays the spool in order before new events.
 */
class StoreOutageIntegrationTest {
    private static final RegionId REGION = RegionId.of("region-b");
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration PROMPT = WRITE_TIMEOUT.plusSeconds(3);

    @FunctionalInterface
    private interface MetastoreCall {
        void run() throws Exception;
    }

    @Test
    void spoolsWhileTheStoreIsSilentAndReplaysAfterARestart() throws Exception {
        Path work = TestingListenerRegion.workDirectory("region-b");
        Path spool = work.resolve("spool");
        try (TestingMariaDb store = TestingMariaDb.create(); ServerSocket silentStore = new ServerSocket(0)) {
            String silentUrl = "jdbc:mysql://127.0.0.1:" + silentStore.getLocalPort() + "/" + store.databaseName();
            try (EmbeddedRegion metastore = start(work, listenerSettings(silentUrl, store, spool))) {
                writeDuringOutage(metastore);
            }
            assertThat(Files.readAllLines(spool.resolve(EventSpool.EVENTS_FILE))).hasSize(3);
            assertThat(events(store)).isEmpty();

            try (EmbeddedRegion restarted = start(work, listenerSettings(store.jdbcUrl(), store, spool))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> events(store).size() == 3);
                try (IMetaStoreClient client = TestingListenerRegion.client(restarted)) {
                    client.createTable(table(restarted, "returns"));
                }
            }
            assertThat(events(store)).extracting(CapturedEvent::type, CapturedEvent::table).containsExactly(
                    tuple(EventType.CREATE_DATABASE, ""),
                    tuple(EventType.CREATE_TABLE, "orders"),
                    tuple(EventType.ADD_PARTITION, "orders"),
                    tuple(EventType.CREATE_TABLE, "returns"));
            assertThat(Files.size(spool.resolve(EventSpool.EVENTS_FILE))).isZero();
        }
    }

    private static void writeDuringOutage(EmbeddedRegion metastore) throws Exception {
        try (IMetaStoreClient client = TestingListenerRegion.client(metastore)) {
            Table orders = table(metastore, "orders");
            assertPrompt("create database", () -> client.createDatabase(TestingListenerRegion.database("sales")));
            assertPrompt("create table", () -> client.createTable(orders));
            assertPrompt("add partitions", () -> client.add_partitions(new ArrayList<>(List.of(
                    TestingListenerRegion.partition(orders, "2024-01-01"),
                    TestingListenerRegion.partition(orders, "2024-01-02")))));
        }
    }

    private static void assertPrompt(String description, MetastoreCall call) throws Exception {
        long started = System.nanoTime();
        call.run();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as(description).isLessThan(PROMPT);
    }

    private static EmbeddedRegion start(Path work, Map<String, String> settings) {
        return TestingListenerRegion.builder(REGION.name(), work, settings).start();
    }

    private static Map<String, String> listenerSettings(String jdbcUrl, TestingMariaDb store, Path spool) {
        Map<String, String> settings = new HashMap<>(TestingListenerRegion.store(jdbcUrl, store.user(),
                store.password(), spool));
        settings.put("strait.listener.write-timeout", WRITE_TIMEOUT.toMillis() + "ms");
        settings.put("strait.listener.replay-interval", "1s");
        return settings;
    }

    private static Table table(EmbeddedRegion metastore, String name) {
        return TestingListenerRegion.externalTable("sales", name, metastore.externalRootUri() + "/sales.db/" + name);
    }

    private static List<CapturedEvent> events(TestingMariaDb store) {
        return new JdbcEventLog(store.dataSource(), Clock.systemUTC()).readAfter(REGION, 0, 100).stream()
                .map(ReplicationEvent::event).toList();
    }
}
