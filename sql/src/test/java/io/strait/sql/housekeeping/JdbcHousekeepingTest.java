package io.strait.sql.housekeeping;

import static io.strait.sql.SampleValues.ORDERS;
import static io.strait.sql.SampleValues.REGION_A;
import static io.strait.sql.SampleValues.REGION_B;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.PartitionRef;
import io.strait.sql.SampleValues;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Housekeeping on a real MariaDB: what is past retention goes, what replication, reconcile and reports need stays. */
class JdbcHousekeepingTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final long NOW = 1_700_000_000_000L;

    private TestingMariaDb db;
    private TestingClock clock;
    private JdbcEventLog events;
    private JdbcJobStore jobs;
    private JdbcHousekeeping housekeeping;

    @BeforeEach
    void createDatabase() {
        db = TestingMariaDb.create();
        clock = new TestingClock(NOW);
        events = new JdbcEventLog(db.dataSource(), clock);
        jobs = new JdbcJobStore(db.dataSource(), clock);
        housekeeping = new JdbcHousekeeping(db.dataSource(), clock);
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void deletesOldEventsEveryLinkPlannedAndKeepsNewerUnplannedAndUnreadOnes() throws SQLException {
        List<Long> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            old.add(events.append(SampleValues.alterPartitionEvent(REGION_A, NOW - 40 * DAY)));
        }
        long recent = events.append(SampleValues.alterPartitionEvent(REGION_A, NOW - DAY));
        long unread = events.append(SampleValues.alterPartitionEvent(REGION_B, NOW - 40 * DAY));
        jobs.createJobs("slow", 0, old.get(2), List.of());
        jobs.createJobs("fast", 0, recent, List.of());

        JdbcHousekeeping.Result result = housekeeping.run(Map.of(REGION_A.name(), List.of("slow", "fast")),
                RETENTION, RETENTION, 2, false);

        assertThat(result.eventsByRegion()).containsEntry(REGION_A.name(), 3L);
        assertThat(eventIds()).as("old events up to the slowest link's cursor are gone; the ones it has not"
                + " planned, the recent one and those of a region no link reads stay")
                .containsExactly(old.get(3), old.get(4), recent, unread);
    }

    @Test
    void deletesObjectOrderRecordsOlderThanTheEventRetentionAndKeepsYoungerOnes() throws SQLException {
        for (int i = 0; i < 5; i++) {
            objectOrder("old-" + i, NOW - 31 * DAY);
        }
        objectOrder("young", NOW - 29 * DAY);

        JdbcHousekeeping.Result dryRun = housekeeping.run(Map.of(), RETENTION, RETENTION, 2, true);
        assertThat(dryRun.objectOrders()).isEqualTo(5);
        assertThat(objectOrders()).hasSize(6);

        JdbcHousekeeping.Result result = housekeeping.run(Map.of(), RETENTION, RETENTION, 2, false);

        assertThat(result.objectOrders()).isEqualTo(5);
        assertThat(result.summary()).contains("5 object order record(s)");
        assertThat(objectOrders()).containsExactly("young");
    }

    private void objectOrder(String object, long plannedAt) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO planned_object_order"
                        + " (link, object_hash, object_name, notification_id, object_version, captured_at_ms,"
                        + " event_id, source_position, planned_at_ms) VALUES ('a-to-b', SHA2(?, 256), ?, 0, 0, ?, 1,"
                        + " 1, ?)")) {
            insert.setString(1, object);
            insert.setString(2, object);
            insert.setLong(3, plannedAt);
            insert.setLong(4, plannedAt);
            insert.executeUpdate();
        }
    }

    private List<String> objectOrders() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT object_name FROM planned_object_order"
                        + " ORDER BY object_name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    @Test
    void neverDeletesTheNewestEventOfARegionEvenWhenPlannedAndOld() throws SQLException {
        long first = events.append(SampleValues.alterPartitionEvent(REGION_A, NOW - 40 * DAY));
        long newest = events.append(SampleValues.alterPartitionEvent(REGION_A, NOW - 40 * DAY));
        jobs.createJobs("link", 0, newest, List.of());

        housekeeping.run(Map.of(REGION_A.name(), List.of("link")), RETENTION, RETENTION, 10, false);

        assertThat(eventIds()).doesNotContain(first).containsExactly(newest);
        assertThat(events.latestId(REGION_A)).as("the event position does not move back").isEqualTo(newest);
    }

    @Test
    void aLinkThatPlannedNothingKeepsEveryEventOfItsRegion() throws SQLException {
        events.append(SampleValues.alterPartitionEvent(REGION_A, NOW - 40 * DAY));
        events.append(SampleValues.alterPartitionEvent(REGION_A, NOW - 40 * DAY));

        housekeeping.run(Map.of(REGION_A.name(), List.of("new-link")), RETENTION, RETENTION, 10, false);

        assertThat(eventIds()).hasSize(2);
    }

    @Test
    void deletesFinishedJobsPastRetentionWithTheirHistoryAndKeepsWhatIsStillNeeded() throws SQLException {
        clock.setMillis(NOW - 40 * DAY);
        long replaced = succeeded("2024-01-01");
        long newestOfObject = succeeded("2024-01-01");
        long failed = settle("2024-01-02", JobState.FAILED);
        long superseded = settle("2024-01-03", JobState.SUPERSEDED);
        long blocked = settle("2024-01-04", JobState.BLOCKED);
        long pending = create("2024-01-05");
        clock.setMillis(NOW - DAY);
        long recentlyCancelled = settle("2024-01-06", JobState.CANCELLED);
        clock.setMillis(NOW);

        JdbcHousekeeping.Result dryRun = housekeeping.run(Map.of(), RETENTION, RETENTION, 2, true);
        assertThat(jobIds()).as("a dry run deletes nothing").hasSize(7);
        JdbcHousekeeping.Result result = housekeeping.run(Map.of(), RETENTION, RETENTION, 2, false);

        assertThat(jobIds()).containsExactly(newestOfObject, blocked, pending, recentlyCancelled);
        assertThat(result.jobs()).isEqualTo(3);
        assertThat(dryRun.jobs()).isEqualTo(result.jobs());
        assertThat(dryRun.transitions()).isEqualTo(result.transitions());
        assertThat(result.transitions()).as("4 rows for a succeeded job, 2 for each other one").isEqualTo(4 + 2 + 2);
        for (long gone : List.of(replaced, failed, superseded)) {
            assertThat(jobs.history(gone)).as("history of job " + gone).isEmpty();
        }
        assertThat(jobs.history(newestOfObject)).hasSize(4);
        assertThat(jobs.history(pending)).hasSize(1);
    }

    private long create(String day) {
        NewJob job = new NewJob("link", JobKind.SYNC_PARTITION,
                ObjectRef.partition(PartitionRef.of(ORDERS, List.of(day))), 1, clock.millis());
        return jobs.createRepairJobs("link", List.of(new NewJob(job.link(), job.kind(), job.object(), 1,
                clock.millis(), io.strait.common.job.JobOrigin.REPAIR))).get(0);
    }

    private long settle(String day, JobState state) {
        long id = create(day);
        ReplicationJob job = jobs.find(id).orElseThrow();
        jobs.transition(JobTransitionRequest.of(job, state, "test"));
        return id;
    }

    private long succeeded(String day) {
        long id = create(day);
        ReplicationJob job = jobs.transition(JobTransitionRequest.of(jobs.find(id).orElseThrow(), JobState.PLANNED,
                "claimed"));
        job = jobs.transition(JobTransitionRequest.of(job, JobState.COMMITTED, "published").withCommittedAt(
                clock.millis()));
        jobs.transition(JobTransitionRequest.of(job, JobState.SUCCEEDED, "done"));
        return id;
    }

    private List<Long> eventIds() throws SQLException {
        return ids("SELECT id FROM hms_event ORDER BY id");
    }

    private List<Long> jobIds() throws SQLException {
        return ids("SELECT id FROM replication_job ORDER BY id");
    }

    private List<Long> ids(String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
