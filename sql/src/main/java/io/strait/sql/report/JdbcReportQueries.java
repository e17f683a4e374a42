package io.strait.sql.report;

import io.strait.common.region.RegionId;
import io.strait.common.report.ReplicationReport;
import io.strait.common.report.ReportQueries;
import io.strait.sql.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * {@link ReportQueries} over the state store, read in one transaction (one consistent snapshot).
 *
 * <ul>
 *   <li>events: {@code hms_event} rows of the source region by type;</li>
 *   <li>jobs: the link's jobs by state, and its succeeded jobs by origin (event, repair, bootstrap);</li>
 *   <li>files: the manifests of the link's jobs (a job planned again keeps only its last manifest);</li>
 *   <li>lag: {@code committed_at_ms - source_captured_at_ms} of the link's SUCCEEDED event jobs (not repair or
 *       bootstrap jobs), nearest-rank percentiles;</li>
 *   <li>divergences: the divergence count of the latest completed (not FAILED) scan of each table reconciled from
 *       the source region. Scans do not name a link: with several links out of one region, they all count.</li>
 *   <li>blocked tables: each table of the link with a BLOCKED job (one it cannot replicate faithfully), with the
 *       {@code last_error} of its newest BLOCKED job; one row per table however many partition jobs it has.</li>
 * </ul>
 */
public final class JdbcReportQueries implements ReportQueries {
    private static final String EVENTS_BY_TYPE = "SELECT event_type, COUNT(*) FROM hms_event"
            + " WHERE source_region = ? GROUP BY event_type";
    private static final String JOBS_BY_STATE = "SELECT state, COUNT(*) FROM replication_job"
            + " WHERE link = ? GROUP BY state";
    private static final String SUCCEEDED_BY_ORIGIN = "SELECT origin, COUNT(*) FROM replication_job"
            + " WHERE link = ? AND state = 'SUCCEEDED' GROUP BY origin";
    private static final String FILES_VERIFIED = "SELECT COUNT(*), COALESCE(SUM(f.bytes_copied), 0),"
            + " COALESCE(SUM(CASE WHEN f.reused = 1 THEN f.bytes_copied ELSE 0 END), 0)"
            + " FROM file_manifest f JOIN replication_job j ON j.id = f.job_id"
            + " WHERE j.link = ? AND f.verification = 'VERIFIED'";
    /**
     * Files whose verification failed, of jobs that may still publish them or that failed for them: not of a job a
     * newer job of its object superseded or an operator cancelled (that attempt never published and is covered).
     */
    private static final String FILES_NOT_VERIFIED = "SELECT COUNT(*)"
            + " FROM file_manifest f JOIN replication_job j ON j.id = f.job_id"
            + " WHERE j.link = ? AND f.verification IN ('MISMATCH', 'UNVERIFIABLE', 'FAILED')"
            + " AND j.state NOT IN ('SUPERSEDED', 'CANCELLED')";
    /** Replication lag is an event job's (capture to commit); repair and bootstrap jobs have no captured event. */
    private static final String LAGS = "SELECT committed_at_ms - source_captured_at_ms FROM replication_job"
            + " WHERE link = ? AND state = 'SUCCEEDED' AND committed_at_ms > 0 AND origin = 'EVENT'";
    private static final String BLOCKED_TABLES = "SELECT j.db_name, j.table_name, j.last_error"
            + " FROM replication_job j JOIN (SELECT MAX(id) AS id FROM replication_job"
            + " WHERE link = ? AND state = 'BLOCKED' GROUP BY db_name, table_name) newest ON newest.id = j.id";
    private static final String DIVERGENCES = "SELECT COALESCE(SUM(s.divergence_count), 0) FROM reconcile_scan s"
            + " JOIN (SELECT MAX(id) AS id FROM reconcile_scan WHERE source_region = ? AND status <> 'FAILED'"
            + " GROUP BY target_region, db_name, table_name) latest ON latest.id = s.id";

    private final Transactions transactions;

    public JdbcReportQueries(DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
    }

    @Override
    public ReplicationReport report(String link, RegionId sourceRegion) {
        return transactions.inTransaction("read the replication report of link " + link, connection -> {
            Map<String, Long> events = countsBy(connection, EVENTS_BY_TYPE, sourceRegion.name());
            Map<String, Long> jobs = countsBy(connection, JOBS_BY_STATE, link);
            long[] verified = longs(connection, FILES_VERIFIED, link, 3);
            long notVerified = longs(connection, FILES_NOT_VERIFIED, link, 1)[0];
            List<Long> lags = column(connection, LAGS, link);
            long divergences = longs(connection, DIVERGENCES, sourceRegion.name(), 1)[0];
            return new ReplicationReport(events, jobs, verified[0], verified[1], notVerified,
                    Percentiles.nearestRank(lags, 50), Percentiles.nearestRank(lags, 99), divergences,
                    blockedTables(connection, link), countsBy(connection, SUCCEEDED_BY_ORIGIN, link), verified[2]);
        });
    }

    private static SortedMap<String, String> blockedTables(Connection connection, String link) throws SQLException {
        SortedMap<String, String> blocked = new TreeMap<>();
        try (PreparedStatement statement = prepare(connection, BLOCKED_TABLES, link);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String database = rows.getString(1);
                String table = rows.getString(2);
                blocked.put(table.isEmpty() ? database : database + "." + table, rows.getString(3));
            }
        }
        return blocked;
    }

    private static Map<String, Long> countsBy(Connection connection, String sql, String key) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement statement = prepare(connection, sql, key); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    /** The first {@code count} columns of the query's single row. */
    private static long[] longs(Connection connection, String sql, String key, int count) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, key); ResultSet rows = statement.executeQuery()) {
            rows.next();
            long[] values = new long[count];
            for (int i = 0; i < count; i++) {
                values[i] = rows.getLong(i + 1);
            }
            return values;
        }
    }

    private static List<Long> column(Connection connection, String sql, String key) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, sql, key); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getLong(1));
            }
        }
        return values;
    }

    private static PreparedStatement prepare(Connection connection, String sql, String key) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setString(1, key);
        return statement;
    }
}
