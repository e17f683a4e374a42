package io.strait.sql.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.event.EventRows;
import io.strait.common.event.StampedEvent;
import io.strait.common.json.StraitJson;
import io.strait.common.region.RegionId;
import io.strait.sql.SampleValues;
import io.strait.sql.testing.TestingMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migration V18 on a real MariaDB: {@code hms_event} keeps one row per listener instance and sequence number
 * (events without an instance are not constrained), and duplicates written before it are removed, the first row of
 * each staying.
 */
class HmsEventOncePerSequenceTest {
    private static final RegionId A = RegionId.of("a");
    private TestingMariaDb db;

    @BeforeEach
    void createDatabase() {
        db = TestingMariaDb.create();
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void aSecondRowOfTheSameInstanceAndSequenceIsRefusedRowsWithoutAnInstanceAreNot() throws Exception {
        insert(new StampedEvent("i1", 1, SampleValues.createTableEvent(A, 1)));
        insert(StampedEvent.unstamped(SampleValues.createTableEvent(A, 2)));
        insert(StampedEvent.unstamped(SampleValues.createTableEvent(A, 2)));

        assertThatThrownBy(() -> insert(new StampedEvent("i1", 1, SampleValues.createTableEvent(A, 1))))
                .isInstanceOf(SQLIntegrityConstraintViolationException.class);
        assertThat(stamps()).containsExactly("i1/1", "null/0", "null/0");
    }

    @Test
    void theMigrationRemovesEarlierDuplicatesKeepingTheFirstRow() throws Exception {
        // the store as it was before V18 (later migrations change other tables and run after it)
        migrations("17").clean();
        migrations("17").migrate();
        long first = insertBeforeV19(new StampedEvent("i1", 1, SampleValues.createTableEvent(A, 1)));
        insertBeforeV19(new StampedEvent("i1", 2, SampleValues.createTableEvent(A, 2)));
        insertBeforeV19(new StampedEvent("i1", 1, SampleValues.createTableEvent(A, 1)));
        insertBeforeV19(new StampedEvent("i2", 1, SampleValues.createTableEvent(A, 3)));
        insertBeforeV19(new StampedEvent("i1", 2, SampleValues.createTableEvent(A, 2)));

        assertThat(migrations("18").migrate().migrationsExecuted).isEqualTo(1);

        assertThat(stamps()).containsExactly("i1/1", "i1/2", "i2/1");
        assertThat(ids().get(0)).isEqualTo(first);
    }

    private org.flywaydb.core.Flyway migrations(String target) {
        return org.flywaydb.core.Flyway.configure().dataSource(db.dataSource())
                .locations(io.strait.sql.StateStore.MIGRATIONS).target(target).cleanDisabled(false).load();
    }

    private long insert(StampedEvent event) throws SQLException {
        return insert(EventRows.INSERT_STAMPED, EventRows.insertValues(event, 0, new StraitJson()));
    }

    /** As the listener wrote it before V19 added {@code notification_id}. */
    private long insertBeforeV19(StampedEvent event) throws SQLException {
        List<Object> values = new java.util.ArrayList<>(EventRows.insertValues(event, 0, new StraitJson()));
        values.remove(9);
        return insert(EventRows.INSERT_STAMPED.replace(" notification_id,", "").replace("?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?", "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"), values);
    }

    private long insert(String sql, List<Object> values) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** instance/sequence of every row, in id order. */
    private List<String> stamps() throws SQLException {
        return column("CONCAT(COALESCE(instance_id, 'null'), '/', COALESCE(instance_seq, 0))");
    }

    private List<Long> ids() throws SQLException {
        return column("id").stream().map(Long::parseLong).toList();
    }

    private List<String> column(String expression) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT " + expression + " FROM hms_event ORDER BY id")) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
