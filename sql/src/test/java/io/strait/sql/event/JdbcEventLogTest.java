package io.strait.sql.event;

import static io.strait.sql.SampleValues.REGION_A;
import static io.strait.sql.SampleValues.REGION_B;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.json.StraitJson;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.region.RegionId;
import io.strait.sql.SampleValues;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcEventLogTest {
    private static TestingMariaDb db;
    private static TestingClock clock;
    private static JdbcEventLog log;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
        clock = new TestingClock(1_700_000_000_000L);
        log = new JdbcEventLog(db.dataSource(), clock);
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void appendedEventReadsBackEqualWithItsFullSnapshot() {
        RegionId region = RegionId.of("round-trip");
        CapturedEvent event = SampleValues.alterPartitionEvent(region, 1_700_000_000_123L);

        long id = log.append(event);

        assertThat(log.readAfter(region, 0, 10)).containsExactly(new ReplicationEvent(id, event));
        assertThat(log.latestId(region)).isEqualTo(id);
    }

    @Test
    void rowColumnsDescribeTheEvent() throws SQLException {
        RegionId region = RegionId.of("columns");
        clock.setMillis(1_700_000_000_999L);
        long id = log.append(SampleValues.alterPartitionEvent(region, 1_700_000_000_500L));

        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT event_type, db_name, table_name,"
                        + " partition_count, origin, captured_at_ms, recorded_at_ms FROM hms_event WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("event_type")).isEqualTo("ALTER_PARTITION");
                assertThat(row.getString("db_name")).isEqualTo("sales");
                assertThat(row.getString("table_name")).isEqualTo("orders");
                assertThat(row.getInt("partition_count")).isEqualTo(2);
                assertThat(row.getString("origin")).isEqualTo("writer");
                assertThat(row.getLong("captured_at_ms")).isEqualTo(1_700_000_000_500L);
                assertThat(row.getLong("recorded_at_ms")).isEqualTo(1_700_000_000_999L);
            }
        }
    }

    @Test
    void readAfterKeepsToTheRegionTheCursorAndTheLimitInIdOrder() {
        RegionId region = RegionId.of("paging");
        RegionId other = RegionId.of("paging-other");
        long first = log.append(SampleValues.createTableEvent(region, 1));
        log.append(SampleValues.createTableEvent(other, 2));
        long second = log.append(SampleValues.alterPartitionEvent(region, 3));
        long third = log.append(SampleValues.createTableEvent(region, 4));

        assertThat(ids(log.readAfter(region, 0, 2))).containsExactly(first, second);
        assertThat(ids(log.readAfter(region, second, 10))).containsExactly(third);
        assertThat(log.readAfter(region, third, 10)).isEmpty();
        assertThat(log.latestId(region)).isEqualTo(third);
    }

    @Test
    void latestIdOfARegionWithoutEventsIsZero() {
        assertThat(log.latestId(RegionId.of("silent"))).isZero();
        assertThat(log.readAfter(RegionId.of("silent"), 0, 10)).isEmpty();
    }

    @Test
    void rowWrittenWithPlainJdbcTheWayTheListenerWritesIsRead() throws SQLException {
        EventSnapshot snapshot = EventSnapshot.ofDatabase(new DatabaseSnapshot("sales", "file:/warehouse/a/sales.db",
                "", Map.of("k", "v")));
        String insert = "INSERT INTO hms_event (source_region, event_type, db_name, table_name, partition_count,"
                + " origin, captured_at_ms, recorded_at_ms, snapshot_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, "listener");
            statement.setString(2, "CREATE_DATABASE");
            statement.setString(3, "sales");
            statement.setString(4, "");
            statement.setInt(5, 0);
            statement.setString(6, "strait");
            statement.setLong(7, 42);
            statement.setLong(8, 43);
            statement.setString(9, new StraitJson().write(snapshot));
            statement.executeUpdate();
        }

        List<ReplicationEvent> events = log.readAfter(RegionId.of("listener"), 0, 10);

        assertThat(events).singleElement().extracting(ReplicationEvent::event).isEqualTo(new CapturedEvent(
                RegionId.of("listener"), EventType.CREATE_DATABASE, "sales", "", 42, "strait", snapshot));
    }

    @Test
    void idsAreGlobalAndGrowAcrossRegions() {
        long inA = log.append(SampleValues.createTableEvent(REGION_A, 1));
        long inB = log.append(SampleValues.createTableEvent(REGION_B, 1));

        assertThat(inB).isGreaterThan(inA);
        assertThat(ids(log.readAfter(REGION_A, inA - 1, 10))).containsExactly(inA);
    }

    private static List<Long> ids(List<ReplicationEvent> events) {
        return events.stream().map(ReplicationEvent::id).toList();
    }
}
