package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.json.StraitJson;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.sql.testing.TestingMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journaled acknowledgement on a real MariaDB: a metastore call returns once its event is in the journal, also
 * while the store hangs; a process killed with events in the journal (some in the store already, some not) loses
 * none: the next recorder on the same folder replays each once, in sequence order, under the killed instance's
 * identity; the journal does not grow once its events are in the store.
 */
class JournaledAcknowledgementIntegrationTest {
    private static final Pattern HOST_PORT = Pattern.compile("//([^:/]+):(\\d+)/");
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SYNC_INTERVAL = Duration.ofMillis(50);
    private static final Duration REPLAY_INTERVAL = Duration.ofMillis(200);

    @TempDir
    Path spoolDirectory;
    private TestingMariaDb store;
    private StoreProxy proxy;
    private final List<SpoolingEventRecorder> recorders = new ArrayList<>();

    @BeforeEach
    void createStore() throws Exception {
        store = TestingMariaDb.create();
        Matcher matcher = HOST_PORT.matcher(store.jdbcUrl());
        assertThat(matcher.find()).as(store.jdbcUrl()).isTrue();
        proxy = StoreProxy.to(matcher.group(1), Integer.parseInt(matcher.group(2)));
    }

    @AfterEach
    void close() throws Exception {
        proxy.thaw();
        recorders.forEach(SpoolingEventRecorder::close);
        proxy.close();
        store.close();
    }

    @Test
    void aJournaledCallReturnsWithoutWaitingForAFrozenStoreAndTheEventsArriveOnceInOrder() throws Exception {
        SpoolingEventRecorder recorder = journaled(proxy.proxied(store.jdbcUrl()));
        recorder.record(event(0));
        await().atMost(Duration.ofSeconds(30)).until(() -> sequences().size() == 1);

        proxy.freeze();
        long slowest = 0;
        for (int n = 1; n <= 300; n++) {
            long started = System.nanoTime();
            recorder.record(event(n));
            slowest = Math.max(slowest, System.nanoTime() - started);
        }

        assertThat(Duration.ofNanos(slowest)).as("no call waits for the frozen store (write budget %s)",
                WRITE_TIMEOUT).isLessThan(Duration.ofMillis(500));
        assertThat(recorder.pendingCount()).as("in the journal, not in the store").isEqualTo(300);
        assertThat(sequences()).containsExactly(1L);

        proxy.thaw();
        await().atMost(Duration.ofSeconds(60)).until(() -> sequences().size() == 301);
        assertThat(sequences()).as("every number once, ids in sequence order")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 301).boxed().toList());
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.pendingCount() == 0);
    }

    @Test
    void aKilledProcessLosesNoAcknowledgedEventTheNextOneReplaysEachOnceInOrder() throws Exception {
        SpoolingEventRecorder killed = journaled(proxy.proxied(store.jdbcUrl()));
        int threads = 8;
        int perThread = 250;
        AtomicInteger next = new AtomicInteger();
        ExecutorService metastoreThreads = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                calls.add(metastoreThreads.submit(() -> {
                    for (int n = 0; n < perThread; n++) {
                        killed.record(event(next.incrementAndGet()));
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get(2, TimeUnit.MINUTES);
            }
        } finally {
            metastoreThreads.shutdownNow();
        }
        int acknowledged = threads * perThread;
        int half = acknowledged / 2;
        await().atMost(Duration.ofSeconds(60)).until(() -> sequences().size() >= half);
        proxy.freeze(); // the rest stays in the journal: only the killed process's page cache has it
        for (int n = 1; n <= 100; n++) {
            killed.record(event(acknowledged + n));
        }
        acknowledged += 100;
        int inStoreAtKill = sequences().size();
        killed.abandon();
        assertThat(inStoreAtKill).as("some events were in the store, some only in the journal")
                .isLessThan(acknowledged);

        SpoolingEventRecorder restarted = journaled(store.jdbcUrl());
        int total = acknowledged;
        await().atMost(Duration.ofSeconds(60)).until(() -> sequences().size() >= total);
        restarted.record(event(total + 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> sequences().size() == total + 1);

        List<Row> rows = rows();
        assertThat(rows.subList(0, total)).extracting(Row::sequence).as("each acknowledged event once, in order")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(rows.subList(0, total)).extracting(Row::instanceId).as("under the killed instance's identity")
                .containsOnly(killed.instanceId());
        assertThat(rows.get(total)).isEqualTo(new Row(restarted.instanceId(), 1));
        System.out.printf("journaled: killed with %d events acknowledged, %d of them in the store%n", total,
                inStoreAtKill);
    }

    @Test
    void theJournalIsCutOnceItsEventsAreInTheStore() throws Exception {
        SpoolingEventRecorder recorder = journaled(store.jdbcUrl());
        for (int n = 1; n <= 200; n++) {
            recorder.record(event(n));
        }
        assertThat(Files.size(spoolDirectory.resolve(EventSpool.EVENTS_FILE))).as("journaled").isPositive();
        await().atMost(Duration.ofSeconds(30)).until(() -> sequences().size() == 200);

        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.pendingCount() == 0
                && Files.size(spoolDirectory.resolve(EventSpool.EVENTS_FILE)) == 0);
        Path position = spoolDirectory.resolve(EventSpool.POSITION_FILE);
        assertThat(Files.exists(position) ? Files.readString(position).trim() : "0").as("replay from the start of"
                + " the empty journal").isEqualTo("0");
    }

    private SpoolingEventRecorder journaled(String jdbcUrl) {
        JdbcEventSink sink = new JdbcEventSink(jdbcUrl, store.user(), store.password(), WRITE_TIMEOUT,
                Clock.systemUTC(), new StraitJson());
        SpoolingEventRecorder recorder = SpoolingEventRecorder.writingTo(TestingEvents.REGION, sink,
                EventSpool.open(spoolDirectory, new StraitJson()), REPLAY_INTERVAL, WRITE_TIMEOUT,
                Acknowledgement.JOURNALED, SYNC_INTERVAL);
        recorders.add(recorder);
        return recorder;
    }

    /** An ADD_PARTITION event of partition {@code n}. */
    private static CapturedEvent event(int n) {
        TableRef ref = TableRef.of("sales", "t" + (n % 4));
        TableSnapshot table = new TableSnapshot(ref, "EXTERNAL_TABLE", "file:/a/" + ref.table(),
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of("EXTERNAL", "TRUE"), "etl");
        PartitionSnapshot partition = new PartitionSnapshot(PartitionRef.of(ref, List.of("p" + n)),
                "file:/a/" + ref.table() + "/ds=p" + n, StorageFormat.PARQUET, Map.of());
        return new CapturedEvent(TestingEvents.REGION, EventType.ADD_PARTITION, "sales", ref.table(), 1_000L + n,
                CapturedEvent.ORIGIN_WRITER, EventSnapshot.ofPartitions(table, List.of(partition)));
    }

    private record Row(String instanceId, long sequence) {
    }

    private List<Long> sequences() throws SQLException {
        return rows().stream().map(Row::sequence).toList();
    }

    private List<Row> rows() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT instance_id, instance_seq FROM"
                        + " hms_event ORDER BY id");
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(new Row(result.getString(1), result.getLong(2)));
            }
        }
        return rows;
    }
}
