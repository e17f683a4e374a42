package io.strait.sql.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.capture.ListenerStatus;
import io.strait.common.event.EventRows;
import io.strait.common.event.StampedEvent;
import io.strait.common.json.StraitJson;
import io.strait.common.region.RegionId;
import io.strait.sql.SampleValues;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lost events are found from the instances' sequence numbers and recorded once; health reads them back. */
class JdbcListenerLossesTest {
    private static final long NOW = 1_700_000_000_000L;
    private final TestingMariaDb db = TestingMariaDb.create();
    private final TestingClock clock = new TestingClock(NOW);
    private final JdbcListenerLosses losses = new JdbcListenerLosses(db.dataSource(), clock);
    private final JdbcListenerHealth health = new JdbcListenerHealth(db.dataSource(), clock);

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private void instance(String id, long latest, long spooledFrom, String tables, long spoolLostAt, int cleanStop)
            throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("INSERT INTO listener_instance"
                        + " (instance_id, region, version, host, started_at_ms, last_contact_at_ms, latest_seq,"
                        + " spooled_from_seq, spool_depth, spooled_tables, spool_lost_at_ms, clean_stop,"
                        + " stopped_at_ms) VALUES (?, 'a', '1.0', 'h', ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, id);
            statement.setLong(2, NOW - 60_000);
            statement.setLong(3, NOW - 1_000);
            statement.setLong(4, latest);
            statement.setLong(5, spooledFrom);
            statement.setInt(6, spooledFrom == 0 ? 0 : (int) (latest - spooledFrom + 1));
            statement.setString(7, tables);
            statement.setLong(8, spoolLostAt);
            statement.setInt(9, cleanStop);
            statement.setLong(10, spoolLostAt);
            statement.executeUpdate();
        }
    }

    private void written(String instance, long... sequences) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            for (long sequence : sequences) {
                try (PreparedStatement statement = connection.prepareStatement(EventRows.INSERT_STAMPED)) {
                    List<Object> values = EventRows.insertValues(new StampedEvent(instance, sequence,
                            SampleValues.createTableEvent(RegionId.of("a"), sequence)), NOW, new StraitJson());
                    for (int i = 0; i < values.size(); i++) {
                        statement.setObject(i + 1, values.get(i));
                    }
                    statement.executeUpdate();
                }
            }
        }
    }

    @Test
    void aHoleBelowTheSpoolIsLostSpooledNumbersAreNot() throws SQLException {
        instance("live", 6, 5, "sales.orders", 0, 0);
        written("live", 1, 2, 4);

        int recorded = losses.check();
        int again = losses.check();

        assertThat(recorded).isEqualTo(1);
        assertThat(again).as("recorded once").isZero();
        assertThat(health.losses()).singleElement().satisfies(loss -> {
            assertThat(loss.instanceId()).isEqualTo("live");
            assertThat(loss.firstSeq()).isEqualTo(3);
            assertThat(loss.lastSeq()).isEqualTo(OptionalLong.of(3));
            assertThat(loss.tables()).as("a hole below the spool names no table").isEmpty();
        });
    }

    @Test
    void aDestroyedSpoolLosesItsEventsWithTheirTablesAndAnUnknownTailWithoutACleanStop() throws SQLException {
        instance("crashed", 5, 3, "sales.orders\nsales.returns", NOW - 500, 0);
        written("crashed", 1, 2);

        losses.check();

        assertThat(health.losses()).extracting(EventLoss::sequences, EventLoss::tables).containsExactly(
                org.assertj.core.groups.Tuple.tuple("3..5", List.of("sales.orders", "sales.returns")),
                org.assertj.core.groups.Tuple.tuple("6..?", List.of()));
        assertThat(losses.check()).isZero();
    }

    @Test
    void aCleanlyStoppedInstanceWithADestroyedEmptySpoolLostNothing() throws SQLException {
        instance("stopped", 2, 0, "", NOW - 500, 1);
        written("stopped", 1, 2);

        assertThat(losses.check()).isZero();
        assertThat(health.losses()).isEmpty();
    }

    @Test
    void healthShowsEachInstanceWithItsStatusAgainstTheRegionsSilence() throws SQLException {
        instance("quiet", 4, 0, "", 0, 0);
        instance("spooling", 9, 7, "sales.orders", 0, 0);

        List<ListenerInstance> strict = health.instances("a", Duration.ofMillis(500));
        List<ListenerInstance> lenient = health.instances("a", Duration.ofMinutes(3));

        assertThat(strict).extracting(ListenerInstance::status).containsOnly(ListenerStatus.SILENT);
        assertThat(lenient).extracting(ListenerInstance::instanceId, ListenerInstance::status,
                ListenerInstance::latestSeq, ListenerInstance::spoolDepth).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("quiet", ListenerStatus.LIVE, 4L, 0),
                org.assertj.core.groups.Tuple.tuple("spooling", ListenerStatus.LIVE, 9L, 3));
        assertThat(health.spoolingFor("a", "sales.orders")).extracting(ListenerInstance::instanceId)
                .containsExactly("spooling");
        assertThat(health.spoolingFor("a", "sales.returns")).isEmpty();
    }
}
