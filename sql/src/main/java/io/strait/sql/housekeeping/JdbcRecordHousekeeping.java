package io.strait.sql.housekeeping;

import io.strait.sql.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Housekeeping of what reconcile and SLA alerts record, in bounded batches (each its own short transaction):
 *
 * <ul>
 *   <li>a reconcile scan (with its divergences) finished before the cutoff, unless it is the latest scan of its
 *       table between its two regions (the overview, reports and "why" show the latest one);</li>
 *   <li>an SLA alert resolved before the cutoff, with its delivered messages, unless a message of it is still
 *       waiting to be delivered (an open alert, or an undelivered message, is never deleted).</li>
 * </ul>
 */
public final class JdbcRecordHousekeeping {
    private static final String EXPIRED_SCANS = "SELECT s.id FROM reconcile_scan s WHERE s.finished_at_ms < ? AND s.id > ?"
            + " AND s.id < (SELECT MAX(l.id) FROM reconcile_scan l WHERE l.source_region = s.source_region"
            + " AND l.target_region = s.target_region AND l.db_name = s.db_name AND l.table_name = s.table_name)"
            + " ORDER BY s.id LIMIT ?";
    private static final String EXPIRED_ALERTS = "SELECT a.id FROM sla_alert a WHERE a.state = 'RESOLVED'"
            + " AND a.resolved_at_ms < ? AND a.id > ? AND NOT EXISTS (SELECT 1 FROM alert_delivery d WHERE d.alert_id = a.id"
            + " AND d.state <> 'DELIVERED') ORDER BY a.id LIMIT ?";

    /** What one run deleted (or, in a dry run, would delete). */
    public record Result(long scans, long divergences, long alerts, long alertDeliveries) {
        /** One clause for the housekeeping line. */
        public String summary() {
            return scans + " reconcile scan(s) with " + divergences + " divergence(s), " + alerts
                    + " resolved SLA alert(s) with " + alertDeliveries + " delivered message(s)";
        }
    }

    private final Transactions transactions;

    public JdbcRecordHousekeeping(DataSource dataSource) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** Deletes (or counts, with {@code dryRun}) the records older than {@code cutoffMillis}. */
    public Result run(long cutoffMillis, int batchSize, boolean dryRun) {
        long[] scans = expire(EXPIRED_SCANS, cutoffMillis, batchSize, dryRun, "divergence", "scan_id",
                "reconcile_scan");
        long[] alerts = expire(EXPIRED_ALERTS, cutoffMillis, batchSize, dryRun, "alert_delivery", "alert_id",
                "sla_alert");
        return new Result(scans[0], scans[1], alerts[0], alerts[1]);
    }

    /** Batches of expired parent ids, each deleted with its child rows; returns {parents, children}. */
    private long[] expire(String expiredSql, long cutoff, int batchSize, boolean dryRun, String childTable,
            String parentColumn, String parentTable) {
        long parents = 0;
        long children = 0;
        long afterId = 0;
        while (true) {
            long after = afterId;
            long[] batch = transactions.inTransaction("expire " + parentTable + " records", connection -> {
                List<Long> ids = ids(connection, expiredSql, cutoff, after, batchSize);
                if (ids.isEmpty()) {
                    return new long[] {0, 0, after};
                }
                long childRows = dryRun ? JdbcHousekeeping.singleLong(connection, "SELECT COUNT(*) FROM " + childTable
                        + " WHERE " + parentColumn + " IN " + JdbcHousekeeping.placeholders(ids), ids)
                        : JdbcHousekeeping.delete(connection, "DELETE FROM " + childTable + " WHERE " + parentColumn
                                + " IN ", ids);
                long parentRows = dryRun ? ids.size()
                        : JdbcHousekeeping.delete(connection, "DELETE FROM " + parentTable + " WHERE id IN ", ids);
                return new long[] {parentRows, childRows, ids.get(ids.size() - 1)};
            });
            parents += batch[0];
            children += batch[1];
            if (batch[0] == 0) {
                return new long[] {parents, children};
            }
            afterId = batch[2];
        }
    }

    private static List<Long> ids(Connection connection, String sql, long cutoff, long afterId, int limit)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, cutoff);
            statement.setLong(2, afterId);
            statement.setInt(3, limit);
            return JdbcHousekeeping.ids(statement);
        }
    }
}
