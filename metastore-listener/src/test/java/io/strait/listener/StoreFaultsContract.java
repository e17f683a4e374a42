package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.common.json.StraitJson;
import io.strait.common.event.EventSnapshot;
import io.strait.embedded.EmbeddedRegion;
import io.strait.sql.testing.TestingMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.strait.embedded.MetastoreLine;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.junit.jupiter.api.Test;

/**
 * The listener plugin jar in a real Hive Metastore process of one line (3.1.3 or 4.0.1, written to through Thrift
 * methods both serve), its state store behind a TCP proxy that can freeze
 * (connections accepted, nothing answered) or refuse connections, and a metastore killed with SIGKILL mid-write.
 * No metastore call waits longer than the write budget plus a margin; afterwards every event is recorded exactly
 * once, in per-object order; every event whose metastore call succeeded before a kill is recorded once after the
 * restart. Either acknowledgement mode keeps these promises (a journaled call waits for no store at all).
 */
abstract class StoreFaultsContract {
    private static final String REGION = "region-f";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(1);
    /** Scheduling noise of a shared machine and the metastore's own work on top of the listener's budget. */
    private static final Duration MARGIN = Duration.ofSeconds(1);
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Pattern HOST_PORT = Pattern.compile("//([^:/]+):(\\d+)/");

    abstract MetastoreLine line();

    /** The listener's {@code strait.listener.acknowledge}; the default unless a line's test says otherwise. */
    Acknowledgement acknowledgement() {
        return Acknowledgement.DURABLE;
    }

    @FunctionalInterface
    private interface Fault {
        void during(StoreProxy proxy) throws Exception;
    }

    @Test
    void aStoreFrozenForThirtySecondsHoldsNoCallBeyondTheBudgetAndLosesNothing() throws Exception {
        runThroughAFault(4, 250, Duration.ofSeconds(30), StoreProxy::freeze, StoreProxy::thaw);
    }

    @Test
    void aStoreRefusingConnectionsHoldsNoCallBeyondTheBudgetAndLosesNothing() throws Exception {
        runThroughAFault(2, 100, Duration.ofSeconds(10), StoreProxy::refuse, StoreProxy::accept);
    }

    /**
     * Creates {@code tables} tables, then breaks the store and adds {@code partitionsPerTable} partitions to each
     * (one add_partition call each, one client thread per table) for at least {@code outage}, then mends it.
     */
    private void runThroughAFault(int tables, int partitionsPerTable, Duration outage, Fault breakIt, Fault mendIt)
            throws Exception {
        Path work = TestingListenerRegion.workDirectory(REGION);
        try (TestingMariaDb store = TestingMariaDb.create(); StoreProxy proxy = proxyTo(store);
                EmbeddedRegion metastore = start(work, proxy.proxied(store.jdbcUrl()), store)) {
            List<Table> created = createTables(metastore, tables);
            await().atMost(PATIENCE).until(() -> rows(store).size() == tables + 1);

            breakIt.during(proxy);
            long brokenAt = System.nanoTime();
            Map<String, List<Long>> latencies = addPartitions(metastore, created, 0, partitionsPerTable,
                    new AtomicBoolean());
            long left = outage.toNanos() - (System.nanoTime() - brokenAt);
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
            assertThat(rows(store)).as("nothing reached the store during the outage").hasSize(tables + 1);
            mendIt.during(proxy);

            List<Long> all = latencies.values().stream().flatMap(List::stream).sorted().toList();
            System.out.printf("%d add_partition calls during a %d s outage: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    all.size(), outage.toSeconds(), all.get(all.size() / 2) / 1e6,
                    all.get(all.size() * 99 / 100) / 1e6, all.get(all.size() - 1) / 1e6);
            assertThat(all).hasSize(tables * partitionsPerTable);
            assertThat(Duration.ofNanos(all.get(all.size() - 1))).as("the slowest metastore call")
                    .isLessThan(WRITE_TIMEOUT.plus(MARGIN));

            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> rows(store).size() == tables + 1 + tables * partitionsPerTable);
            assertOncePerObjectInOrder(rows(store), created, partitionsPerTable);
        }
    }

    @Test
    void aMetastoreKilledMidWriteKeepsEveryAcknowledgedEventOnceAfterItsRestart() throws Exception {
        Path work = TestingListenerRegion.workDirectory(REGION);
        Path spool = work.resolve("spool");
        try (TestingMariaDb store = TestingMariaDb.create(); StoreProxy proxy = proxyTo(store)) {
            String url = proxy.proxied(store.jdbcUrl());
            List<Table> created;
            Map<String, List<Long>> acknowledged = new ConcurrentHashMap<>();
            long killedPid;
            try (EmbeddedRegion metastore = start(work, url, store)) {
                created = createTables(metastore, 2);
                await().atMost(PATIENCE).until(() -> rows(store).size() == 3);
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService writers = Executors.newSingleThreadExecutor();
                Future<Map<String, List<Long>>> writing = writers.submit(() -> addPartitions(metastore, created, 0,
                        100_000, stop, acknowledged));
                // some events in the store, some in the spool (a frozen store), then the kill while events are
                // replayed and new ones committed
                await().atMost(PATIENCE).until(() -> count(acknowledged) >= 100);
                proxy.freeze();
                await().atMost(PATIENCE).until(() -> count(acknowledged) >= 200);
                proxy.thaw();
                await().atMost(PATIENCE).until(() -> count(acknowledged) >= 260);
                killedPid = pidOfListener(store);
                stop.set(true); // no new call after this one; the calls in flight meet the kill
                ProcessHandle.of(killedPid).orElseThrow().destroyForcibly(); // SIGKILL
                writing.get(2, TimeUnit.MINUTES);
                writers.shutdownNow();
                await().atMost(Duration.ofSeconds(30)).until(() -> !metastore.isRunning());
            }
            int beforeRestart = rows(store).size();
            try (EmbeddedRegion restarted = start(work, url, store)) {
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> spoolIsEmpty(spool)
                        && rows(store).size() >= beforeRestart);
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() ->
                        acknowledgedAreRecorded(rows(store), acknowledged));
            }
            List<Row> rows = rows(store);
            Map<String, List<Long>> recorded = partitionsByTable(rows);
            for (Map.Entry<String, List<Long>> table : acknowledged.entrySet()) {
                List<Long> numbers = recorded.getOrDefault(table.getKey(), List.of());
                assertThat(numbers).as("per-object order of %s", table.getKey()).isSorted();
                assertThat(numbers).as("each event of %s once", table.getKey()).doesNotHaveDuplicates();
                assertThat(numbers).as("every acknowledged event of %s", table.getKey())
                        .containsAll(table.getValue());
                List<Long> extra = new ArrayList<>(numbers);
                extra.removeAll(table.getValue());
                assertThat(extra).as("events of %s recorded though their call failed (the kill)", table.getKey())
                        .allMatch(number -> number > Collections.max(table.getValue()));
            }
            assertThat(rows.stream().filter(row -> row.instanceId().contains(":" + killedPid + ":")).count())
                    .as("the killed instance's events keep its identity").isGreaterThanOrEqualTo(count(acknowledged));
            System.out.printf("killed metastore pid %d after %d acknowledged add_partition calls; %d rows recorded%n",
                    killedPid, count(acknowledged), rows.size());
        }
    }

    private static StoreProxy proxyTo(TestingMariaDb store) throws Exception {
        Matcher matcher = HOST_PORT.matcher(store.jdbcUrl());
        assertThat(matcher.find()).as(store.jdbcUrl()).isTrue();
        return StoreProxy.to(matcher.group(1), Integer.parseInt(matcher.group(2)));
    }

    private EmbeddedRegion start(Path work, String jdbcUrl, TestingMariaDb store) {
        Map<String, String> settings = new HashMap<>(TestingListenerRegion.store(jdbcUrl, store.user(),
                store.password(), work.resolve("spool")));
        settings.put("strait.listener.write-timeout", WRITE_TIMEOUT.toMillis() + "ms");
        settings.put("strait.listener.heartbeat-interval", "500ms");
        settings.put("strait.listener.acknowledge", acknowledgement().configValue());
        return TestingListenerRegion.builderWithPluginJar(REGION, work, settings).line(line()).start();
    }

    private List<Table> createTables(EmbeddedRegion metastore, int count) throws Exception {
        List<Table> tables = new ArrayList<>();
        try (PortableMetastoreClient connection = PortableMetastoreClient.connect(metastore)) {
            ThriftHiveMetastore.Iface client = connection.api();
            client.create_database(TestingListenerRegion.database("sales"));
            for (int i = 0; i < count; i++) {
                Table table = TestingListenerRegion.externalTable("sales", "t" + i,
                        metastore.externalRootUri() + "/sales.db/t" + i);
                client.create_table(table);
                tables.add(table);
            }
        }
        return tables;
    }

    private Map<String, List<Long>> addPartitions(EmbeddedRegion metastore, List<Table> tables, int from,
            int count, AtomicBoolean stop) throws Exception {
        return addPartitions(metastore, tables, from, count, stop, new ConcurrentHashMap<>());
    }

    /**
     * Adds partitions {@code from..from+count-1} to each table, one call each, one client thread per table, until
     * done, stopped or a call fails; {@code acknowledged} collects the numbers whose call succeeded. Returns each
     * table's call latencies in nanoseconds.
     */
    private Map<String, List<Long>> addPartitions(EmbeddedRegion metastore, List<Table> tables, int from,
            int count, AtomicBoolean stop, Map<String, List<Long>> acknowledged) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(tables.size());
        Map<String, List<Long>> latencies = new LinkedHashMap<>();
        try {
            Map<String, Future<List<Long>>> calls = new LinkedHashMap<>();
            for (Table table : tables) {
                List<Long> done = Collections.synchronizedList(new ArrayList<>());
                acknowledged.put(table.getTableName(), done);
                calls.put(table.getTableName(), clients.submit(() -> {
                    List<Long> took = new ArrayList<>();
                    try (PortableMetastoreClient connection = PortableMetastoreClient.connect(metastore)) {
                        ThriftHiveMetastore.Iface client = connection.api();
                        for (int n = from; n < from + count && !stop.get(); n++) {
                            long started = System.nanoTime();
                            try {
                                client.add_partition(TestingListenerRegion.partition(table, Long.toString(n)));
                            } catch (Exception e) {
                                if (stop.get() || !metastore.isRunning()) {
                                    break; // the metastore was killed: this call is not acknowledged
                                }
                                throw e;
                            }
                            took.add(System.nanoTime() - started);
                            done.add((long) n);
                        }
                    }
                    return took;
                }));
            }
            for (Map.Entry<String, Future<List<Long>>> call : calls.entrySet()) {
                latencies.put(call.getKey(), call.getValue().get(10, TimeUnit.MINUTES));
            }
        } finally {
            clients.shutdownNow();
        }
        return latencies;
    }

    private static int count(Map<String, List<Long>> acknowledged) {
        return acknowledged.values().stream().mapToInt(List::size).sum();
    }

    /** The pid of the one running listener instance ({@code host:pid:uuid}). */
    private static long pidOfListener(TestingMariaDb store) throws SQLException {
        List<String> instances = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT instance_id FROM listener_instance"
                        + " WHERE region = ? AND stopped_at_ms = 0")) {
            statement.setString(1, REGION);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    instances.add(result.getString(1));
                }
            }
            assertThat(instances).hasSize(1);
            String[] parts = instances.get(0).split(":");
            return Long.parseLong(parts[parts.length - 2]);
        }
    }

    private static boolean spoolIsEmpty(Path spool) throws Exception {
        Path events = spool.resolve(EventSpool.EVENTS_FILE);
        return !java.nio.file.Files.exists(events) || java.nio.file.Files.size(events) == 0;
    }

    private static boolean acknowledgedAreRecorded(List<Row> rows, Map<String, List<Long>> acknowledged) {
        Map<String, List<Long>> recorded = partitionsByTable(rows);
        return acknowledged.entrySet().stream().allMatch(table -> recorded.getOrDefault(table.getKey(), List.of())
                .containsAll(table.getValue()));
    }

    /** The partition numbers of each table's ADD_PARTITION rows, in id order. */
    private static Map<String, List<Long>> partitionsByTable(List<Row> rows) {
        Map<String, List<Long>> byTable = new HashMap<>();
        for (Row row : rows) {
            if (row.eventType().equals("ADD_PARTITION")) {
                byTable.computeIfAbsent(row.table(), key -> new ArrayList<>()).addAll(row.partitions());
            }
        }
        return byTable;
    }

    private static void assertOncePerObjectInOrder(List<Row> rows, List<Table> tables, int partitionsPerTable) {
        Set<String> stamps = new TreeSet<>();
        rows.forEach(row -> assertThat(stamps.add(row.instanceId() + "/" + row.sequence()))
                .as("instance and sequence once: %s", row).isTrue());
        Map<String, List<Long>> recorded = partitionsByTable(rows);
        List<Long> expected = java.util.stream.LongStream.range(0, partitionsPerTable).boxed().toList();
        for (Table table : tables) {
            assertThat(recorded.get(table.getTableName())).as("every partition event of %s once, in order",
                    table.getTableName()).containsExactlyElementsOf(expected);
        }
        List<Long> sequences = rows.stream().map(Row::sequence).toList();
        assertThat(sequences).as("ids in sequence order").isSorted();
    }

    /** A row of hms_event. */
    private record Row(long id, String eventType, String table, String instanceId, long sequence,
            List<Long> partitions) {
    }

    private static List<Row> rows(TestingMariaDb store) throws SQLException {
        StraitJson json = new StraitJson();
        List<Row> rows = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT id, event_type, table_name,"
                        + " instance_id, instance_seq, snapshot_json FROM hms_event ORDER BY id");
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                EventSnapshot snapshot = json.read(result.getString(6), EventSnapshot.class);
                List<Long> partitions = snapshot.partitions().stream()
                        .map(partition -> Long.parseLong(partition.ref().values().get(0))).toList();
                rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                        result.getLong(5), partitions));
            }
        }
        return rows;
    }
}
