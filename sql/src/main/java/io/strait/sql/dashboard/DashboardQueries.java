package io.strait.sql.dashboard;

import io.strait.common.report.SlaJudge;
import io.strait.common.report.SlaStatus;
import io.strait.common.report.SlaVerdict;
import io.strait.sql.Transactions;
import io.strait.sql.UnappliedChanges;
import io.strait.sql.report.Percentiles;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Read-only queries of the SLA dashboard and its JSON API over the state store. Every answer is plain data (maps
 * and lists of numbers and strings, keys in camelCase) ready to be written as JSON; each method reads in one
 * transaction. Nothing here writes.
 *
 * <ul>
 *   <li>lag: {@code committed_at_ms - source_captured_at_ms} of a link's SUCCEEDED event jobs (not repair or
 *       bootstrap jobs) committed within the window, nearest-rank percentiles;</li>
 *   <li>a table is <em>waiting</em> when the link has an unsettled job on it (a change captured but not yet
 *       applied), otherwise it has had <em>no change since</em> its watermark;</li>
 *   <li>freshness: see {@link #freshness}.</li>
 * </ul>
 */
public final class DashboardQueries {
    /** States a job leaves by itself or by an operator; a table with such a job is waiting. */
    static final String UNSETTLED = "state NOT IN ('SUCCEEDED', 'FAILED', 'SUPERSEDED', 'CANCELLED',"
            + " 'UNVERIFIABLE', 'BLOCKED')";
    private static final String SETTLED_OK = "state IN ('SUCCEEDED', 'SUPERSEDED')";
    public static final long HOUR = 3_600_000L;
    public static final long DAY = 24 * HOUR;
    public static final long WEEK = 7 * DAY;

    private static final String JOB_LIST_COLUMNS = "id, link, kind, db_name AS `database`, table_name AS `table`,"
            + " partition_label AS `partition`, state, attempts, source_event_id AS sourceEventId,"
            + " source_captured_at_ms AS sourceCapturedAtMs, committed_at_ms AS committedAtMs,"
            + " created_at_ms AS createdAtMs, updated_at_ms AS updatedAtMs, origin, last_error AS lastError,"
            + " CASE WHEN renamed_from_table = '' THEN '' ELSE CONCAT(renamed_from_db, '.', renamed_from_table) END"
            + " AS renamedFrom";

    private final Transactions transactions;

    public DashboardQueries(DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
    }

    /**
     * A link as the dashboard knows it: its name, its regions (scans are recorded by region pair) and its SLA
     * ({@code links[].sla}).
     */
    public record Link(String name, String source, String target, Duration sla) {
        /** The SLA used for a link the dashboard does not know (the configuration's default). */
        public static final Duration DEFAULT_SLA = Duration.ofHours(4);

        /** A link with the default SLA. */
        public Link(String name, String source, String target) {
            this(name, source, target, DEFAULT_SLA);
        }
    }

    /** True when the state store answers a trivial query. */
    public boolean reachable() {
        try {
            return transactions.withConnection("check the state store", connection -> {
                try (PreparedStatement statement = connection.prepareStatement("SELECT 1");
                        ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            });
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Per link: jobs by state, lag percentiles per window, files verified, problem counts, latest reconcile. */
    public List<Map<String, Object>> links(List<Link> links, long nowMillis) {
        return transactions.inTransaction("read the dashboard's link summaries", connection -> {
            List<Map<String, Object>> answer = new ArrayList<>();
            for (Link link : links) {
                answer.add(link(connection, link, nowMillis));
            }
            return answer;
        });
    }

    private static Map<String, Object> link(Connection connection, Link link, long now) throws SQLException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("link", link.name());
        summary.put("source", link.source());
        summary.put("target", link.target());
        Map<String, Long> byState = new TreeMap<>();
        for (Map<String, Object> row : rows(connection,
                "SELECT state, COUNT(*) AS n FROM replication_job WHERE link = ? GROUP BY state", link.name())) {
            byState.put((String) row.get("state"), ((Number) row.get("n")).longValue());
        }
        summary.put("jobsByState", byState);
        summary.put("unsettledJobs", rows(connection, "SELECT COUNT(*) AS n FROM replication_job WHERE link = ? AND "
                + UNSETTLED, link.name()).get(0).get("n"));
        summary.put("failedJobs", byState.getOrDefault("FAILED", 0L));
        summary.put("blockedJobs", byState.getOrDefault("BLOCKED", 0L));
        summary.put("unverifiableJobs", byState.getOrDefault("UNVERIFIABLE", 0L));
        List<Map<String, Object>> listeners = rows(connection, "SELECT instance_id AS instance,"
                + " last_contact_at_ms AS lastContactAtMs, spool_depth AS spoolDepth, latest_seq AS latestSequence,"
                + " call_count AS callCount, call_p50_us AS callP50Us, call_p99_us AS callP99Us,"
                + " call_max_us AS callMaxUs"
                + " FROM listener_instance WHERE region = ? AND stopped_at_ms = 0 ORDER BY instance_id", link.source());
        summary.put("sourceListeners", listeners);
        summary.put("spooledEvents", listeners.stream().mapToLong(listener -> ((Number) listener.get("spoolDepth"))
                .longValue()).sum());
        List<long[]> lags = lags(connection, link.name(), now - WEEK);
        Map<String, Object> lag = new LinkedHashMap<>();
        lag.put("hour", percentiles(lags, now - HOUR));
        lag.put("day", percentiles(lags, now - DAY));
        lag.put("week", percentiles(lags, now - WEEK));
        summary.put("lagMs", lag);
        Map<String, Object> files = rows(connection, "SELECT COUNT(*) AS verified,"
                + " COALESCE(SUM(f.bytes_copied), 0) AS bytesVerified FROM file_manifest f"
                + " JOIN replication_job j ON j.id = f.job_id WHERE j.link = ? AND f.verification = 'VERIFIED'",
                link.name()).get(0);
        summary.put("filesVerified", files.get("verified"));
        summary.put("bytesVerified", files.get("bytesVerified"));
        summary.put("filesNotVerified", rows(connection, "SELECT COUNT(*) AS n FROM file_manifest f"
                + " JOIN replication_job j ON j.id = f.job_id WHERE j.link = ?"
                + " AND f.verification IN ('MISMATCH', 'UNVERIFIABLE', 'FAILED')", link.name()).get(0).get("n"));
        summary.put("plannedThroughEvent", cursor(connection, link.name()));
        summary.put("reconcile", latestReconcile(connection, link));
        summary.put("sla", slaSummary(connection, link, now));
        List<Map<String, Object>> pause = rows(connection, "SELECT changed_by AS `by`, reason,"
                + " changed_at_ms AS sinceMs FROM link_control WHERE link = ? AND paused", link.name());
        summary.put("paused", !pause.isEmpty());
        summary.put("pause", pause.isEmpty() ? null : pause.get(0));
        return summary;
    }

    /** (committed at, lag) of the link's SUCCEEDED event jobs committed since {@code sinceMillis}. */
    private static List<long[]> lags(Connection connection, String link, long sinceMillis) throws SQLException {
        List<long[]> lags = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT committed_at_ms,"
                + " committed_at_ms - source_captured_at_ms FROM replication_job WHERE link = ?"
                + " AND state = 'SUCCEEDED' AND origin = 'EVENT' AND committed_at_ms >= ?")) {
            statement.setString(1, link);
            statement.setLong(2, Math.max(1, sinceMillis));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lags.add(new long[] {rows.getLong(1), rows.getLong(2)});
                }
            }
        }
        return lags;
    }

    private static Map<String, Object> percentiles(List<long[]> lags, long sinceMillis) {
        List<Long> values = lags.stream().filter(lag -> lag[0] >= sinceMillis).map(lag -> lag[1]).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jobs", values.size());
        answer.put("p50", Percentiles.nearestRank(values, 50));
        answer.put("p95", Percentiles.nearestRank(values, 95));
        answer.put("p99", Percentiles.nearestRank(values, 99));
        return answer;
    }

    /**
     * The link's lag percentiles per bucket of {@code bucketMillis} over the {@code buckets} buckets ending at
     * {@code nowMillis}, oldest first; a bucket without committed jobs has {@code jobs} 0 and percentiles 0.
     */
    public List<Map<String, Object>> lagSeries(String link, long nowMillis, long bucketMillis, int buckets) {
        return transactions.inTransaction("read the lag series of link " + link, connection -> {
            long start = nowMillis - bucketMillis * buckets;
            List<long[]> lags = lags(connection, link, start);
            List<Map<String, Object>> series = new ArrayList<>();
            for (int i = 0; i < buckets; i++) {
                long from = start + i * bucketMillis;
                long to = from + bucketMillis;
                List<long[]> inBucket = lags.stream().filter(lag -> lag[0] >= from && lag[0] < to).toList();
                Map<String, Object> point = percentiles(inBucket, Long.MIN_VALUE);
                point.put("fromMs", from);
                point.put("toMs", to);
                series.add(point);
            }
            return series;
        });
    }

    private static long cursor(Connection connection, String link) throws SQLException {
        List<Map<String, Object>> cursor = rows(connection,
                "SELECT last_event_id AS id FROM planner_cursor WHERE link = ?", link);
        return cursor.isEmpty() ? 0 : ((Number) cursor.get(0).get("id")).longValue();
    }

    /** The latest scan of each table between the link's regions, summed up. */
    private static Map<String, Object> latestReconcile(Connection connection, Link link) throws SQLException {
        Map<String, Object> answer = new LinkedHashMap<>(rows(connection, "SELECT COUNT(*) AS tablesScanned,"
                + " COALESCE(SUM(s.status = 'CONSISTENT'), 0) AS consistent,"
                + " COALESCE(SUM(s.status = 'DIVERGENT'), 0) AS divergent,"
                + " COALESCE(SUM(s.status = 'FAILED'), 0) AS failed,"
                + " COALESCE(SUM(s.divergence_count), 0) AS divergences,"
                + " COALESCE(SUM(s.in_flight_count), 0) AS inFlight,"
                + " COALESCE(MAX(s.finished_at_ms), 0) AS lastFinishedAtMs FROM reconcile_scan s"
                + " JOIN (SELECT MAX(id) AS id FROM reconcile_scan WHERE source_region = ? AND target_region = ?"
                + " GROUP BY db_name, table_name) latest ON latest.id = s.id", link.source(), link.target()).get(0));
        Map<String, Long> byClass = new TreeMap<>();
        for (Map<String, Object> row : rows(connection, "SELECT d.divergence_class AS class, COUNT(*) AS n"
                + " FROM divergence d JOIN (SELECT MAX(id) AS id FROM reconcile_scan WHERE source_region = ?"
                + " AND target_region = ? GROUP BY db_name, table_name) latest ON latest.id = d.scan_id"
                + " GROUP BY d.divergence_class", link.source(), link.target())) {
            byClass.put((String) row.get("class"), ((Number) row.get("n")).longValue());
        }
        answer.put("divergencesByClass", byClass);
        return answer;
    }

    /**
     * Per link and table: its freshness watermark (newest source event applied, that event's capture time — from
     * the event log, or from the job that applied it once the event log is purged — the commit time), its unsettled jobs, and its status: {@code WAITING} when a change is captured but not yet
     * applied (lag: now minus the capture time of its oldest unsettled job); else {@code NEEDS_OPERATOR} when it has
     * FAILED, BLOCKED or UNVERIFIABLE jobs (they wait for an operator); else {@code NO_CHANGE_SINCE} the watermark's
     * capture time (lag 0). Tables named like {@code search} (a substring of db.table; empty: all).
     */
    public List<Map<String, Object>> tables(String search, long nowMillis, int limit) {
        return tables(List.of(), search, nowMillis, limit);
    }

    /**
     * As {@link #tables(String, long, int)}, each table also judged against its link's SLA ({@link SlaJudge}):
     * {@code sla} (ON_TIME, AT_RISK, BREACHED), {@code slaDeadlineMs} (capture time of the oldest change not
     * applied plus the SLA; null when none) and {@code slaWhy}. What is not applied is {@link UnappliedChanges}'s
     * one definition, the SLA alerts' too.
     * Links not in {@code links} are judged against {@link Link#DEFAULT_SLA}.
     */
    public List<Map<String, Object>> tables(List<Link> links, String search, long nowMillis, int limit) {
        return transactions.inTransaction("read the table freshness", connection -> tables(connection, links, "",
                search, nowMillis, limit));
    }

    private static List<Map<String, Object>> tables(Connection connection, List<Link> links, String onlyLink,
            String search, long nowMillis, int limit) throws SQLException {
        String like = containing(search);
        List<Map<String, Object>> tables = rows(connection, "SELECT t.link, t.db_name AS `database`,"
                + " t.table_name AS `table`, w.last_source_event_id AS lastSourceEventId,"
                + " COALESCE(e.captured_at_ms, (SELECT MAX(c.source_captured_at_ms) FROM replication_job c"
                + " WHERE c.db_name = t.db_name AND c.table_name = t.table_name AND c.link = t.link"
                + " AND c.source_event_id = w.last_source_event_id)) AS lastSourceCapturedAtMs,"
                + " w.last_committed_at_ms AS lastCommittedAtMs,"
                + " COALESCE(u.n, 0) AS unsettledJobs, u.oldest AS oldestUnsettledCapturedAtMs,"
                + " COALESCE(b.n, 0) AS blockedOrFailedJobs,"
                + " a.oldest AS oldestUnappliedCapturedAtMs"
                + " FROM (SELECT link, db_name, table_name FROM table_watermark"
                + " UNION SELECT DISTINCT link, db_name, table_name FROM replication_job WHERE table_name <> '')"
                + " t LEFT JOIN table_watermark w ON w.link = t.link AND w.db_name = t.db_name"
                + " AND w.table_name = t.table_name"
                + " LEFT JOIN hms_event e ON e.id = w.last_source_event_id"
                + " LEFT JOIN (SELECT link, db_name, table_name, COUNT(*) AS n,"
                + " MIN(source_captured_at_ms) AS oldest FROM replication_job WHERE " + UNSETTLED
                + " GROUP BY link, db_name, table_name) u ON u.link = t.link AND u.db_name = t.db_name"
                + " AND u.table_name = t.table_name"
                + " LEFT JOIN (SELECT link, db_name, table_name, COUNT(*) AS n FROM replication_job"
                + " WHERE state IN ('FAILED', 'BLOCKED', 'UNVERIFIABLE') GROUP BY link, db_name, table_name) b"
                + " ON b.link = t.link AND b.db_name = t.db_name AND b.table_name = t.table_name"
                + " LEFT JOIN (SELECT link, db_name, table_name, MIN(source_captured_at_ms) AS oldest FROM ("
                + UnappliedChanges.JOBS + ") x GROUP BY link, db_name, table_name) a"
                + " ON a.link = t.link AND a.db_name = t.db_name AND a.table_name = t.table_name"
                + " WHERE CONCAT(t.db_name, '.', t.table_name) LIKE ?"
                + (onlyLink.isEmpty() ? " AND ? = ''" : " AND t.link = ?")
                + " ORDER BY t.db_name, t.table_name, t.link LIMIT " + Math.max(1, limit), like, onlyLink);
        for (Map<String, Object> table : tables) {
            judge(table, sla(links, (String) table.get("link")), nowMillis);
        }
        return tables;
    }

    /**
     * The freshness verdict of one table or partition row (the same rule for both): from its {@code unsettledJobs},
     * {@code oldestUnsettledCapturedAtMs}, {@code blockedOrFailedJobs} and {@code oldestUnappliedCapturedAtMs}, puts
     * {@code status} (WAITING, NEEDS_OPERATOR or NO_CHANGE_SINCE), {@code waitingSinceMs}, {@code lagMs} and the SLA
     * verdict ({@code sla}, {@code slaDeadlineMs}, {@code slaWhy}); removes the two "oldest" inputs.
     */
    static void judge(Map<String, Object> row, Duration sla, long nowMillis) {
        long unsettled = ((Number) row.get("unsettledJobs")).longValue();
        Object oldest = row.remove("oldestUnsettledCapturedAtMs");
        Object oldestUnapplied = row.remove("oldestUnappliedCapturedAtMs");
        long stuck = ((Number) row.get("blockedOrFailedJobs")).longValue();
        row.put("status", unsettled > 0 ? "WAITING" : stuck > 0 ? "NEEDS_OPERATOR" : "NO_CHANGE_SINCE");
        row.put("waitingSinceMs", unsettled > 0 ? oldest : null);
        row.put("lagMs", unsettled > 0 ? Math.max(0, nowMillis - ((Number) oldest).longValue()) : 0L);
        OptionalLong unapplied = oldestUnapplied instanceof Number number ? OptionalLong.of(number.longValue())
                : OptionalLong.empty();
        SlaVerdict verdict = SlaJudge.verdict(unapplied, nowMillis, sla, OptionalLong.empty());
        row.put("sla", verdict.state().name());
        row.put("slaDeadlineMs", verdict.deadlineMillis().isPresent() ? verdict.deadlineMillis().getAsLong() : null);
        row.put("slaWhy", verdict.why());
    }

    private static Duration sla(List<Link> links, String name) {
        return links.stream().filter(link -> link.name().equals(name)).map(Link::sla).findFirst()
                .orElse(Link.DEFAULT_SLA);
    }

    /**
     * The link's SLA figures: its SLA, tables breaching it now ({@code breachesNow}) and tables at risk
     * ({@code breachesProjected}: the projection passes the deadline or the lag is past
     * three quarters of the SLA).
     */
    private static Map<String, Object> slaSummary(Connection connection, Link link, long now) throws SQLException {
        long breached = 0;
        long atRisk = 0;
        for (Map<String, Object> table : tables(connection, List.of(link), link.name(), "", now, 100_000)) {
            breached += SlaStatus.BREACHED.name().equals(table.get("sla")) ? 1 : 0;
            atRisk += SlaStatus.AT_RISK.name().equals(table.get("sla")) ? 1 : 0;
        }
        Map<String, Object> sla = new LinkedHashMap<>();
        sla.put("slaMs", link.sla().toMillis());
        sla.put("breachesNow", breached);
        sla.put("breachesProjected", atRisk);
        return sla;
    }

    /** Jobs newest first, filtered by state, link and table ({@code db.t} or {@code db}); empty filters match all. */
    public List<Map<String, Object>> jobs(String state, String table, String link, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(JOB_LIST_COLUMNS)
                .append(" FROM replication_job WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (!state.isEmpty()) {
            sql.append(" AND state = ?");
            parameters.add(state);
        }
        if (!link.isEmpty()) {
            sql.append(" AND link = ?");
            parameters.add(link);
        }
        if (!table.isEmpty()) {
            int dot = table.indexOf('.');
            sql.append(" AND db_name = ?");
            parameters.add(dot < 0 ? table : table.substring(0, dot));
            if (dot >= 0) {
                sql.append(" AND table_name = ?");
                parameters.add(table.substring(dot + 1));
            }
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, limit));
        return transactions.inTransaction("list jobs", connection -> rows(connection, sql.toString(),
                parameters.toArray()));
    }

    /** One job with its transition history, its files (both checksums) and its error; empty when unknown. */
    public Optional<Map<String, Object>> job(long id) {
        return transactions.inTransaction("read job " + id, connection -> {
            List<Map<String, Object>> found = rows(connection, "SELECT " + JOB_LIST_COLUMNS
                    + ", target_location AS targetLocation, version, deadline_ms AS deadlineMs,"
                    + " lease_owner AS leaseOwner, lease_expires_at_ms AS leaseExpiresAtMs,"
                    + " fencing_token AS fencingToken FROM replication_job WHERE id = ?", id);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> job = found.get(0);
            job.put("transitions", rows(connection, "SELECT from_state AS `from`, to_state AS `to`,"
                    + " new_version AS version, reason, at_ms AS atMs FROM job_transition WHERE job_id = ?"
                    + " ORDER BY id", id));
            job.put("files", rows(connection, "SELECT task_index AS task, relative_path AS path,"
                    + " size_bytes AS sizeBytes, bytes_copied AS bytesCopied, source_checksum AS sourceChecksum,"
                    + " target_checksum AS targetChecksum, verification, verified_by AS verifiedBy,"
                    + " reused, detail FROM file_manifest"
                    + " WHERE job_id = ? ORDER BY task_index, relative_path", id));
            return Optional.of(job);
        });
    }

    /**
     * The repair (or bootstrap) jobs of a scan's table created after the scan finished and before the table's next
     * scan between the same regions started: the jobs that repaired what the scan found ({@code strait reconcile
     * --repair} and bootstrap plan them right after a scan, then scan again).
     */
    private static final String REPAIR_JOBS_OF_SCAN = "SELECT j.id, j.link, j.kind, j.state, j.origin,"
            + " j.partition_label AS `partition` FROM replication_job j WHERE j.db_name = ? AND j.table_name = ?"
            + " AND j.origin IN ('REPAIR', 'BOOTSTRAP') AND j.created_at_ms >= ?"
            + " AND j.created_at_ms < COALESCE((SELECT MIN(n.started_at_ms) FROM reconcile_scan n"
            + " WHERE n.db_name = ? AND n.table_name = ? AND n.source_region = ? AND n.target_region = ?"
            + " AND n.id > ?), " + Long.MAX_VALUE + ") ORDER BY j.id LIMIT 50";

    /**
     * The newest scans, each with its divergences (200 at most) and the repair jobs planned from it
     * ({@code repairJobs}, 50 at most).
     */
    public List<Map<String, Object>> reconcile(int limit) {
        return transactions.inTransaction("read reconcile scans", connection -> {
            List<Map<String, Object>> scans = rows(connection, "SELECT id, source_region AS source,"
                    + " target_region AS target, db_name AS `database`, table_name AS `table`, depth, status,"
                    + " started_at_ms AS startedAtMs, finished_at_ms AS finishedAtMs,"
                    + " objects_checked AS objectsChecked, files_checked AS filesChecked,"
                    + " divergence_count AS divergenceCount, in_flight_count AS inFlightCount, error"
                    + " FROM reconcile_scan ORDER BY id DESC LIMIT " + Math.max(1, limit));
            for (Map<String, Object> scan : scans) {
                scan.put("divergences", rows(connection, "SELECT divergence_class AS class,"
                        + " partition_values AS partitionValues, relative_path AS path, detail FROM divergence"
                        + " WHERE scan_id = ? ORDER BY id LIMIT 200", scan.get("id")));
                scan.put("repairJobs", ((Number) scan.get("divergenceCount")).longValue() == 0 ? List.of()
                        : rows(connection, REPAIR_JOBS_OF_SCAN, scan.get("database"), scan.get("table"),
                                scan.get("finishedAtMs"), scan.get("database"), scan.get("table"), scan.get("source"),
                                scan.get("target"), scan.get("id")));
            }
            return scans;
        });
    }

    /**
     * Does the replica of {@code table} (optionally one partition, by its label such as {@code ds=2024-01-01})
     * reflect every source change up to event {@code asOfEvent} (or, when {@code asOfEvent} is absent, every
     * change captured at or before {@code asOfTimeMillis})? True when the link's planner has passed those events
     * and every job of the table (or that partition, and the table itself) for a change up to that point has
     * SUCCEEDED or was SUPERSEDED, or a later job of the same object has SUCCEEDED (it applied the object's whole
     * newer state). A change the link does not cover (another table) is trivially reflected.
     */
    public Map<String, Object> freshness(Link link, String database, String table, String partitionName,
            Optional<Long> asOfEvent, Optional<Long> asOfTimeMillis) {
        String partition = partitionLabel(partitionName);
        return transactions.inTransaction("read the freshness of " + database + "." + table, connection -> {
            long cursor = cursor(connection, link.name());
            boolean planned;
            String bound;
            long boundValue;
            if (asOfEvent.isPresent()) {
                planned = cursor >= asOfEvent.get();
                bound = "source_event_id <= ?";
                boundValue = asOfEvent.get();
            } else {
                long unplanned = ((Number) rows(connection, "SELECT COUNT(*) AS n FROM hms_event"
                        + " WHERE source_region = ? AND id > ? AND captured_at_ms <= ?", link.source(), cursor,
                        asOfTimeMillis.orElseThrow()).get(0).get("n")).longValue();
                planned = unplanned == 0;
                bound = "source_captured_at_ms <= ?";
                boundValue = asOfTimeMillis.get();
            }
            String object = partition.isEmpty() ? "" : " AND j.partition_label IN ('', ?)";
            List<Object> parameters = new ArrayList<>(List.of(link.name(), database, table));
            if (!partition.isEmpty()) {
                parameters.add(partition);
            }
            parameters.add(boundValue);
            List<Map<String, Object>> pending = rows(connection, "SELECT j.id, j.state,"
                    + " j.partition_label AS `partition`, j.source_event_id AS sourceEventId FROM replication_job j"
                    + " WHERE j.link = ? AND j.db_name = ? AND j.table_name = ?" + object + " AND j." + bound
                    + " AND j.state NOT IN ('SUCCEEDED', 'SUPERSEDED') AND NOT EXISTS (SELECT 1 FROM replication_job"
                    + " later WHERE later.link = j.link AND later.db_name = j.db_name AND later.table_name ="
                    + " j.table_name AND later.partition_values = j.partition_values AND later.state = 'SUCCEEDED'"
                    + " AND later.source_event_id > j.source_event_id) ORDER BY j.id LIMIT 100",
                    parameters.toArray());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("link", link.name());
            answer.put("table", database + "." + table);
            answer.put("partition", partitionName);
            asOfEvent.ifPresent(event -> answer.put("asOfEvent", event));
            asOfTimeMillis.ifPresent(time -> answer.put("asOfTime", time));
            answer.put("fresh", planned && pending.isEmpty());
            answer.put("plannedThroughEvent", cursor);
            answer.put("allChangesPlanned", planned);
            List<Map<String, Object>> watermark = rows(connection, "SELECT w.last_source_event_id AS"
                    + " lastSourceEventId, COALESCE(e.captured_at_ms, (SELECT MAX(c.source_captured_at_ms)"
                    + " FROM replication_job c WHERE c.db_name = w.db_name AND c.table_name = w.table_name"
                    + " AND c.link = w.link AND c.source_event_id = w.last_source_event_id))"
                    + " AS lastSourceCapturedAtMs,"
                    + " w.last_committed_at_ms AS lastCommittedAtMs FROM table_watermark w"
                    + " LEFT JOIN hms_event e ON e.id = w.last_source_event_id"
                    + " WHERE w.link = ? AND w.db_name = ? AND w.table_name = ?", link.name(), database, table);
            answer.put("watermark", watermark.isEmpty() ? null : watermark.get(0));
            answer.put("pendingJobs", pending);
            return answer;
        });
    }

    /**
     * The label jobs carry for a partition (its values joined by {@code /}) from a Hive partition name
     * ({@code ds=2024-01-01/hr=01}) or from the values themselves ({@code 2024-01-01/01}).
     */
    static String partitionLabel(String partitionName) {
        if (partitionName.isEmpty()) {
            return "";
        }
        return java.util.Arrays.stream(partitionName.split("/"))
                .map(part -> part.contains("=") ? part.substring(part.indexOf('=') + 1) : part)
                .collect(java.util.stream.Collectors.joining("/"));
    }

    /** A LIKE pattern matching text that contains {@code search} literally (its wildcards escaped). */
    static String containing(String search) {
        return "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Rows as maps keyed by column label, in column order. */
    static List<Map<String, Object>> rows(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                List<Map<String, Object>> answer = new ArrayList<>();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        Object value = rows.getObject(column);
                        if (value instanceof java.math.BigDecimal decimal) {
                            value = decimal.longValue();
                        } else if (value instanceof Integer integer) {
                            value = integer.longValue();
                        }
                        row.put(meta.getColumnLabel(column), value);
                    }
                    answer.add(row);
                }
                return answer;
            }
        }
    }
}
