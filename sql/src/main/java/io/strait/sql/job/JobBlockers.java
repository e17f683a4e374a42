package io.strait.sql.job;

import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The job DAG's rule ({@link io.strait.common.job.JobDag}) as index lookups on {@code ix_replication_job_lock} (and
 * {@code ix_replication_job_renamed_from} for renames, which lock their previous name too), for
 * one job at a time whatever the backlog: what holds a job back, and where a PENDING job stands in claim order. The
 * claim ({@link JdbcJobClaims}) and "why is this late?" both use it.
 */
public final class JobBlockers {
    /** Pending jobs looked at, at most, to place one job in the queue. */
    public static final int QUEUE_SCAN_LIMIT = 5_000;
    private static final int QUEUE_PAGE = 500;
    private static final String PENDING_IN_CLAIM_ORDER = "SELECT " + JobSql.JOB_COLUMNS + ", deadline_ms"
            + " FROM replication_job FORCE INDEX (ix_replication_job_link_claim) WHERE link = ? AND state = 'PENDING'"
            + " AND (deadline_ms > ? OR (deadline_ms = ? AND id > ?)) ORDER BY deadline_ms, id LIMIT ?";

    /** Unsettled, not the candidate, and older than it or in flight; then the candidate's id twice. */
    private static final String BLOCKING = " AND state NOT IN (" + JobSql.settledStates() + ") AND id <> ?"
            + " AND (id < ? OR state IN (" + JobSql.inFlightStates() + "))";
    /** Jobs on one exact lock key (link, database, table, partition label), by the lock index. */
    private static final String ON_KEY = "(SELECT id FROM replication_job FORCE INDEX (ix_replication_job_lock)"
            + " WHERE link = ? AND db_name = ? AND table_name = ? AND partition_label = ? AND partition_values = ?"
            + BLOCKING + " LIMIT 1)";
    /** Jobs on any object of one table (for a table-level candidate). */
    private static final String ON_TABLE = "(SELECT id FROM replication_job FORCE INDEX (ix_replication_job_lock)"
            + " WHERE link = ? AND db_name = ? AND table_name = ?" + BLOCKING + " LIMIT 1)";
    /** Jobs on any object of one database (for a database-level candidate). */
    private static final String ON_DATABASE = "(SELECT id FROM replication_job FORCE INDEX (ix_replication_job_lock)"
            + " WHERE link = ? AND db_name = ?" + BLOCKING + " LIMIT 1)";
    /** Unsettled renames whose previous name is one table (they lock it), by the rename index. */
    private static final String RENAMED_FROM_TABLE = "(SELECT id FROM replication_job"
            + " FORCE INDEX (ix_replication_job_renamed_from) WHERE link = ? AND renamed_from_db = ?"
            + " AND renamed_from_table = ?" + BLOCKING + " LIMIT 1)";
    /** Unsettled renames whose previous name lies in one database. */
    private static final String RENAMED_FROM_DATABASE = "(SELECT id FROM replication_job"
            + " FORCE INDEX (ix_replication_job_renamed_from) WHERE link = ? AND renamed_from_db = ?"
            + " AND renamed_from_table <> ''" + BLOCKING + " LIMIT 1)";
    /**
     * The database's own jobs (table "") and the tables' own jobs of one database: per table name, the smallest id of
     * an unsettled one, 0 when one is in flight (IN list of table names appended, then GROUP BY).
     */
    private static final String TABLE_JOBS_SMALLEST = "SELECT table_name, MIN(IF(state IN ("
            + JobSql.inFlightStates() + "), 0, id)) FROM replication_job FORCE INDEX (ix_replication_job_lock)"
            + " WHERE link = ? AND db_name = ? AND partition_label = '' AND partition_values = ?"
            + " AND state NOT IN (" + JobSql.settledStates() + ") AND table_name IN ";
    /** The unsettled renames from some tables of one database, as {@link #TABLE_JOBS_SMALLEST}. */
    private static final String RENAMES_FROM_SMALLEST = "SELECT renamed_from_table, MIN(IF(state IN ("
            + JobSql.inFlightStates() + "), 0, id)) FROM replication_job FORCE INDEX (ix_replication_job_renamed_from)"
            + " WHERE link = ? AND renamed_from_db = ? AND state NOT IN (" + JobSql.settledStates() + ")"
            + " AND renamed_from_table IN ";
    /** The unsettled jobs on some partitions of one table: id, in flight or not, label and values (IN list appended). */
    private static final String UNSETTLED_ON_PARTITIONS = "SELECT id, state IN (" + JobSql.inFlightStates() + "),"
            + " partition_label, partition_values FROM replication_job FORCE INDEX (ix_replication_job_lock)"
            + " WHERE link = ? AND db_name = ? AND table_name = ? AND state NOT IN (" + JobSql.settledStates() + ")"
            + " AND partition_label IN ";
    /**
     * A database job, its table's job, a job on the same partition, or a rename from its table holds a partition
     * back.
     */
    private static final String PARTITION_BLOCKER = ON_KEY + " UNION ALL " + ON_KEY + " UNION ALL " + ON_KEY
            + " UNION ALL " + RENAMED_FROM_TABLE + " LIMIT 1";
    private static final String TABLE_BLOCKER = ON_KEY + " UNION ALL " + ON_TABLE + " UNION ALL " + RENAMED_FROM_TABLE
            + " LIMIT 1";
    private static final String DATABASE_BLOCKER = ON_DATABASE + " UNION ALL " + RENAMED_FROM_DATABASE + " LIMIT 1";
    private final JobRows rows;

    JobBlockers(JobRows rows) {
        this.rows = rows;
    }

    /** Blockers reading partition values as the state store writes them. */
    public static JobBlockers create() {
        return new JobBlockers(new JobRows(new io.strait.common.json.StraitJson()));
    }

    /**
     * Where the PENDING job {@code job} stands among its link's PENDING jobs in claim order (earliest deadline first,
     * then id), counting only runnable ones (nothing holds them back): its 1-based position when it is runnable, and
     * how many runnable jobs there are; both among the first {@value #QUEUE_SCAN_LIMIT} pending jobs of the link.
     */
    public QueuePlace queuePlace(Connection connection, ReplicationJob job) throws SQLException {
        long deadline = Long.MIN_VALUE;
        long afterId = Long.MIN_VALUE;
        int examined = 0;
        int runnable = 0;
        OptionalInt position = OptionalInt.empty();
        boolean more = true;
        while (more && examined < QUEUE_SCAN_LIMIT) {
            int pageSize = Math.min(QUEUE_PAGE, QUEUE_SCAN_LIMIT - examined);
            try (PreparedStatement statement = connection.prepareStatement(PENDING_IN_CLAIM_ORDER)) {
                statement.setString(1, job.link());
                statement.setLong(2, deadline);
                statement.setLong(3, deadline);
                statement.setLong(4, afterId);
                statement.setInt(5, pageSize);
                List<ReplicationJob> page = new java.util.ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        page.add(rows.job(result));
                        deadline = result.getLong("deadline_ms");
                    }
                }
                more = page.size() == pageSize;
                examined += page.size();
                for (ReplicationJob pending : page) {
                    afterId = pending.id();
                    if (blocker(connection, pending).isEmpty()) {
                        runnable++;
                        if (pending.id() == job.id()) {
                            position = OptionalInt.of(runnable);
                        }
                    }
                }
            }
        }
        return new QueuePlace(position, runnable, examined >= QUEUE_SCAN_LIMIT && more);
    }

    /**
     * A job's place in its link's queue: {@code position} among the runnable jobs (empty when it is not runnable or
     * lies beyond the scan), {@code runnable} jobs counted, {@code truncated} when the link had more pending jobs
     * than were looked at.
     */
    public record QueuePlace(OptionalInt position, int runnable, boolean truncated) {
    }

    /**
     * The id of a job holding {@code job} back: an unsettled job on a conflicting object that is older, or in flight.
     * Index lookups on exact lock keys, for each object the job {@linkplain ReplicationJob#lockedObjects locks} (a
     * rename locks its previous name too): the database's own job, the table's own job, the same partition, and
     * renames whose previous name is the table (a table-level object looks at its whole table, a database-level one
     * at its whole database).
     */
    public OptionalLong blocker(Connection connection, ReplicationJob job) throws SQLException {
        for (ObjectRef object : job.lockedObjects()) {
            OptionalLong blocker = blockerOf(connection, job, object);
            if (blocker.isPresent()) {
                return blocker;
            }
        }
        return OptionalLong.empty();
    }

    private OptionalLong blockerOf(Connection connection, ReplicationJob job, ObjectRef object) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sqlOf(object))) {
            bind(statement, 1, job, object);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? OptionalLong.of(result.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * The jobs of {@code jobs} something holds back (as {@link #blocker}, each on its own). Partition jobs are judged
     * set-wise: one range read of the lock index per table for the unsettled jobs on their partitions, and two
     * statements per database for the database's own jobs, their tables' own jobs and the renames from their tables
     * (a claim of hundreds of partition jobs costs a few statements, not a subquery each). Every other job is checked
     * by its own scalar subqueries, all in one statement.
     */
    Set<Long> blocked(Connection connection, List<ReplicationJob> jobs) throws SQLException {
        if (jobs.isEmpty()) {
            return Set.of();
        }
        List<String> columns = new java.util.ArrayList<>();
        List<Long> columnJobs = new java.util.ArrayList<>();
        List<Binding> bindings = new java.util.ArrayList<>();
        java.util.Map<List<String>, List<ReplicationJob>> partitionJobsByTable = new java.util.LinkedHashMap<>();
        for (ReplicationJob job : jobs) {
            if (job.object().level() == ObjectRef.Level.PARTITION && job.lockedObjects().equals(List.of(job.object()))) {
                partitionJobsByTable.computeIfAbsent(List.of(job.link(), job.object().database(),
                        job.object().table()), key -> new java.util.ArrayList<>()).add(job);
                continue;
            }
            for (ObjectRef object : job.lockedObjects()) {
                columns.add("(" + sqlOf(object) + ")");
                columnJobs.add(job.id());
                bindings.add((statement, index) -> bind(statement, index, job, object));
            }
        }
        Set<Long> blocked = new java.util.HashSet<>();
        for (List<ReplicationJob> tableJobs : partitionJobsByTable.values()) {
            blocked.addAll(heldBackOnTheirPartitions(connection, tableJobs));
        }
        java.util.Map<List<String>, List<List<ReplicationJob>>> tablesByDatabase = new java.util.LinkedHashMap<>();
        partitionJobsByTable.forEach((table, tableJobs) -> tablesByDatabase.computeIfAbsent(table.subList(0, 2),
                key -> new java.util.ArrayList<>()).add(tableJobs));
        for (List<List<ReplicationJob>> tables : tablesByDatabase.values()) {
            blocked.addAll(heldBackByTheirTables(connection, tables));
        }
        if (columns.isEmpty()) {
            return blocked;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + String.join(", ", columns))) {
            int index = 1;
            for (Binding binding : bindings) {
                index = binding.bind(statement, index);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                for (int column = 0; column < columns.size(); column++) {
                    result.getLong(column + 1);
                    if (!result.wasNull()) {
                        blocked.add(columnJobs.get(column));
                    }
                }
            }
            return blocked;
        }
    }

    /**
     * The partition jobs of some tables of one database (of one link) that a job of their table or database holds
     * back: the database's own jobs, each table's own jobs, and the renames from each table, read in two statements
     * for all the tables (the smallest id of an unsettled job at each key, 0 when one is in flight).
     */
    private Set<Long> heldBackByTheirTables(Connection connection, List<List<ReplicationJob>> tables)
            throws SQLException {
        ReplicationJob first = tables.get(0).get(0);
        List<String> names = tables.stream().map(tableJobs -> tableJobs.get(0).object().table()).toList();
        java.util.Map<String, Long> ownJobs = smallestByTable(connection, first, TABLE_JOBS_SMALLEST,
                java.util.stream.Stream.concat(java.util.stream.Stream.of(""), names.stream()).toList(), true);
        java.util.Map<String, Long> renames = smallestByTable(connection, first, RENAMES_FROM_SMALLEST, names, false);
        Long database = ownJobs.get("");
        Set<Long> heldBack = new java.util.HashSet<>();
        for (List<ReplicationJob> tableJobs : tables) {
            String table = tableJobs.get(0).object().table();
            for (ReplicationJob job : tableJobs) {
                for (Long smallest : java.util.Arrays.asList(database, ownJobs.get(table), renames.get(table))) {
                    if (smallest != null && smallest < job.id()) {
                        heldBack.add(job.id());
                        break;
                    }
                }
            }
        }
        return heldBack;
    }

    private java.util.Map<String, Long> smallestByTable(Connection connection, ReplicationJob first, String sql,
            List<String> tables, boolean ownJobs) throws SQLException {
        java.util.Map<String, Long> smallest = new java.util.HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql + "("
                + String.join(", ", java.util.Collections.nCopies(tables.size(), "?")) + ") GROUP BY 1")) {
            int index = 1;
            statement.setString(index++, first.link());
            statement.setString(index++, first.object().database());
            if (ownJobs) {
                statement.setString(index++, rows.partitionValuesJson(List.of()));
            }
            for (String table : tables) {
                statement.setString(index++, table);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    smallest.put(result.getString(1), result.getLong(2));
                }
            }
        }
        return smallest;
    }

    /**
     * The partition jobs of one table (of one link) that another job on their own partition holds back: an
     * unsettled one that is older, or one in flight. One range read of the lock index for all of them (their
     * partitions' unsettled jobs, themselves included), judged here.
     */
    private Set<Long> heldBackOnTheirPartitions(Connection connection, List<ReplicationJob> tableJobs)
            throws SQLException {
        ReplicationJob first = tableJobs.get(0);
        List<String> labels = tableJobs.stream().map(job -> JobRows.partitionLabel(job.object())).distinct().toList();
        Set<Long> heldBack = new java.util.HashSet<>();
        java.util.Map<List<String>, List<long[]>> unsettledByPartition = new java.util.HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(UNSETTLED_ON_PARTITIONS + "("
                + String.join(", ", java.util.Collections.nCopies(labels.size(), "?")) + ")")) {
            int index = 1;
            statement.setString(index++, first.link());
            statement.setString(index++, first.object().database());
            statement.setString(index++, first.object().table());
            for (String label : labels) {
                statement.setString(index++, label);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    unsettledByPartition.computeIfAbsent(List.of(result.getString(3), result.getString(4)),
                            key -> new java.util.ArrayList<>()).add(new long[] {result.getLong(1),
                                    result.getBoolean(2) ? 1 : 0});
                }
            }
        }
        for (ReplicationJob job : tableJobs) {
            List<long[]> others = unsettledByPartition.getOrDefault(List.of(JobRows.partitionLabel(job.object()),
                    rows.partitionValuesJson(job.object().partitionValues())), List.of());
            for (long[] other : others) {
                if (other[0] != job.id() && (other[0] < job.id() || other[1] == 1)) {
                    heldBack.add(job.id());
                    break;
                }
            }
        }
        return heldBack;
    }

    /** Binds one subquery's parameters from {@code from}; returns the next index. */
    private interface Binding {
        int bind(PreparedStatement statement, int from) throws SQLException;
    }

    private int bindSmallestOnKey(PreparedStatement statement, int from, ReplicationJob job, ObjectRef object,
            String table) throws SQLException {
        int index = from;
        statement.setString(index++, job.link());
        statement.setString(index++, object.database());
        statement.setString(index++, table);
        statement.setString(index++, "");
        statement.setString(index++, rows.partitionValuesJson(List.of()));
        return index;
    }

    private static int bindTableOnly(PreparedStatement statement, int from, ReplicationJob job, ObjectRef object)
            throws SQLException {
        int index = from;
        statement.setString(index++, job.link());
        statement.setString(index++, object.database());
        statement.setString(index++, object.table());
        return index;
    }

    private static String sqlOf(ObjectRef object) {
        return switch (object.level()) {
            case DATABASE -> DATABASE_BLOCKER;
            case TABLE -> TABLE_BLOCKER;
            case PARTITION -> PARTITION_BLOCKER;
        };
    }

    /** Binds the parameters of {@link #sqlOf}{@code (object)} for {@code job} from {@code from}; returns the next. */
    private int bind(PreparedStatement statement, int from, ReplicationJob job, ObjectRef object)
            throws SQLException {
        int index = from;
        switch (object.level()) {
            case DATABASE -> {
                index = bindDatabase(statement, index, job, object);
                index = bindDatabase(statement, index, job, object);
            }
            case TABLE -> {
                index = bindKey(statement, index, job, object, "", "", List.of());
                index = bindTable(statement, index, job, object);
                index = bindTable(statement, index, job, object);
            }
            case PARTITION -> {
                index = bindKey(statement, index, job, object, "", "", List.of());
                index = bindKey(statement, index, job, object, object.table(), "", List.of());
                index = bindKey(statement, index, job, object, object.table(), JobRows.partitionLabel(object),
                        object.partitionValues());
                index = bindTable(statement, index, job, object);
            }
        }
        return index;
    }

    private int bindKey(PreparedStatement statement, int from, ReplicationJob job, ObjectRef object, String table,
            String label, List<String> values) throws SQLException {
        int index = from;
        statement.setString(index++, job.link());
        statement.setString(index++, object.database());
        statement.setString(index++, table);
        statement.setString(index++, label);
        statement.setString(index++, rows.partitionValuesJson(values));
        return bindBlocking(statement, index, job);
    }

    /** Binds (link, database, table) then the blocking ids: for {@code ON_TABLE} and {@code RENAMED_FROM_TABLE}. */
    private static int bindTable(PreparedStatement statement, int from, ReplicationJob job, ObjectRef object)
            throws SQLException {
        int index = from;
        statement.setString(index++, job.link());
        statement.setString(index++, object.database());
        statement.setString(index++, object.table());
        return bindBlocking(statement, index, job);
    }

    /** Binds (link, database) then the blocking ids: for {@code ON_DATABASE} and {@code RENAMED_FROM_DATABASE}. */
    private static int bindDatabase(PreparedStatement statement, int from, ReplicationJob job, ObjectRef object)
            throws SQLException {
        int index = from;
        statement.setString(index++, job.link());
        statement.setString(index++, object.database());
        return bindBlocking(statement, index, job);
    }

    private static int bindBlocking(PreparedStatement statement, int from, ReplicationJob job) throws SQLException {
        statement.setLong(from, job.id());
        statement.setLong(from + 1, job.id());
        return from + 2;
    }

}
