package io.strait.sql.housekeeping;

import io.strait.sql.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Housekeeping of the state store: deletes captured events and finished jobs older than their retention, in
 * bounded batches (each batch its own short transaction), keeping everything replication, reconcile and the
 * reports still need:
 *
 * <ul>
 *   <li>an event is deleted only when it is older than the event retention, every link reading its region has
 *       planned it (its id is at most the smallest planner cursor of those links; a region no link reads is left
 *       alone), and it is not its region's newest event (the event position of bootstrap and repair is the newest
 *       id);</li>
 *   <li>a job is deleted, with its {@code job_transition}, {@code copy_task} and {@code file_manifest} rows, only
 *       when it is settled and not BLOCKED (SUCCEEDED, SUPERSEDED, CANCELLED, FAILED, UNVERIFIABLE) and unchanged
 *       for longer than the job retention, and it is not the newest SUCCEEDED job of its object (link, table,
 *       partition): that job's manifest holds the checksums reconcile compares at {@code files} depth;</li>
 *   <li>an object's order record ({@code planned_object_order}: the newest event planned for it, against which a
 *       late older event is recognised as covered) is deleted when it was written longer ago than the event
 *       retention: an event that arrives later than that after a newer one of its object is planned again;</li>
 *   <li>{@code table_watermark}, {@code planner_cursor}, {@code link_control} and unsettled jobs are never
 *       touched.</li>
 * </ul>
 */
public final class JdbcHousekeeping {
    static final String FINISHED_STATES = "'SUCCEEDED', 'SUPERSEDED', 'CANCELLED', 'FAILED', 'UNVERIFIABLE'";

    private static final String REGIONS = "SELECT DISTINCT source_region FROM hms_event";
    private static final String CURSOR = "SELECT last_event_id FROM planner_cursor WHERE link = ?";
    private static final String NEWEST_EVENT = "SELECT COALESCE(MAX(id), 0) FROM hms_event WHERE source_region = ?";
    private static final String COUNT_EVENTS = "SELECT COUNT(*) FROM hms_event WHERE source_region = ? AND id <= ?"
            + " AND captured_at_ms < ?";
    private static final String DELETE_EVENTS = "DELETE FROM hms_event WHERE source_region = ? AND id <= ?"
            + " AND captured_at_ms < ? ORDER BY id LIMIT ?";
    private static final String COUNT_ORDER = "SELECT COUNT(*) FROM planned_object_order WHERE planned_at_ms < ?";
    private static final String DELETE_ORDER = "DELETE FROM planned_object_order WHERE planned_at_ms < ? LIMIT ?";
    /** Finished jobs past retention, but not the newest SUCCEEDED job of an object; the caller binds id > ?. */
    private static final String EXPIRED_JOBS = "SELECT j.id FROM replication_job j WHERE j.id > ?"
            + " AND j.state IN (" + FINISHED_STATES + ") AND j.updated_at_ms < ?"
            + " AND NOT (j.state = 'SUCCEEDED' AND NOT EXISTS (SELECT 1 FROM replication_job n"
            + " WHERE n.db_name = j.db_name AND n.table_name = j.table_name AND n.link = j.link"
            + " AND n.state = 'SUCCEEDED' AND n.partition_label = j.partition_label AND n.id > j.id))"
            + " ORDER BY j.id LIMIT ?";
    /** Re-checked under lock in the deleting transaction: an operator may have retried a job meanwhile. */
    private static final String LOCK_EXPIRED = "SELECT id FROM replication_job WHERE state IN (" + FINISHED_STATES
            + ") AND updated_at_ms < ? AND id IN ";

    /**
     * What one run deleted (or, in a dry run, would delete).
     *
     * @param eventsByRegion events per source region
     * @param jobs jobs, and with them their transitions, copy tasks and manifest files
     * @param objectOrders order records of objects ({@code planned_object_order})
     */
    public record Result(boolean dryRun, Map<String, Long> eventsByRegion, long jobs, long transitions,
            long copyTasks, long manifestFiles, long objectOrders) {
        public Result {
            eventsByRegion = Collections.unmodifiableMap(new LinkedHashMap<>(eventsByRegion));
        }

        public long events() {
            return eventsByRegion.values().stream().mapToLong(Long::longValue).sum();
        }

        /** One line for logs and the command. */
        public String summary() {
            return (dryRun ? "would delete " : "deleted ") + events() + " event(s) " + eventsByRegion + ", " + jobs
                    + " finished job(s) with " + transitions + " transition(s), " + copyTasks + " copy task(s) and "
                    + manifestFiles + " manifest file(s), " + objectOrders + " object order record(s)";
        }
    }

    private final Transactions transactions;
    private final Clock clock;

    public JdbcHousekeeping(DataSource dataSource, Clock clock) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One run.
     *
     * @param linksByRegion the links reading each source region (from the configuration); events of a region
     *     missing here are kept
     */
    public Result run(Map<String, List<String>> linksByRegion, Duration eventRetention, Duration jobRetention,
            int batchSize, boolean dryRun) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
        }
        long now = clock.millis();
        Map<String, Long> events = new LinkedHashMap<>();
        for (String region : regions()) {
            List<String> links = linksByRegion.getOrDefault(region, List.of());
            if (links.isEmpty()) {
                continue;
            }
            long upTo = Math.min(smallestCursor(links), newestEvent(region) - 1);
            long cutoff = now - eventRetention.toMillis();
            events.put(region, upTo <= 0 ? 0 : dryRun ? countEvents(region, upTo, cutoff)
                    : deleteEvents(region, upTo, cutoff, batchSize));
        }
        long[] jobs = expireJobs(now - jobRetention.toMillis(), batchSize, dryRun);
        long orders = expireObjectOrders(now - eventRetention.toMillis(), batchSize, dryRun);
        return new Result(dryRun, events, jobs[0], jobs[1], jobs[2], jobs[3], orders);
    }

    private List<String> regions() {
        return transactions.withConnection("list the regions of the captured events", connection -> {
            List<String> regions = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(REGIONS);
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    regions.add(rows.getString(1));
                }
            }
            return regions;
        });
    }

    /** The smallest planner cursor of the links; 0 when one of them has none yet (it planned nothing). */
    private long smallestCursor(List<String> links) {
        return transactions.withConnection("read the planner cursors of " + links, connection -> {
            long smallest = Long.MAX_VALUE;
            for (String link : links) {
                try (PreparedStatement statement = connection.prepareStatement(CURSOR)) {
                    statement.setString(1, link);
                    try (ResultSet rows = statement.executeQuery()) {
                        smallest = Math.min(smallest, rows.next() ? rows.getLong(1) : 0);
                    }
                }
            }
            return smallest;
        });
    }

    private long newestEvent(String region) {
        return transactions.withConnection("read the newest event of region " + region, connection ->
                singleLong(connection, NEWEST_EVENT, region));
    }

    private long countEvents(String region, long upTo, long cutoff) {
        return countRows("count the expired events of region " + region, COUNT_EVENTS, region, upTo, cutoff);
    }

    /** The count {@code sql} (a {@code SELECT COUNT(*)} taking {@code parameters}) answers. */
    private long countRows(String description, String sql, Object... parameters) {
        return transactions.withConnection(description, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private long deleteEvents(String region, long upTo, long cutoff, int batchSize) {
        return deleteInBatches("delete expired events of region " + region, DELETE_EVENTS, batchSize, region, upTo,
                cutoff);
    }

    /**
     * Runs {@code sql} (a {@code DELETE ... LIMIT ?}: {@code parameters}, then the batch size) in transactions of
     * one batch each until a batch deletes fewer rows than {@code batchSize}; the rows deleted.
     */
    private long deleteInBatches(String description, String sql, int batchSize, Object... parameters) {
        long deleted = 0;
        while (true) {
            int batch = transactions.inTransaction(description, connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int i = 0; i < parameters.length; i++) {
                        statement.setObject(i + 1, parameters[i]);
                    }
                    statement.setInt(parameters.length + 1, batchSize);
                    return statement.executeUpdate();
                }
            });
            deleted += batch;
            if (batch < batchSize) {
                return deleted;
            }
        }
    }

    /** Object order records written before {@code cutoff}, deleted (or counted). */
    private long expireObjectOrders(long cutoff, int batchSize, boolean dryRun) {
        return dryRun ? countRows("count the expired object order records", COUNT_ORDER, cutoff)
                : deleteInBatches("delete expired object order records", DELETE_ORDER, batchSize, cutoff);
    }

    /** Jobs, transitions, copy tasks and manifest files deleted (or counted). */
    private long[] expireJobs(long cutoff, int batchSize, boolean dryRun) {
        long[] totals = new long[4];
        long after = 0;
        while (true) {
            List<Long> ids = expiredJobs(after, cutoff, batchSize);
            if (ids.isEmpty()) {
                return totals;
            }
            after = ids.get(ids.size() - 1);
            long[] batch = dryRun ? countChildren(ids) : deleteJobs(ids, cutoff);
            for (int i = 0; i < totals.length; i++) {
                totals[i] += batch[i];
            }
            if (ids.size() < batchSize) {
                return totals;
            }
        }
    }

    private List<Long> expiredJobs(long after, long cutoff, int batchSize) {
        return transactions.withConnection("find finished jobs past retention", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(EXPIRED_JOBS)) {
                statement.setLong(1, after);
                statement.setLong(2, cutoff);
                statement.setInt(3, batchSize);
                return ids(statement);
            }
        });
    }

    private long[] countChildren(List<Long> ids) {
        return transactions.withConnection("count the rows of " + ids.size() + " job(s)", connection -> new long[] {
            ids.size(),
            singleLong(connection, "SELECT COUNT(*) FROM job_transition WHERE job_id IN " + placeholders(ids), ids),
            singleLong(connection, "SELECT COUNT(*) FROM copy_task WHERE job_id IN " + placeholders(ids), ids),
            singleLong(connection, "SELECT COUNT(*) FROM file_manifest WHERE job_id IN " + placeholders(ids), ids)});
    }

    private long[] deleteJobs(List<Long> candidates, long cutoff) {
        return transactions.inTransaction("delete " + candidates.size() + " finished job(s)", connection -> {
            List<Long> ids;
            try (PreparedStatement lock = connection.prepareStatement(LOCK_EXPIRED + placeholders(candidates)
                    + " FOR UPDATE")) {
                lock.setLong(1, cutoff);
                bind(lock, candidates, 2);
                ids = ids(lock);
            }
            if (ids.isEmpty()) {
                return new long[4];
            }
            long transitions = delete(connection, "DELETE FROM job_transition WHERE job_id IN ", ids);
            long tasks = delete(connection, "DELETE FROM copy_task WHERE job_id IN ", ids);
            long files = delete(connection, "DELETE FROM file_manifest WHERE job_id IN ", ids);
            long jobs = delete(connection, "DELETE FROM replication_job WHERE id IN ", ids);
            return new long[] {jobs, transitions, tasks, files};
        });
    }

    /** Runs {@code sql} (ending in {@code IN }) for {@code ids}; the rows deleted. Shared by the record housekeeping. */
    static long delete(Connection connection, String sql, List<Long> ids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql + placeholders(ids))) {
            bind(statement, ids, 1);
            return statement.executeUpdate();
        }
    }

    private static long singleLong(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static long singleLong(Connection connection, String sql, List<Long> ids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, ids, 1);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static List<Long> ids(PreparedStatement statement) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    static String placeholders(List<Long> ids) {
        return "(" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
    }

    private static void bind(PreparedStatement statement, List<Long> ids, int first) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            statement.setLong(first + i, ids.get(i));
        }
    }
}
