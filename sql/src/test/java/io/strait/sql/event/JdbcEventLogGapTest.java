package io.strait.sql.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.event.EventBatch;
import io.strait.common.event.EventCursor;
import io.strait.common.event.EventRows;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.event.StampedEvent;
import io.strait.common.json.StraitJson;
import io.strait.common.region.RegionId;
import io.strait.sql.SampleValues;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reading the event log never moves past an event id a live listener instance may still write, and passes every
 * other missing id at once.
 */
class JdbcEventLogGapTest {
    private static final RegionId A = RegionId.of("a");
    private static final RegionId B = RegionId.of("b");
    private static final long NOW = 1_700_000_000_000L;

    private final TestingMariaDb db = TestingMariaDb.create();
    private final TestingClock clock = new TestingClock(NOW);
    private final JdbcEventLog log = new JdbcEventLog(db.dataSource(), clock, Duration.ofSeconds(30));

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    /** Leaves an id missing, as a write that was rolled back (or never committed) does. */
    private void leaveAGap() throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO hms_event (source_region, event_type, db_name, captured_at_ms,"
                    + " recorded_at_ms, snapshot_json) VALUES ('x', 'CREATE_DATABASE', 'x', 0, 0, '{}')");
            connection.rollback();
        }
    }

    private void instance(String id, long lastContact, long horizon) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("INSERT INTO listener_instance"
                        + " (instance_id, region, started_at_ms, last_contact_at_ms, horizon_event_id, spooled_tables)"
                        + " VALUES (?, 'a', ?, ?, ?, '') ON DUPLICATE KEY UPDATE last_contact_at_ms = VALUES"
                        + "(last_contact_at_ms), horizon_event_id = VALUES(horizon_event_id)")) {
            statement.setString(1, id);
            statement.setLong(2, lastContact);
            statement.setLong(3, lastContact);
            statement.setLong(4, horizon);
            statement.executeUpdate();
        }
    }

    private static long insertStamped(Connection connection, String instance, long sequence) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(EventRows.INSERT_STAMPED,
                Statement.RETURN_GENERATED_KEYS)) {
            List<Object> values = EventRows.insertValues(new StampedEvent(instance, sequence,
                    SampleValues.createTableEvent(A, sequence)), NOW, new StraitJson());
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            statement.executeUpdate();
            try (var keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private long writeStamped(String instance, long sequence) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            return insertStamped(connection, instance, sequence);
        }
    }

    @Test
    void otherRegionsEntriesAreScannedPastSoTheCursorKeepsMoving() {
        long first = log.append(SampleValues.createTableEvent(B, 1));
        long second = log.append(SampleValues.createTableEvent(B, 2));

        EventBatch batch = log.read(A, 0, 10);

        assertThat(batch.events()).isEmpty();
        assertThat(batch.scannedThroughId()).isEqualTo(second).isGreaterThan(first);
    }

    @Test
    void aMissingIdNoLiveInstanceCanHoldIsPassedAtOnce() throws SQLException {
        instance("writer", NOW, 0);
        long before = writeStamped("writer", 1);
        leaveAGap();
        long after = writeStamped("writer", 2);
        assertThat(after).as("an id is missing between the two").isGreaterThan(before + 1);

        EventBatch batch = log.read(A, 0, 10);

        assertThat(batch.events()).extracting(ReplicationEvent::id).containsExactly(before, after);
        assertThat(batch.scannedThroughId()).isEqualTo(after);
    }

    @Test
    void anIdleInstanceIsWaitedForUntilItsHorizonPassesTheGapAndNoLonger() throws SQLException {
        instance("writer", NOW, 0);
        instance("idle", NOW, 0);
        long before = writeStamped("writer", 1);
        leaveAGap();
        long after = writeStamped("writer", 2);

        EventBatch waiting = log.read(A, 0, 10);
        instance("idle", NOW + 1_000, after);
        EventBatch passed = log.read(A, waiting.scannedThroughId(), 10);

        assertThat(waiting.events()).extracting(ReplicationEvent::id).containsExactly(before);
        assertThat(waiting.scannedThroughId()).isEqualTo(before);
        assertThat(passed.events()).extracting(ReplicationEvent::id).containsExactly(after);
    }

    @Test
    void aWriteStillInFlightIsNeverPassedAndIsReadOnceCommitted() throws SQLException {
        instance("fast", NOW, 0);
        instance("slow", NOW, 0);
        long before = writeStamped("fast", 1);
        try (Connection slow = db.dataSource().getConnection()) {
            slow.setAutoCommit(false);
            long inFlight = insertStamped(slow, "slow", 1);
            long after = writeStamped("fast", 2);
            instance("fast", NOW, after);

            EventBatch whileInFlight = log.read(A, before, 10);
            slow.commit();
            EventBatch committed = log.read(A, whileInFlight.scannedThroughId(), 10);

            assertThat(whileInFlight.events()).isEmpty();
            assertThat(whileInFlight.scannedThroughId()).isEqualTo(before);
            assertThat(committed.events()).extracting(ReplicationEvent::id).containsExactly(inFlight, after);
        }
    }

    @Test
    void anInstanceSilentLongerThanTheTimeoutIsNoLongerWaitedFor() throws SQLException {
        instance("writer", NOW, 0);
        instance("dead", NOW - 31_000, 0);
        long before = writeStamped("writer", 1);
        leaveAGap();
        long after = writeStamped("writer", 2);

        EventBatch batch = log.read(A, before, 10);

        assertThat(batch.events()).extracting(ReplicationEvent::id).containsExactly(after);
    }

    @Test
    void withInstanceCursorsASlowWriteHoldsBackOnlyItsOwnInstance() throws SQLException {
        instance("fast", NOW, 0);
        instance("slow", NOW, 0);
        long before = writeStamped("fast", 1);
        try (Connection slow = db.dataSource().getConnection()) {
            slow.setAutoCommit(false);
            long inFlight = insertStamped(slow, "slow", 1);
            long after = writeStamped("fast", 2);

            EventBatch whileInFlight = log.read(A, EventCursor.at(0), 10);
            EventBatch again = log.read(A, whileInFlight.cursor(), 10);
            slow.commit();
            EventBatch committed = log.read(A, again.cursor(), 10);

            assertThat(whileInFlight.events()).as("the fast instance's events, past the slow write")
                    .extracting(ReplicationEvent::id).containsExactly(before, after);
            assertThat(whileInFlight.scannedThroughId()).as("the id cursor waits").isEqualTo(before);
            assertThat(whileInFlight.instanceCursors()).containsEntry("fast", 2L).containsEntry("slow", 0L);
            assertThat(again.events()).as("nothing read twice").isEmpty();
            assertThat(committed.events()).extracting(ReplicationEvent::id).containsExactly(inFlight);
            assertThat(committed.scannedThroughId()).isEqualTo(after);
            assertThat(committed.instanceCursors()).containsEntry("fast", 2L).containsEntry("slow", 1L);
        }
    }

    @Test
    void withInstanceCursorsAMissingNumberStopsItsInstanceUntilRecordedLost() throws SQLException {
        instance("gappy", NOW, 0);
        instance("other", NOW, 0);
        long first = writeStamped("gappy", 1);
        long third = writeStamped("gappy", 3);
        long others = writeStamped("other", 1);

        EventBatch waiting = log.read(A, EventCursor.at(0), 10);
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO listener_event_loss (instance_id, region, first_seq, last_seq, tables,"
                    + " reason, detected_at_ms) VALUES ('gappy', 'a', 2, 2, 'db.t', 'test', 0)");
        }
        EventBatch passed = log.read(A, waiting.cursor(), 10);

        assertThat(waiting.events()).extracting(ReplicationEvent::id).containsExactly(first, others);
        assertThat(waiting.instanceCursors()).containsEntry("gappy", 1L).containsEntry("other", 1L);
        assertThat(waiting.scannedThroughId()).as("never past an entry not taken").isEqualTo(first);
        assertThat(passed.events()).extracting(ReplicationEvent::id).containsExactly(third);
        assertThat(passed.instanceCursors()).containsEntry("gappy", 3L);
        assertThat(passed.scannedThroughId()).isEqualTo(others);
    }

    @Test
    void withInstanceCursorsOtherRegionsInstancesNeverHoldTheIdCursor() throws SQLException {
        instance("mine", NOW, 0);
        long mine = writeStamped("mine", 1);
        long theirs;
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(EventRows.INSERT_STAMPED,
                        Statement.RETURN_GENERATED_KEYS)) {
            List<Object> values = EventRows.insertValues(new StampedEvent("theirs", 1,
                    SampleValues.createTableEvent(B, 1)), NOW, new StraitJson());
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            statement.executeUpdate();
            try (var keys = statement.getGeneratedKeys()) {
                keys.next();
                theirs = keys.getLong(1);
            }
        }

        EventBatch batch = log.read(A, EventCursor.at(0), 10);

        assertThat(batch.events()).extracting(ReplicationEvent::id).containsExactly(mine);
        assertThat(batch.scannedThroughId()).isEqualTo(theirs);
        assertThat(batch.instanceCursors()).containsOnlyKeys("mine");
    }

    @Test
    void theCursorOfAnInstanceStoppedLongAgoWithEverythingTakenIsDropped() throws SQLException {
        instance("gone", NOW - 600_000, 0);
        long first = writeStamped("gone", 1);
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE listener_instance SET stopped_at_ms = " + (NOW - 500_000) + ", clean_stop = 1"
                    + " WHERE instance_id = 'gone'");
        }
        instance("live", NOW, 0);

        EventBatch taken = log.read(A, new EventCursor(0, java.util.Map.of("gone", 0L)), 10);
        EventBatch after = log.read(A, taken.cursor(), 10);

        assertThat(taken.events()).extracting(ReplicationEvent::id).containsExactly(first);
        assertThat(taken.instanceCursors()).as("in the window: kept").containsEntry("gone", 1L);
        assertThat(after.instanceCursors()).as("nothing left of it: dropped").doesNotContainKey("gone")
                .containsKey("live");
        assertThat(after.events()).isEmpty();
    }

    @Test
    void anInstanceFirstSeenStartsAfterWhatTheIdCursorPassed() throws SQLException {
        instance("old", NOW, 0);
        long first = writeStamped("old", 1);
        long second = writeStamped("old", 2);
        long third = writeStamped("old", 3);

        EventBatch batch = log.read(A, EventCursor.at(second), 10);

        assertThat(batch.events()).extracting(ReplicationEvent::id).containsExactly(third).doesNotContain(first);
        assertThat(batch.instanceCursors()).containsEntry("old", 3L);
    }
}
