package io.strait.sql.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.event.EventBatch;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.region.RegionId;
import io.strait.sql.SampleValues;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading the event log never moves past an event id whose write may still commit. */
class JdbcEventLogGapTest {
    private static final RegionId A = RegionId.of("a");
    private static final RegionId B = RegionId.of("b");

    private final TestingMariaDb db = TestingMariaDb.create();
    private final TestingClock clock = new TestingClock(1_700_000_000_000L);
    private final JdbcEventLog log = new JdbcEventLog(db.dataSource(), clock, Duration.ofSeconds(30));

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    /** Leaves an id missing, as a write that has not committed yet (or never will) does. */
    private void leaveAGap() throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO hms_event (source_region, event_type, db_name, captured_at_ms,"
                    + " recorded_at_ms, snapshot_json) VALUES ('x', 'CREATE_DATABASE', 'x', 0, 0, '{}')");
            statement.execute("DELETE FROM hms_event WHERE source_region = 'x'");
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
    void aMissingIdStopsTheCursorUntilItIsOlderThanTheGapTimeout() throws SQLException {
        long before = log.append(SampleValues.createTableEvent(A, 1));
        leaveAGap();
        long after = log.append(SampleValues.createTableEvent(A, 2));
        assertThat(after).as("an id is missing between the two").isGreaterThan(before + 1);

        EventBatch fresh = log.read(A, 0, 10);
        clock.advanceMillis(31_000);
        EventBatch stale = log.read(A, before, 10);

        assertThat(fresh.events()).extracting(ReplicationEvent::id).containsExactly(before);
        assertThat(fresh.scannedThroughId()).isEqualTo(before);
        assertThat(stale.events()).extracting(ReplicationEvent::id).containsExactly(after);
        assertThat(stale.scannedThroughId()).isEqualTo(after);
    }
}
