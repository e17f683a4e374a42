package io.strait.sql.job;

import io.strait.common.job.ClaimUnits;
import io.strait.common.job.JobClaim;
import io.strait.common.job.JobState;
import io.strait.common.job.ObjectLocks;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.sql.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The claim of {@link JdbcJobStore}: {@link io.strait.common.job.JobDag#claimOrder}'s rules in SQL, in one READ
 * COMMITTED transaction, at a cost independent of the backlog.
 * <ol>
 *   <li>Tables (and databases) that can take no job now are read once: a table with {@code tableConcurrency} jobs
 *       in flight, or with a table-level job in flight; a database with a database-level job in flight.</li>
 *   <li>PENDING jobs of each claimed link outside those are locked in deadline order, {@code SELECT ... FOR UPDATE
 *       SKIP LOCKED} on the link's own index range, a page at a time, and merged by deadline: rows another process
 *       is claiming are skipped, not waited for, and other links' backlogs are never scanned. Beside a full table
 *       with a large backlog the link is read table by table instead ({@code ix_replication_job_table_claim}), so
 *       that backlog is never read.</li>
 *   <li>Each candidate is checked against the DAG by index lookups ({@link JobBlockers}), the next few in one
 *       statement: is there an unsettled job on its object that is older, or in flight? This transaction's own
 *       claims count.</li>
 *   <li>A job is taken while it finds a place in the claim's units ({@link ClaimUnits}: one per free worker, the
 *       partition jobs of one table batched).</li>
 *   <li>The job moves to PLANNED, leased to this process with the next fencing token, with its transition row.</li>
 * </ol>
 * Two processes claiming at once lock disjoint candidates, and each sees the other's committed claims in step 3, so
 * no job is claimed twice and two conflicting jobs are never in flight together. Job ids of a link grow in commit
 * order (job creation locks the link's cursor row first), so no older job can appear after a newer one was claimed.
 */
final class JdbcJobClaims {
    /** Candidates locked per page: a few times what a claim usually takes, so blocked ones rarely need a second page. */
    private static final int PAGE_FACTOR = 4;
    private static final int MIN_PAGE = 16;
    private static final int MAX_PAGES = 4;
    /** Jobs a page is sized for at most: a claim of many batched workers locks a few hundred rows, not thousands. */
    private static final int MAX_WANTED = 128;

    private static final String IN_FLIGHT_TABLES = "SELECT link, db_name, table_name, COUNT(*) AS jobs,"
            + " SUM(partition_label = '' AND partition_values = '[]') AS whole FROM replication_job"
            + " WHERE state IN (" + JobSql.inFlightStates() + ") AND link IN %s GROUP BY link, db_name, table_name";
    private static final String CANDIDATES = "SELECT " + JobSql.JOB_COLUMNS + ", fencing_token, deadline_ms"
            + " FROM replication_job FORCE INDEX (ix_replication_job_link_claim) WHERE link = ? AND state = 'PENDING'%s"
            + " AND (deadline_ms > ? OR (deadline_ms = ? AND id > ?))"
            + " ORDER BY deadline_ms, id LIMIT ? FOR UPDATE SKIP LOCKED";
    /** The first table of a link with PENDING jobs, by name, with its first job in deadline order: one index read. */
    private static final String FIRST_TABLE_WITH_PENDING = "SELECT db_name, table_name, deadline_ms, id"
            + " FROM replication_job FORCE INDEX (ix_replication_job_table_claim) WHERE link = ? AND state = 'PENDING'"
            + " ORDER BY db_name, table_name, deadline_ms, id LIMIT 1";
    /** The next table after (database, table) with PENDING jobs, with its first job: one index read (a seek). */
    private static final String NEXT_TABLE_WITH_PENDING = "SELECT db_name, table_name, deadline_ms, id"
            + " FROM replication_job FORCE INDEX (ix_replication_job_table_claim) WHERE link = ? AND state = 'PENDING'"
            + " AND (db_name > ? OR (db_name = ? AND table_name > ?)) ORDER BY db_name, table_name, deadline_ms, id"
            + " LIMIT 1";
    /** PENDING jobs of one closed table counted, up to a limit (the caller wraps branches in a count). */
    private static final String CLOSED_TABLE_PENDING = "(SELECT 1 FROM replication_job"
            + " FORCE INDEX (ix_replication_job_table_claim) WHERE link = ? AND state = 'PENDING' AND db_name = ?"
            + " AND table_name = ? LIMIT ?)";
    /** PENDING jobs of one closed database counted, up to a limit. */
    private static final String CLOSED_DATABASE_PENDING = "(SELECT 1 FROM replication_job"
            + " FORCE INDEX (ix_replication_job_table_claim) WHERE link = ? AND state = 'PENDING' AND db_name = ?"
            + " LIMIT ?)";
    /**
     * Closed tables' PENDING jobs a claim may read and skip in the link's deadline order: with fewer, one scan of the
     * link's index range; with as many, the link is read table by table.
     */
    private static final int SKIPPED_ROWS_LIMIT_FACTOR = 8;
    /** Tables looked up one by one, at most: a link with more tables pending is scanned in deadline order. */
    private static final int MAX_TABLES = 1_000;
    /** One table's PENDING jobs after (deadline, id), in deadline order, locked: the table's own index range. */
    private static final String TABLE_CANDIDATES = "SELECT " + JobSql.JOB_COLUMNS + ", fencing_token, deadline_ms"
            + " FROM replication_job FORCE INDEX (ix_replication_job_table_claim) WHERE link = ? AND state = 'PENDING'"
            + " AND db_name = ? AND table_name = ? AND (deadline_ms > ? OR (deadline_ms = ? AND id > ?))"
            + " ORDER BY deadline_ms, id LIMIT ? FOR UPDATE SKIP LOCKED";
    /** The claim of every taken job (the caller appends the id list); their rows are locked by this claim. */
    private static final String CLAIM = "UPDATE replication_job SET state = 'PLANNED', version = version + 1,"
            + " updated_at_ms = ?, attempts = attempts + 1, lease_owner = ?, lease_expires_at_ms = ?,"
            + " fencing_token = fencing_token + 1 WHERE state = 'PENDING' AND id IN ";
    private static final String INSERT_TRANSITIONS = JobSql.INSERT_TRANSITIONS;

    /** A job this process claimed, with the fencing token its lease carries. */
    record Claimed(ReplicationJob job, long fencingToken) {
    }

    private final Transactions transactions;
    private final JobRows rows;
    private final JobBlockers blockers;
    private final int skippedRowsLimitFactor;

    JdbcJobClaims(Transactions transactions, JobRows rows) {
        this(transactions, rows, SKIPPED_ROWS_LIMIT_FACTOR);
    }

    /** {@code skippedRowsLimitFactor} 0: a link with a closed table is always read table by table (for tests). */
    JdbcJobClaims(Transactions transactions, JobRows rows, int skippedRowsLimitFactor) {
        this.skippedRowsLimitFactor = skippedRowsLimitFactor;
        this.transactions = transactions;
        this.rows = rows;
        this.blockers = new JobBlockers(rows);
    }

    /**
     * Claims for {@code owner}; {@code reason} gives each claimed job's transition reason.
     */
    List<Claimed> claim(JobClaim claim, String owner, long now, long leaseMillis,
            Function<ReplicationJob, String> reason) {
        if (claim.max() == 0 || claim.links().isEmpty()) {
            return List.of();
        }
        List<String> links = claim.links().stream().sorted().toList();
        return transactions.inTransaction("claim for up to " + claim.max() + " worker(s) of " + links, connection -> {
            try (Statement isolation = connection.createStatement()) {
                isolation.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
            }
            Busy busy = busyObjects(connection, links, claim.tableConcurrency());
            ClaimUnits units = claim.units();
            int pageSize = Math.max(MIN_PAGE, (int) Math.min(MAX_WANTED, units.room()) * PAGE_FACTOR);
            List<CandidateSource> sources = new ArrayList<>();
            for (String link : links) {
                sources.add(source(connection, link, busy, pageSize));
            }
            // every link's candidates merged by deadline, each looked at once, at most as many as pages allow
            List<Candidate> taken = new ArrayList<>();
            ObjectLocks takenLocks = new ObjectLocks();
            int limit = MAX_PAGES * pageSize * links.size();
            int looked = 0;
            boolean more = true;
            while (more && looked < limit && !units.full()) {
                // the next candidates, as many as the claim may still take, checked against the DAG in one statement
                List<Candidate> ahead = new ArrayList<>();
                while (ahead.size() < units.room() && looked < limit) {
                    Candidate candidate = next(sources);
                    if (candidate == null) {
                        more = false;
                        break;
                    }
                    looked++;
                    // a job no unit can take now cannot be taken later in this claim either (units only fill up)
                    if (busy.admits(candidate.job()) && !takenLocks.conflicts(candidate.job())
                            && units.admits(candidate.job())) {
                        ahead.add(candidate);
                    }
                }
                Set<Long> blocked = blockers.blocked(connection, ahead.stream().map(Candidate::job).toList());
                for (Candidate candidate : ahead) {
                    if (busy.admits(candidate.job()) && !takenLocks.conflicts(candidate.job())
                            && !blocked.contains(candidate.job().id()) && units.admits(candidate.job())) {
                        taken.add(candidate);
                        takenLocks.add(candidate.job());
                        units.add(candidate.job());
                        busy.take(candidate.job());
                    }
                }
            }
            List<Claimed> claimed = claimAll(connection, taken, owner, now, leaseMillis, reason);
            return claimed;
        });
    }

    private record Candidate(ReplicationJob job, long fencingToken, long deadlineMillis) {
    }

    /** The earliest candidate of all the links' sources, taken off its source; null when none has one left. */
    private static Candidate next(List<CandidateSource> sources) throws SQLException {
        CandidateSource next = null;
        for (CandidateSource source : sources) {
            Candidate head = source.peek();
            if (head != null && (next == null || BY_DEADLINE.compare(head, next.peek()) < 0)) {
                next = source;
            }
        }
        return next == null ? null : next.pop();
    }

    /**
     * How the link's candidates are read: by one scan of its index range in deadline order, unless a closed table
     * (or database) holds so many PENDING jobs that the scan would read and skip more than a few pages of them; then
     * table by table, whose cost does not depend on the closed tables' backlog.
     */
    private CandidateSource source(Connection connection, String link, Busy busy, int pageSize) throws SQLException {
        if (!busy.closesAnyOf(link)) {
            return new LinkScan(connection, link, busy, pageSize);
        }
        int skippedRowsLimit = skippedRowsLimitFactor * pageSize;
        if (closedPending(connection, link, busy, skippedRowsLimit) < skippedRowsLimit) {
            return new LinkScan(connection, link, busy, pageSize);
        }
        TableByTable byTable = new TableByTable(connection, link, busy, pageSize);
        return byTable.complete() ? byTable : new LinkScan(connection, link, busy, pageSize);
    }

    /** The closed tables' and databases' PENDING jobs of {@code link}, counted up to {@code limit} each. */
    private static int closedPending(Connection connection, String link, Busy busy, int limit) throws SQLException {
        List<List<String>> tables = busy.closedTables().stream().filter(table -> table.get(0).equals(link)).toList();
        List<List<String>> databases = busy.wholeDatabases.stream().filter(database -> database.get(0).equals(link))
                .toList();
        List<String> branches = new ArrayList<>();
        tables.forEach(table -> branches.add(CLOSED_TABLE_PENDING));
        databases.forEach(database -> branches.add(CLOSED_DATABASE_PENDING));
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM ("
                + String.join(" UNION ALL ", branches) + ") closed_pending")) {
            int index = 1;
            for (List<String> table : tables) {
                statement.setString(index++, link);
                statement.setString(index++, table.get(1));
                statement.setString(index++, table.get(2));
                statement.setInt(index++, limit);
            }
            for (List<String> database : databases) {
                statement.setString(index++, link);
                statement.setString(index++, database.get(1));
                statement.setInt(index++, limit);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static final java.util.Comparator<Candidate> BY_DEADLINE = java.util.Comparator
            .comparingLong(Candidate::deadlineMillis).thenComparingLong(candidate -> candidate.job().id());

    /** One link's PENDING jobs outside the closed tables, in deadline order, locked as they are read. */
    private interface CandidateSource {
        /** The next candidate, or null when there is none. */
        Candidate peek() throws SQLException;

        Candidate pop() throws SQLException;
    }

    /**
     * The link's own index range in deadline order, a page at a time, closed tables left out by {@code NOT IN}: one
     * statement for the common case, where no table of the link is closed (a closed table's rows would be read and
     * skipped).
     */
    private final class LinkScan implements CandidateSource {
        private final Connection connection;
        private final String link;
        private final Busy busy;
        private final int pageSize;
        private final java.util.ArrayDeque<Candidate> page = new java.util.ArrayDeque<>();
        private long[] after = {Long.MIN_VALUE, Long.MIN_VALUE};
        private boolean exhausted;

        LinkScan(Connection connection, String link, Busy busy, int pageSize) {
            this.connection = connection;
            this.link = link;
            this.busy = busy;
            this.pageSize = pageSize;
        }

        @Override
        public Candidate peek() throws SQLException {
            if (page.isEmpty() && !exhausted) {
                List<Candidate> read = lockCandidates(connection, link, busy, after, pageSize);
                exhausted = read.size() < pageSize;
                page.addAll(read);
                if (!read.isEmpty()) {
                    Candidate last = read.get(read.size() - 1);
                    after = new long[] {last.deadlineMillis(), last.job().id()};
                }
            }
            return page.peekFirst();
        }

        @Override
        public Candidate pop() throws SQLException {
            peek();
            return page.pollFirst();
        }
    }

    /**
     * A link with a closed table (at {@code tableConcurrency}, or locked whole) read table by table: the tables with
     * pending jobs come off {@code ix_replication_job_table_claim} by a loose index scan with their earliest deadline,
     * the open ones are merged by deadline, and each table's jobs are read off its own index range when the merge
     * reaches it, a few at a time (as many as the table can still take). A closed table's backlog is never read, so
     * the claim's cost does not grow with it.
     */
    private final class TableByTable implements CandidateSource {
        private final Connection connection;
        private final String link;
        private final Busy busy;
        private final int pageSize;
        /** Open tables by the deadline of their next job (a table not read yet: its earliest deadline). */
        private final java.util.PriorityQueue<TableRange> tables = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingLong((TableRange table) -> table.nextDeadline)
                        .thenComparingLong(table -> table.nextId));

        /** False when the link has more than {@link #MAX_TABLES} tables with pending jobs (none is read then). */
        private final boolean complete;

        TableByTable(Connection connection, String link, Busy busy, int pageSize) throws SQLException {
            this.connection = connection;
            this.link = link;
            this.busy = busy;
            this.pageSize = pageSize;
            // each table with pending jobs by one index seek past the previous one: its first job in deadline order
            String[] previous = null;
            int seeks = 0;
            for (; seeks < MAX_TABLES; seeks++) {
                try (PreparedStatement statement = connection.prepareStatement(
                        previous == null ? FIRST_TABLE_WITH_PENDING : NEXT_TABLE_WITH_PENDING)) {
                    statement.setString(1, link);
                    if (previous != null) {
                        statement.setString(2, previous[0]);
                        statement.setString(3, previous[0]);
                        statement.setString(4, previous[1]);
                    }
                    try (ResultSet result = statement.executeQuery()) {
                        if (!result.next()) {
                            break;
                        }
                        previous = new String[] {result.getString(1), result.getString(2)};
                        if (!busy.closes(link, previous[0], previous[1])) {
                            TableRange table = new TableRange(previous[0], previous[1], result.getLong(3));
                            table.nextId = result.getLong(4);
                            tables.add(table);
                        }
                    }
                }
            }
            this.complete = seeks < MAX_TABLES;
        }

        boolean complete() {
            return complete;
        }

        @Override
        public Candidate peek() throws SQLException {
            while (!tables.isEmpty()) {
                TableRange first = tables.peek();
                if (!first.read.isEmpty()) {
                    return first.read.peekFirst();
                }
                tables.poll();
                if (first.exhausted || busy.closes(link, first.database, first.table)) {
                    continue; // nothing more, or full now: its jobs cannot be taken by this claim
                }
                first.readNext();
                if (!first.read.isEmpty()) {
                    Candidate head = first.read.peekFirst();
                    first.nextDeadline = head.deadlineMillis();
                    first.nextId = head.job().id();
                    tables.add(first);
                }
            }
            return null;
        }

        @Override
        public Candidate pop() throws SQLException {
            Candidate head = peek();
            if (head == null) {
                return null;
            }
            TableRange first = tables.poll();
            first.read.pollFirst();
            Candidate next = first.read.peekFirst();
            if (next != null) {
                first.nextDeadline = next.deadlineMillis();
                first.nextId = next.job().id();
            } else {
                // read again when the merge comes back to it: at the same key, before anything later
                first.nextId = head.job().id();
            }
            tables.add(first);
            return head;
        }

        /** One table's pending jobs, read a few at a time after the last one read. */
        private final class TableRange {
            final String database;
            final String table;
            final java.util.ArrayDeque<Candidate> read = new java.util.ArrayDeque<>();
            long nextDeadline;
            long nextId = Long.MIN_VALUE;
            long[] after = {Long.MIN_VALUE, Long.MIN_VALUE};
            boolean exhausted;

            TableRange(String database, String table, long earliestDeadline) {
                this.database = database;
                this.table = table;
                this.nextDeadline = earliestDeadline;
            }

            void readNext() throws SQLException {
                int count = Math.max(1, Math.min(pageSize, busy.room(link, database, table)));
                try (PreparedStatement statement = connection.prepareStatement(TABLE_CANDIDATES)) {
                    statement.setString(1, link);
                    statement.setString(2, database);
                    statement.setString(3, table);
                    statement.setLong(4, after[0]);
                    statement.setLong(5, after[0]);
                    statement.setLong(6, after[1]);
                    statement.setInt(7, count);
                    int found = 0;
                    try (ResultSet result = statement.executeQuery()) {
                        while (result.next()) {
                            Candidate candidate = new Candidate(rows.job(result), result.getLong("fencing_token"),
                                    result.getLong("deadline_ms"));
                            read.add(candidate);
                            after = new long[] {candidate.deadlineMillis(), candidate.job().id()};
                            found++;
                        }
                    }
                    exhausted = found < count;
                }
            }
        }
    }

    /** Tables and databases that can take no more jobs now, with the jobs in flight per table. */
    private static final class Busy {
        private final int tableConcurrency;
        private final Map<List<String>, Integer> inFlightPerTable = new HashMap<>();
        private final Set<List<String>> wholeTables = new HashSet<>();
        private final Set<List<String>> wholeDatabases = new HashSet<>();

        Busy(int tableConcurrency) {
            this.tableConcurrency = tableConcurrency;
        }

        boolean admits(ReplicationJob job) {
            List<String> table = tableKey(job);
            return job.object().level() == ObjectRef.Level.DATABASE
                    || inFlightPerTable.getOrDefault(table, 0) < tableConcurrency;
        }

        void take(ReplicationJob job) {
            inFlightPerTable.merge(tableKey(job), 1, Integer::sum);
        }

        /** Tables no candidate of can run: full, or locked whole by a table job; the same for databases. */
        List<List<String>> closedTables() {
            List<List<String>> closed = new ArrayList<>(wholeTables);
            inFlightPerTable.forEach((table, jobs) -> {
                if (jobs >= tableConcurrency && !wholeTables.contains(table) && !table.get(2).isEmpty()) {
                    closed.add(table);
                }
            });
            return closed;
        }

        /** True when some table or database of {@code link} can take no job now. */
        boolean closesAnyOf(String link) {
            return closedTables().stream().anyMatch(table -> table.get(0).equals(link))
                    || wholeDatabases.stream().anyMatch(database -> database.get(0).equals(link));
        }

        /** True when no job of {@code table} of {@code database} (table "": the database's own jobs) may start now. */
        boolean closes(String link, String database, String table) {
            List<String> key = List.of(link, database, table);
            return wholeDatabases.contains(List.of(link, database)) || wholeTables.contains(key)
                    || (!table.isEmpty() && inFlightPerTable.getOrDefault(key, 0) >= tableConcurrency);
        }

        /** How many more jobs the table may take now (a database's own jobs: no limit of this kind). */
        int room(String link, String database, String table) {
            return table.isEmpty() ? Integer.MAX_VALUE
                    : tableConcurrency - inFlightPerTable.getOrDefault(List.of(link, database, table), 0);
        }

        static List<String> tableKey(ReplicationJob job) {
            return List.of(job.link(), job.object().database(), job.object().table());
        }
    }

    private Busy busyObjects(Connection connection, List<String> links, int tableConcurrency) throws SQLException {
        Busy busy = new Busy(tableConcurrency);
        try (PreparedStatement statement = connection.prepareStatement(
                String.format(IN_FLIGHT_TABLES, IdLists.placeholders(links.size())))) {
            bindStrings(statement, 1, links);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    List<String> table = List.of(result.getString(1), result.getString(2), result.getString(3));
                    busy.inFlightPerTable.put(table, result.getInt(4));
                    if (table.get(2).isEmpty()) {
                        busy.wholeDatabases.add(List.of(table.get(0), table.get(1)));
                    } else if (result.getInt(5) > 0) {
                        busy.wholeTables.add(table);
                    }
                }
            }
        }
        return busy;
    }

    /** One page of {@code link}'s PENDING jobs after {@code after} (deadline, id), outside closed tables, locked. */
    private List<Candidate> lockCandidates(Connection connection, String link, Busy busy, long[] after,
            int pageSize) throws SQLException {
        List<List<String>> closedTables = busy.closedTables().stream().filter(table -> table.get(0).equals(link))
                .toList();
        List<List<String>> closedDatabases = busy.wholeDatabases.stream()
                .filter(database -> database.get(0).equals(link)).toList();
        StringBuilder exclusions = new StringBuilder();
        if (!closedTables.isEmpty()) {
            exclusions.append(" AND (db_name, table_name) NOT IN (")
                    .append(String.join(", ", Collections.nCopies(closedTables.size(), "(?, ?)"))).append(')');
        }
        if (!closedDatabases.isEmpty()) {
            exclusions.append(" AND db_name NOT IN (")
                    .append(String.join(", ", Collections.nCopies(closedDatabases.size(), "?"))).append(')');
        }
        try (PreparedStatement statement = connection.prepareStatement(String.format(CANDIDATES, exclusions))) {
            int index = 1;
            statement.setString(index++, link);
            for (List<String> table : closedTables) {
                index = bindStrings(statement, index, table.subList(1, 3));
            }
            for (List<String> database : closedDatabases) {
                statement.setString(index++, database.get(1));
            }
            statement.setLong(index++, after[0]);
            statement.setLong(index++, after[0]);
            statement.setLong(index++, after[1]);
            statement.setInt(index, pageSize);
            List<Candidate> candidates = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    candidates.add(new Candidate(rows.job(result), result.getLong("fencing_token"),
                            result.getLong("deadline_ms")));
                }
            }
            return candidates;
        }
    }

    /** Moves every taken job to PLANNED in one statement, with their transition rows in another. */
    private List<Claimed> claimAll(Connection connection, List<Candidate> taken, String owner, long now,
            long leaseMillis, Function<ReplicationJob, String> reason) throws SQLException {
        if (taken.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement update = connection.prepareStatement(CLAIM + IdLists.placeholders(taken.size()))) {
            update.setLong(1, now);
            update.setString(2, owner);
            update.setLong(3, now + leaseMillis);
            int index = 4;
            for (Candidate candidate : taken) {
                update.setLong(index++, candidate.job().id());
            }
            int moved = update.executeUpdate();
            if (moved != taken.size()) {
                throw new SQLException("claimed " + moved + " of " + taken.size() + " locked jobs: a locked job changed");
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_TRANSITIONS
                + String.join(", ", Collections.nCopies(taken.size(), "(?, 'PENDING', 'PLANNED', ?, ?, ?)")))) {
            int index = 1;
            for (Candidate candidate : taken) {
                insert.setLong(index++, candidate.job().id());
                insert.setLong(index++, candidate.job().version() + 1);
                insert.setString(index++, io.strait.sql.ColumnLimits.fit(reason.apply(candidate.job()),
                        io.strait.sql.ColumnLimits.REASON));
                insert.setLong(index++, now);
            }
            insert.executeUpdate();
        }
        List<Claimed> claimed = new ArrayList<>();
        for (Candidate candidate : taken) {
            ReplicationJob job = candidate.job();
            ReplicationJob planned = new ReplicationJob(job.id(), job.link(), job.kind(), job.object(),
                    JobState.PLANNED, job.version() + 1, job.sourceEventId(), job.sourceCapturedAtMillis(),
                    job.attempts() + 1, job.targetLocation(), job.lastError(), job.createdAtMillis(), now,
                    job.committedAtMillis(), job.origin(), job.renamedFrom());
            claimed.add(new Claimed(planned, candidate.fencingToken() + 1));
        }
        return claimed;
    }

    private static int bindStrings(PreparedStatement statement, int from, List<String> values) throws SQLException {
        int index = from;
        for (String value : values) {
            statement.setString(index++, value);
        }
        return index;
    }
}
