package io.strait.sql.dashboard;

import io.strait.common.json.StraitJson;
import io.strait.sql.Transactions;
import io.strait.sql.UnappliedChanges;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Freshness per partition of one table on one link, judged by the tables' rule ({@link DashboardQueries#judge}):
 * the partition's watermark ({@code partition_watermark}: newest source event applied, its capture time, the commit
 * time), its unsettled and failed or blocked jobs, its status and SLA state. The partitions are those with a
 * watermark and those with a job not yet applied, waiting first (then needing an operator), then by name.
 */
public final class PartitionFreshness {
    private static final String UNSETTLED = DashboardQueries.UNSETTLED;
    private static final String OF_TABLE = " link = ? AND db_name = ? AND table_name = ?";
    private static final String QUERY = "SELECT p.partition_label AS `partition`, p.partition_values AS valuesJson,"
            + " w.last_source_event_id AS lastSourceEventId, w.last_source_captured_at_ms AS lastSourceCapturedAtMs,"
            + " w.last_committed_at_ms AS lastCommittedAtMs,"
            + " COALESCE(u.n, 0) AS unsettledJobs, u.oldest AS oldestUnsettledCapturedAtMs,"
            + " COALESCE(b.n, 0) AS blockedOrFailedJobs, a.oldest AS oldestUnappliedCapturedAtMs"
            + " FROM (SELECT partition_values, partition_label FROM partition_watermark WHERE" + OF_TABLE
            + " UNION SELECT partition_values, partition_label FROM replication_job WHERE" + OF_TABLE
            + " AND partition_label <> '' AND state NOT IN ('SUCCEEDED', 'SUPERSEDED', 'CANCELLED')) p"
            + " LEFT JOIN partition_watermark w ON w.link = ? AND w.db_name = ? AND w.table_name = ?"
            + " AND w.partition_hash = UNHEX(SHA2(p.partition_values, 256))"
            + " LEFT JOIN (SELECT partition_values, COUNT(*) AS n, MIN(source_captured_at_ms) AS oldest"
            + " FROM replication_job WHERE" + OF_TABLE + " AND partition_label <> '' AND " + UNSETTLED
            + " GROUP BY partition_values) u ON u.partition_values = p.partition_values"
            + " LEFT JOIN (SELECT partition_values, COUNT(*) AS n FROM replication_job WHERE" + OF_TABLE
            + " AND state IN ('FAILED', 'BLOCKED', 'UNVERIFIABLE') GROUP BY partition_values) b"
            + " ON b.partition_values = p.partition_values"
            + " LEFT JOIN (SELECT partition_label, MIN(source_captured_at_ms) AS oldest FROM ("
            + UnappliedChanges.JOBS + ") x WHERE" + OF_TABLE + " GROUP BY partition_label) a"
            + " ON a.partition_label = p.partition_label"
            + " WHERE p.partition_label LIKE ?"
            + " ORDER BY COALESCE(u.n, 0) > 0 DESC, COALESCE(b.n, 0) > 0 DESC, p.partition_label LIMIT ";

    private final Transactions transactions;
    private final StraitJson json = new StraitJson();

    public PartitionFreshness(DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
    }

    /**
     * The partitions of {@code database.table} on {@code link} whose values (joined by '/') contain {@code search}
     * (empty: all), at most {@code limit}: {@code partition} (values joined by '/'), {@code values}, the watermark
     * ({@code lastSourceEventId}, {@code lastSourceCapturedAtMs}, {@code lastCommittedAtMs}; null before a first
     * applied change), {@code unsettledJobs}, {@code blockedOrFailedJobs}, {@code status}, {@code waitingSinceMs},
     * {@code lagMs}, {@code sla}, {@code slaDeadlineMs}, {@code slaWhy}.
     */
    public List<Map<String, Object>> partitions(DashboardQueries.Link link, String database, String table,
            String search, long nowMillis, int limit) {
        String like = DashboardQueries.containing(search);
        String name = link.name();
        List<Map<String, Object>> partitions = transactions.inTransaction("read the partition freshness of "
                + database + "." + table + " on link " + name, connection -> DashboardQueries.rows(connection,
                        QUERY + Math.max(1, limit), name, database, table, name, database, table, name, database,
                        table, name, database, table, name, database, table, name, database, table, like));
        for (Map<String, Object> partition : partitions) {
            partition.put("values", List.of(json.read((String) partition.remove("valuesJson"), String[].class)));
            DashboardQueries.judge(partition, link.sla(), nowMillis);
        }
        return partitions;
    }
}
