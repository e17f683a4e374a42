package io.strait.ops.bench;

import io.strait.common.capture.ListenerCallTimes;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventRows;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.event.StampedEvent;
import io.strait.common.json.StraitJson;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import io.strait.embedded.EmbeddedRegion;
import io.strait.listener.Acknowledgement;
import io.strait.listener.EventRecorder;
import io.strait.listener.EventRecorders;
import io.strait.listener.ListenerConfig;
import io.strait.listener.ListenerSetting;
import io.strait.ops.demo.ListenerPlugin;
import io.strait.sql.StateStore;
import io.strait.sql.listener.JdbcListenerHealth;
import io.strait.sql.listener.ListenerInstance;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.conf.MetastoreConf;

/**
 * The listener's cost, in two parts.
 *
 * <p><b>Ingest</b>, apart from any metastore: {@code threads} threads hand events to the listener's own recorder
 * (built by {@link EventRecorders#forConfig} exactly as inside a metastore: group commit into MariaDB, spool behind
 * it), each call returning once its event is durable; against the baseline of one row per transaction, what the
 * recorder did before group commit: the same threads sharing one connection, one autocommitted INSERT per event.
 * Both alternate round by round on the same store; events/s and the per-round ratio. With the journaled
 * acknowledgement the calls return at once, and a round's time runs until every event is in the store.
 *
 * <p><b>Metastore latency</b>: five otherwise identical Hive Metastore processes (same runtime, classpath and
 * settings): two without the listener (the second a control, whose difference from the first is the noise of the
 * measurement), with the listener writing to the store (durable acknowledgement), with the listener journaling
 * (journaled acknowledgement), and with the listener's store down (connections refused: every event goes to the
 * spool). Each round adds {@code calls} partitions to each, one {@code add_partition} call at a time, the
 * metastores taking turns call by call in rotated order, so that load on the machine falls on all alike. p50, p99
 * and max of each, and what the listener adds.
 */
public final class ListenerBenchmark {
    public static final String BASELINE = "one row per transaction (1 connection)";
    public static final String RECORDER = "listener recorder (group commit)";
    public static final String PLAIN = "metastore without listener";
    public static final String CONTROL = "metastore without listener (control)";
    public static final String LISTENING = "metastore with listener";
    public static final String JOURNALING = "metastore with listener, journaled";
    public static final String RECORDER_JOURNALED = "listener recorder (journaled)";
    public static final String STORE_DOWN = "metastore with listener, store down";
    private static final RegionId REGION = RegionId.of("bench");
    private static final int TABLES = 50;
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    /** Events per second of one round. */
    /** Events per second of one round, and how long its calls took (sorted nanoseconds). */
    public record Rate(String name, int round, int events, long nanos, long[] callNanos) {
        public double perSecond() {
            return events / (nanos / 1e9);
        }

        /** The {@code percentile}th call duration in milliseconds. */
        public double callMillis(double percentile) {
            int index = (int) Math.min(callNanos.length - 1, Math.floor(callNanos.length * percentile / 100.0));
            return callNanos[index] / 1e6;
        }
    }

    /**
     * The latencies of one metastore's calls, in nanoseconds, sorted; and, for a metastore whose listener reaches the
     * store, the listener's own time in each call as its heartbeat reported it (warm-up calls included).
     */
    public record Latencies(String name, List<Long> nanos, Optional<ListenerCallTimes> listenerOwn) {
        public double percentileMillis(double percentile) {
            int index = (int) Math.min(nanos.size() - 1, Math.floor(nanos.size() * percentile / 100.0));
            return nanos.get(index) / 1e6;
        }

        public double maxMillis() {
            return nanos.get(nanos.size() - 1) / 1e6;
        }
    }

    private final Path work;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Consumer<String> progress;
    private final String journalSyncInterval;
    private final StraitJson json = new StraitJson();

    public ListenerBenchmark(Path work, String jdbcUrl, String user, String password, Consumer<String> progress) {
        this(work, jdbcUrl, user, password, progress, ListenerSetting.JOURNAL_SYNC_INTERVAL.defaultValue());
    }

    /** As above, the journaled recorder of the ingest forcing its journal every {@code journalSyncInterval}. */
    public ListenerBenchmark(Path work, String jdbcUrl, String user, String password, Consumer<String> progress,
            String journalSyncInterval) {
        this.journalSyncInterval = journalSyncInterval;
        this.work = work;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.progress = progress;
    }

    /**
     * {@code rounds} rounds, each the baseline ({@code baselineEvents}) then the recorder ({@code events}) in
     * alternating order, with {@code threads} threads.
     */
    public List<Rate> ingest(int events, int baselineEvents, int threads, int rounds) throws Exception {
        return ingest(events, baselineEvents, threads, rounds, Acknowledgement.DURABLE);
    }

    /** As above, the recorder acknowledging as {@code acknowledgement} says. */
    public List<Rate> ingest(int events, int baselineEvents, int threads, int rounds, Acknowledgement acknowledgement)
            throws Exception {
        List<Rate> rates = new ArrayList<>();
        try (StateStore store = StateStore.open(jdbcUrl, user, password, 2)) {
            store.migrate();
            for (int round = 1; round <= rounds; round++) {
                boolean baselineFirst = round % 2 == 1;
                for (int turn = 0; turn < 2; turn++) {
                    Rate rate = (turn == 0) == baselineFirst ? baseline(store, round, baselineEvents, threads)
                            : recorder(store, round, events, threads, acknowledgement);
                    progress.accept(String.format(java.util.Locale.ROOT, "  round %d %-40s %8.0f events/s", round,
                            rate.name(), rate.perSecond()));
                    rates.add(rate);
                }
            }
        }
        return rates;
    }

    private Rate baseline(StateStore store, int round, int events, int threads) throws Exception {
        String instance = "bench-baseline:" + round + ":" + System.nanoTime();
        java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setAutoCommit(true);
            Object shared = new Object();
            long[] calls = new long[events];
            long nanos = inThreads(threads, events, calls, n -> {
                CapturedEvent event = event(n);
                synchronized (shared) {
                    StampedEvent stamped = new StampedEvent(instance, sequence.incrementAndGet(), event);
                    try (PreparedStatement statement = connection.prepareStatement(EventRows.INSERT_STAMPED)) {
                        List<Object> values = EventRows.insertValues(stamped, System.currentTimeMillis(), json);
                        for (int i = 0; i < values.size(); i++) {
                            statement.setObject(i + 1, values.get(i));
                        }
                        statement.executeUpdate();
                    }
                }
            });
            return new Rate(BASELINE, round, events, nanos, sorted(calls));
        }
    }

    private Rate recorder(StateStore store, int round, int events, int threads, Acknowledgement acknowledgement)
            throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("strait.region", REGION.name());
        settings.put("strait.store.jdbc-url", jdbcUrl);
        settings.put("strait.store.user", user);
        settings.put("strait.store.password", password);
        settings.put("strait.listener.spool-directory", work.resolve("spool-" + round).toString());
        settings.put("strait.listener.acknowledge", acknowledgement.configValue());
        settings.put("strait.listener.journal-sync-interval", journalSyncInterval);
        ListenerConfig config = ListenerConfig.read(settings::get);
        try (EventRecorder recorder = EventRecorders.forConfig(config, Clock.systemUTC())) {
            long before = lastId(store);
            recorder.record(event(0)); // spooled until the instance registered, then replayed: wait for it
            awaitRows(store, before, 1, PATIENCE);
            long firstId = lastId(store);
            if (acknowledgement == Acknowledgement.JOURNALED) {
                long started = System.nanoTime();
                long[] calls = new long[events];
                inThreads(threads, events, calls, n -> recorder.record(event(n)));
                awaitRows(store, firstId, events, Duration.ofMinutes(30));
                return new Rate(RECORDER_JOURNALED, round, events, System.nanoTime() - started, sorted(calls));
            }
            long[] calls = new long[events];
            long nanos = inThreads(threads, events, calls, n -> recorder.record(event(n)));
            long written = rowsAfter(store, firstId);
            if (written != events) {
                throw new IllegalStateException("the recorder wrote " + written + " of " + events + " events to the"
                        + " store when its calls returned (the rest went to its spool): the store was not healthy"
                        + " throughout, the figure would not measure group commit");
            }
            return new Rate(RECORDER, round, events, nanos, sorted(calls));
        }
    }

    @FunctionalInterface
    private interface Call {
        void run(int n) throws Exception;
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        java.util.Arrays.sort(copy);
        return copy;
    }

    /**
     * Runs {@code call} for 1..events spread over {@code threads} threads, each call's duration in
     * {@code callNanos[n - 1]}; the wall time in nanoseconds.
     */
    private static long inThreads(int threads, int events, long[] callNanos, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            long started = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int n = next.incrementAndGet(); n <= events; n = next.incrementAndGet()) {
                        long start = System.nanoTime();
                        call.run(n);
                        callNanos[n - 1] = System.nanoTime() - start;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(30, TimeUnit.MINUTES);
            }
            return System.nanoTime() - started;
        } finally {
            pool.shutdownNow();
        }
    }

    /** An ADD_PARTITION event of one partition, as the listener captures it. */
    private static CapturedEvent event(int n) {
        TableRef ref = TableRef.of("bench", "t" + (n % TABLES));
        TableSnapshot table = new TableSnapshot(ref, "EXTERNAL_TABLE", "hdfs://lake/bench/" + ref.table(),
                List.of(ColumnSpec.of("id", "bigint"), ColumnSpec.of("amount", "double")),
                List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"), "etl");
        PartitionSnapshot partition = new PartitionSnapshot(PartitionRef.of(ref, List.of("p" + n)),
                "hdfs://lake/bench/" + ref.table() + "/ds=p" + n, StorageFormat.PARQUET, Map.of());
        return new CapturedEvent(REGION, EventType.ADD_PARTITION, "bench", ref.table(), System.currentTimeMillis(),
                CapturedEvent.ORIGIN_WRITER, EventSnapshot.ofPartitions(table, List.of(partition)));
    }

    private static long lastId(StateStore store) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM"
                        + " hms_event");
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private static long rowsAfter(StateStore store, long id) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM hms_event WHERE"
                        + " id > ?")) {
            statement.setLong(1, id);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** Waits until {@code rows} rows follow id {@code afterId}. */
    private static void awaitRows(StateStore store, long afterId, long rows, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (rowsAfter(store, afterId) < rows) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(rows + " listener events did not reach the state store within "
                        + patience.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
    }

    /**
     * Starts the four metastores, warms each up with {@code warmUp} calls, then measures {@code rounds} rounds of
     * {@code calls} add_partition calls on each; the latencies by metastore.
     */
    public List<Latencies> metastoreLatency(int calls, int rounds, int warmUp) throws Exception {
        return metastoreLatency(calls, rounds, warmUp, false);
    }

    /**
     * As above; {@code metastoreLogSync} false runs every metastore's Derby database without forcing its log
     * ({@code derby.system.durability=test}, the same for all five), true with Derby's default forced log.
     */
    public List<Latencies> metastoreLatency(int calls, int rounds, int warmUp, boolean metastoreLogSync)
            throws Exception {
        Map<String, String> listening = ListenerPlugin.settings(REGION, jdbcUrl, user, password,
                work.resolve("spool-listening"));
        Map<String, String> journaling = new HashMap<>(ListenerPlugin.settings(REGION, jdbcUrl, user, password,
                work.resolve("spool-journaling")));
        journaling.put("strait.listener.acknowledge", Acknowledgement.JOURNALED.configValue());
        Map<String, String> down = ListenerPlugin.settings(REGION, refusedUrl(), user, password,
                work.resolve("spool-down"));
        try (StateStore store = StateStore.open(jdbcUrl, user, password, 2)) {
            store.migrate();
        }
        Map<String, String> derby = metastoreLogSync ? Map.of() : Map.of("derby.system.durability", "test");
        List<EmbeddedRegion> started = EmbeddedRegion.startAll(List.of(
                metastore("plain", Map.of(), derby), metastore("control", Map.of(), derby),
                metastore("listening", listening, derby), metastore("journaling", journaling, derby),
                metastore("down", down, derby)));
        Map<String, EmbeddedRegion> metastores = new LinkedHashMap<>();
        metastores.put(PLAIN, started.get(0));
        metastores.put(CONTROL, started.get(1));
        metastores.put(LISTENING, started.get(2));
        metastores.put(JOURNALING, started.get(3));
        metastores.put(STORE_DOWN, started.get(4));
        Map<String, IMetaStoreClient> clients = new LinkedHashMap<>();
        try {
            Map<String, Table> tables = new HashMap<>();
            for (Map.Entry<String, EmbeddedRegion> metastore : metastores.entrySet()) {
                IMetaStoreClient client = client(metastore.getValue());
                clients.put(metastore.getKey(), client);
                tables.put(metastore.getKey(), createTable(client, metastore.getValue()));
            }
            Map<String, List<Long>> latencies = new LinkedHashMap<>();
            metastores.keySet().forEach(name -> latencies.put(name, new ArrayList<>()));
            List<String> names = new ArrayList<>(metastores.keySet());
            for (int call = 0; call < warmUp; call++) {
                for (String name : names) {
                    addPartition(clients.get(name), tables.get(name), "w" + call);
                }
            }
            progress.accept("  warmed up with " + warmUp + " calls each");
            for (int round = 1; round <= rounds; round++) {
                for (int call = 0; call < calls; call++) {
                    for (int turn = 0; turn < names.size(); turn++) {
                        String name = names.get((call + turn) % names.size());
                        long start = System.nanoTime();
                        addPartition(clients.get(name), tables.get(name), "r" + round + "c" + call);
                        latencies.get(name).add(System.nanoTime() - start);
                    }
                }
                progress.accept("  round " + round + ": " + calls + " add_partition calls on each metastore");
            }
            // every add_partition, warm-up included, and the database and table the run created
            Map<String, ListenerCallTimes> own = listenersOwnTimes(Map.of(LISTENING, "spool-listening",
                    JOURNALING, "spool-journaling"), warmUp + (long) rounds * calls + 2);
            return latencies.entrySet().stream()
                    .map(entry -> new Latencies(entry.getKey(), entry.getValue().stream().sorted().toList(),
                            Optional.ofNullable(own.get(entry.getKey()))))
                    .toList();
        } finally {
            for (IMetaStoreClient client : clients.values()) {
                client.close();
            }
            started.forEach(EmbeddedRegion::close);
        }
    }

    /**
     * The call times the listeners of the metastores named (by their spool folder's name) reported with their
     * latest heartbeat, read once each has reported {@code expectedCalls} calls.
     */
    private Map<String, ListenerCallTimes> listenersOwnTimes(Map<String, String> spoolOf, long expectedCalls)
            throws Exception {
        try (StateStore store = StateStore.open(jdbcUrl, user, password, 1)) {
            JdbcListenerHealth health = new JdbcListenerHealth(store.dataSource(), Clock.systemUTC());
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (true) {
                Map<String, ListenerCallTimes> own = new HashMap<>();
                for (ListenerInstance instance : health.instances(REGION.name(), PATIENCE)) {
                    spoolOf.forEach((name, spool) -> {
                        if (Path.of(instance.spoolDirectory()).getFileName().toString().equals(spool)) {
                            own.put(name, instance.callTimes());
                        }
                    });
                }
                if (own.size() == spoolOf.size()
                        && own.values().stream().allMatch(times -> times.calls() == expectedCalls)) {
                    return own;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the listeners did not report " + expectedCalls + " calls"
                            + " within " + PATIENCE.toSeconds() + " s: " + own);
                }
                Thread.sleep(200);
            }
        }
    }

    /** A JDBC URL of a port nothing listens on: connections are refused. */
    private String refusedUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return "jdbc:mysql://127.0.0.1:" + port + "/strait_down";
    }

    /** A metastore with the listener's classes on its classpath and {@code settings}; the same runtime for all. */
    private EmbeddedRegion.Builder metastore(String name, Map<String, String> settings,
            Map<String, String> systemProperties) throws Exception {
        Path directory = Files.createDirectories(work.resolve("metastore-" + name));
        return EmbeddedRegion.builder(name, directory).extraClasspath(ListenerPlugin.classpath())
                .configuration(settings).systemProperties(systemProperties);
    }

    private static IMetaStoreClient client(EmbeddedRegion region) throws Exception {
        Configuration conf = MetastoreConf.newMetastoreConf();
        MetastoreConf.setVar(conf, MetastoreConf.ConfVars.THRIFT_URIS, region.metastoreUri());
        return new HiveMetaStoreClient(conf);
    }

    private static Table createTable(IMetaStoreClient client, EmbeddedRegion region) throws Exception {
        client.createDatabase(new Database("bench", "", region.externalRootUri() + "/bench.db", new HashMap<>()));
        Table table = new Table();
        table.setDbName("bench");
        table.setTableName("events");
        table.setOwner("etl");
        table.setTableType("EXTERNAL_TABLE");
        table.setParameters(new HashMap<>(Map.of("EXTERNAL", "TRUE")));
        table.setPartitionKeys(new ArrayList<>(List.of(new FieldSchema("ds", "string", null))));
        table.setSd(storage(region.externalRootUri() + "/bench.db/events"));
        client.createTable(table);
        return table;
    }

    private static void addPartition(IMetaStoreClient client, Table table, String value) throws Exception {
        client.add_partition(new Partition(List.of(value), table.getDbName(), table.getTableName(), 0, 0,
                storage(table.getSd().getLocation() + "/ds=" + value), new HashMap<>()));
    }

    private static StorageDescriptor storage(String location) {
        StorageDescriptor storage = new StorageDescriptor();
        storage.setInputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
        storage.setOutputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
        storage.setSerdeInfo(new SerDeInfo("parquet", "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                new HashMap<>()));
        storage.setParameters(new HashMap<>());
        storage.setCols(new ArrayList<>(List.of(new FieldSchema("id", "bigint", null),
                new FieldSchema("amount", "double", null))));
        storage.setLocation(location);
        return storage;
    }
}
