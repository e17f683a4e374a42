package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.common.event.CapturedEvent;
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
import io.strait.sql.testing.TestingMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder's group commit on a real MariaDB: events of many metastore threads arrive once each, in sequence
 * order (so in per-object order), in fewer transactions than events; a store slower than the write budget sends the
 * events to the spool, and when the late transaction commits after all, the replay adds nothing twice.
 */
class GroupCommitIntegrationTest {
    private static final int THREADS = 16;
    private static final int EVENTS_PER_THREAD = 150;
    private static final int TABLES = 8;

    @TempDir
    Path spoolDirectory;
    private TestingMariaDb store;
    private SpoolingEventRecorder recorder;

    @BeforeEach
    void createStore() {
        store = TestingMariaDb.create();
    }

    @AfterEach
    void close() {
        if (recorder != null) {
            recorder.close();
        }
        store.close();
    }

    /** Counts transactions, and holds the first one for a while when told to (a store slower than the budget). */
    private static final class CountingSink implements EventSink {
        private final JdbcEventSink target;
        private final AtomicInteger transactions = new AtomicInteger();
        private volatile Duration firstWriteDelay = Duration.ZERO;
        private final CountDownLatch delayedWriteDone = new CountDownLatch(1);

        CountingSink(JdbcEventSink target) {
            this.target = target;
        }

        @Override
        public void writeAll(List<StampedEvent> events) throws Exception {
            Duration delay = firstWriteDelay;
            firstWriteDelay = Duration.ZERO;
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            target.writeAll(events);
            transactions.incrementAndGet();
            if (!delay.isZero()) {
                delayedWriteDone.countDown();
            }
        }

        @Override
        public void close() {
            target.close();
        }
    }

    @Test
    void eventsOfManyThreadsArriveOnceInPerObjectOrderInFewerTransactions() throws Exception {
        CountingSink sink = new CountingSink(jdbcSink());
        recorder = SpoolingEventRecorder.writingTo(TestingEvents.REGION, sink,
                EventSpool.open(spoolDirectory, new StraitJson()), Duration.ofHours(1), Duration.ofSeconds(30));
        ExecutorService metastoreThreads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int writer = thread;
                calls.add(metastoreThreads.submit(() -> {
                    for (int n = 0; n < EVENTS_PER_THREAD; n++) {
                        recorder.record(event(writer, n));
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get(5, TimeUnit.MINUTES);
            }
        } finally {
            metastoreThreads.shutdownNow();
        }

        List<Row> rows = rows();
        int total = THREADS * EVENTS_PER_THREAD;
        assertThat(rows).hasSize(total);
        assertThat(rows).extracting(Row::sequence).as("every number once, ids in sequence order")
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList());
        Map<String, Integer> lastOfWriter = new HashMap<>();
        for (Row row : rows) {
            String key = row.table() + "/" + row.writer();
            int previous = lastOfWriter.getOrDefault(key, -1);
            assertThat(row.number()).as("per-object order of writer %s", key).isGreaterThan(previous);
            lastOfWriter.put(key, row.number());
        }
        assertThat(sink.transactions.get()).as("concurrent events share transactions").isLessThan(total);
        assertThat(recorder.pendingCount()).isZero();
        System.out.printf("group commit: %d events of %d threads in %d transactions%n", total, THREADS,
                sink.transactions.get());
    }

    @Test
    void aStoreSlowerThanTheBudgetSpoolsAndTheLateCommitIsKeptOnce() throws Exception {
        Duration budget = Duration.ofMillis(300);
        CountingSink sink = new CountingSink(jdbcSink());
        sink.firstWriteDelay = Duration.ofMillis(1500);
        recorder = SpoolingEventRecorder.writingTo(TestingEvents.REGION, sink,
                EventSpool.open(spoolDirectory, new StraitJson()), Duration.ofHours(1), budget);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.replayPasses() > 0);

        long started = System.nanoTime();
        recorder.record(event(0, 0));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        recorder.record(event(0, 1));
        recorder.record(event(1, 0));

        assertThat(took).as("the budget, then one spool append (the first serialises its first event: a cold"
                + " start on a loaded machine)").isLessThan(budget.plusSeconds(1));
        assertThat(recorder.pendingCount()).isEqualTo(3);
        assertThat(sink.delayedWriteDone.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(rows()).as("the late transaction committed").extracting(Row::sequence).containsExactly(1L);

        recorder.replay();

        assertThat(rows()).extracting(Row::sequence).as("replayed without a second row for number 1")
                .containsExactly(1L, 2L, 3L);
        assertThat(recorder.pendingCount()).isZero();
    }

    private JdbcEventSink jdbcSink() {
        return new JdbcEventSink(store.jdbcUrl(), store.user(), store.password(), Duration.ofSeconds(10),
                Clock.systemUTC(), new StraitJson());
    }

    /** Event {@code n} of writer {@code writer}: a partition {@code writer-n} of table {@code t<writer % TABLES>}. */
    private static CapturedEvent event(int writer, int n) {
        TableRef ref = TableRef.of("sales", "t" + (writer % TABLES));
        TableSnapshot table = new TableSnapshot(ref, "EXTERNAL_TABLE", "file:/a/" + ref.table(),
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of("EXTERNAL", "TRUE"), "etl");
        PartitionSnapshot partition = new PartitionSnapshot(PartitionRef.of(ref, List.of(writer + "-" + n)),
                "file:/a/" + ref.table() + "/ds=" + writer + "-" + n, StorageFormat.PARQUET, Map.of());
        return new CapturedEvent(TestingEvents.REGION, EventType.ADD_PARTITION, "sales", ref.table(), 1_000L + n,
                CapturedEvent.ORIGIN_WRITER, EventSnapshot.ofPartitions(table, List.of(partition)));
    }

    /** A row of hms_event: its table, the writer and number of its partition, its sequence number. */
    private record Row(String table, int writer, int number, long sequence) {
    }

    private List<Row> rows() throws SQLException {
        StraitJson json = new StraitJson();
        List<Row> rows = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT table_name, snapshot_json,"
                        + " instance_seq FROM hms_event ORDER BY id");
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                EventSnapshot snapshot = json.read(result.getString(2), EventSnapshot.class);
                String[] value = snapshot.partitions().get(0).ref().values().get(0).split("-");
                rows.add(new Row(result.getString(1), Integer.parseInt(value[0]), Integer.parseInt(value[1]),
                        result.getLong(3)));
            }
        }
        return rows;
    }
}
