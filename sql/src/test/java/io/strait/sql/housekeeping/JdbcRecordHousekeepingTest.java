package io.strait.sql.housekeeping;

import static io.strait.sql.SampleValues.ORDERS;
import static io.strait.sql.SampleValues.REGION_A;
import static io.strait.sql.SampleValues.REGION_B;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.divergence.ReconcileScan.Status;
import io.strait.common.metastore.TableRef;
import io.strait.sql.divergence.JdbcDivergenceStore;
import io.strait.sql.testing.TestingMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Housekeeping of reconcile scans and SLA alerts on MariaDB: what expires, and what is always kept. */
class JdbcRecordHousekeepingTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long NOW = 1_700_000_000_000L;
    private static final long CUTOFF = NOW - 90 * DAY;
    private static final TableRef CUSTOMERS = TableRef.of("sales", "customers");

    private TestingMariaDb db;
    private JdbcDivergenceStore scans;
    private JdbcRecordHousekeeping housekeeping;

    @BeforeEach
    void createDatabase() {
        db = TestingMariaDb.create();
        scans = new JdbcDivergenceStore(db.dataSource());
        housekeeping = new JdbcRecordHousekeeping(db.dataSource());
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void oldScansGoWithTheirDivergencesButTheLatestOfEachTableStays() throws SQLException {
        scan(ORDERS, NOW - 200 * DAY, 2);
        scan(ORDERS, NOW - 100 * DAY, 1);
        long recentOrders = scan(ORDERS, NOW - DAY, 0);
        long onlyCustomers = scan(CUSTOMERS, NOW - 300 * DAY, 3);

        JdbcRecordHousekeeping.Result dryRun = housekeeping.run(CUTOFF, 1, true);
        assertThat(dryRun.scans()).isEqualTo(2);
        assertThat(dryRun.divergences()).isEqualTo(3);
        assertThat(ids("reconcile_scan")).hasSize(4);

        JdbcRecordHousekeeping.Result result = housekeeping.run(CUTOFF, 1, false);

        assertThat(result.scans()).isEqualTo(2);
        assertThat(result.divergences()).isEqualTo(3);
        assertThat(ids("reconcile_scan")).containsExactly(recentOrders, onlyCustomers);
        assertThat(count("SELECT COUNT(*) FROM divergence")).isEqualTo(3);
        assertThat(housekeeping.run(CUTOFF, 1, false)).isEqualTo(new JdbcRecordHousekeeping.Result(0, 0, 0, 0));
    }

    @Test
    void onlyResolvedAlertsWithEveryMessageDeliveredExpire() throws SQLException {
        long expired = alert("RESOLVED", NOW - 100 * DAY, "DELIVERED", "DELIVERED");
        long undelivered = alert("RESOLVED", NOW - 100 * DAY, "DELIVERED", "PENDING");
        long recent = alert("RESOLVED", NOW - DAY, "DELIVERED");
        long open = alert("BREACHED", 0, "DELIVERED");

        JdbcRecordHousekeeping.Result result = housekeeping.run(CUTOFF, 10, false);

        assertThat(result.alerts()).isEqualTo(1);
        assertThat(result.alertDeliveries()).isEqualTo(2);
        assertThat(ids("sla_alert")).containsExactly(undelivered, recent, open).doesNotContain(expired);
        assertThat(count("SELECT COUNT(*) FROM alert_delivery WHERE alert_id = " + expired)).isZero();
        assertThat(count("SELECT COUNT(*) FROM alert_delivery")).isEqualTo(4);
    }

    private long scan(TableRef table, long finishedAt, int divergences) throws SQLException {
        List<Divergence> found = new ArrayList<>();
        for (int i = 0; i < divergences; i++) {
            found.add(new Divergence(DivergenceClass.MISSING_PARTITION, table, List.of("2024-01-0" + (i + 1)), "",
                    "partition missing on target"));
        }
        scans.record(new ReconcileScan(REGION_A, REGION_B, table, finishedAt - 1_000, finishedAt,
                divergences == 0 ? Status.CONSISTENT : Status.DIVERGENT, 3, 6, found, ""));
        return count("SELECT MAX(id) FROM reconcile_scan");
    }

    private long alert(String state, long resolvedAt, String... deliveries) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sla_alert (link, db_name,"
                    + " table_name, state, sla_ms, oldest_captured_at_ms, lag_ms, raised_at_ms, resolved_at_ms)"
                    + " VALUES ('a-to-b', 'sales', 'orders', ?, 3600000, ?, 7200000, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, state);
                insert.setLong(2, NOW - 200 * DAY);
                insert.setLong(3, NOW - 199 * DAY);
                insert.setLong(4, resolvedAt);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            for (String delivery : deliveries) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert_delivery (alert_id,"
                        + " alert_state, webhook_key, target, body, state, next_attempt_at_ms, created_at_ms)"
                        + " VALUES (?, ?, REPEAT('a', 64), 'http://hooks:80', '{}', ?, 0, 0)")) {
                    insert.setLong(1, id);
                    insert.setString(2, state);
                    insert.setString(3, delivery);
                    insert.executeUpdate();
                }
            }
            return id;
        }
    }

    private List<Long> ids(String table) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
            List<Long> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
