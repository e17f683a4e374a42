package io.strait.scheduler.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.job.JobState;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.scheduler.cycle.ReplicationCycle;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.job.JdbcJobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A paused link plans but starts nothing; a job's outcome is one log line with table, partition, bytes, duration. */
class OperatorControlCycleTest {
    private static final TableRef TABLE = TableRef.of("shop", "orders");
    private static final RegionId A = TestingCycleLink.A;
    private static final String SOURCE_ROOT = TestingCycleLink.SOURCE_ROOT;

    private final TestingCycleLink link = new TestingCycleLink();
    private final JdbcEventLog events = link.events;
    private final JdbcJobStore jobs = link.jobs;
    private final InMemoryMetastoreGateway sourceMetastore = link.sourceMetastore;
    private final InMemoryMetastoreGateway targetMetastore = link.targetMetastore;
    private final InMemoryRegionFileSystem sourceFiles = link.sourceFiles;
    private final InMemoryRegionFileSystem targetFiles = link.targetFiles;
    private final ListAppender<ILoggingEvent> outcomes = new ListAppender<>();

    @AfterEach
    void close() {
        ((Logger) LoggerFactory.getLogger(JobOutcomeLog.LOG.getName())).detachAppender(outcomes);
        link.close();
    }

    private ReplicationCycle cycle() {
        return link.cycle();
    }

    private void createSourcePartition(String day, String... contents) throws IOException {
        sourceMetastore.createDatabase(new DatabaseSnapshot("shop", SOURCE_ROOT + "/shop.db", "", Map.of()));
        TableSnapshot table = new TableSnapshot(TABLE, "EXTERNAL_TABLE", SOURCE_ROOT + "/shop.db/orders",
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of("EXTERNAL", "TRUE"), "etl");
        sourceMetastore.createTable(table);
        String location = table.location() + "/ds=" + day;
        sourceMetastore.addPartition(new PartitionSnapshot(PartitionRef.of(TABLE, List.of(day)), location,
                StorageFormat.PARQUET, Map.of()));
        for (int i = 0; i < contents.length; i++) {
            sourceFiles.write(location + "/part-" + i, contents[i].getBytes(StandardCharsets.UTF_8));
        }
        events.append(new CapturedEvent(A, EventType.CREATE_TABLE, "shop", "orders", 1_000, null,
                EventSnapshot.ofTable(table)));
        events.append(new CapturedEvent(A, EventType.ADD_PARTITION, "shop", "orders", 1_001, null,
                EventSnapshot.ofPartitions(table, sourceMetastore.listPartitions(TABLE))));
    }

    @Test
    void aPausedLinkPlansItsEventsButStartsNoJobUntilResumed() throws IOException {
        createSourcePartition("2026-01-01", "alpha", "beta");
        AtomicBoolean paused = new AtomicBoolean(true);
        ReplicationCycle cycle = cycle().gatedBy(link -> !paused.get());

        for (int i = 0; i < 3; i++) {
            cycle.runOnce();
        }

        List<ReplicationJob> planned = jobs.findUnfinished("a-to-b");
        assertThat(planned).as("events are planned into jobs while paused").isNotEmpty()
                .allSatisfy(job -> assertThat(job.state()).isEqualTo(JobState.PENDING));
        assertThat(planned).allSatisfy(job -> assertThat(job.attempts()).isZero());
        assertThat(targetMetastore.getTable(TABLE)).isEmpty();

        paused.set(false);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            cycle.runOnce();
            return cycle.isDrained();
        });
        assertThat(targetMetastore.getPartition(PartitionRef.of(TABLE, List.of("2026-01-01")))).isPresent();
    }

    @Test
    void eachSettledJobLogsOneOutcomeLineWithTablePartitionBytesAndDuration() throws IOException {
        Logger logger = (Logger) LoggerFactory.getLogger(JobOutcomeLog.LOG.getName());
        outcomes.start();
        logger.addAppender(outcomes);
        createSourcePartition("2026-01-02", "alpha", "beta");
        ReplicationCycle cycle = cycle();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            cycle.runOnce();
            return cycle.isDrained();
        });

        // a worker logs the outcome just after the job's last transition, which drains the link
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(outcomes.list).hasSize(2));
        List<String> lines = outcomes.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).as("one line per job (table, partition)").hasSize(2);
        assertThat(lines).anySatisfy(line -> assertThat(line).matches(
                "job \\d+ SUCCEEDED SYNC_PARTITION link a-to-b table shop\\.orders partition 2026-01-02 bytes 9"
                        + " duration \\d+ ms attempts 1"));
        assertThat(lines).anySatisfy(line -> assertThat(line).matches(
                "job \\d+ SUCCEEDED SYNC_TABLE link a-to-b table shop\\.orders partition - bytes 0 duration \\d+ ms"
                        + " attempts 1"));
    }

    @Test
    void aFailureLineCarriesTheReason() {
        ReplicationJob failed = new ReplicationJob(7, "a-to-b", io.strait.common.job.JobKind.SYNC_PARTITION,
                io.strait.common.job.ObjectRef.partition(PartitionRef.of(TABLE, List.of("2026-01-03"))),
                JobState.FAILED, 9, 1, 1, 3, "", "Cannot read mem://a/x: gone\nmore detail", 1, 2, 0);

        assertThat(JobOutcomeLog.line(failed, 1024, 55)).isEqualTo("job 7 FAILED SYNC_PARTITION link a-to-b table"
                + " shop.orders partition 2026-01-03 bytes 1024 duration 55 ms attempts 3: Cannot read mem://a/x: gone");
    }
}
