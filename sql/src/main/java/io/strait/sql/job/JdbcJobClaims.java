package io.strait.sql.job;

import io.strait.common.job.JobClaim;
import io.strait.common.job.JobState;
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
 *       is claiming are skipped, not waited for, and other links' backlogs are never scanned.</li>
 *   <li>Each candidate is checked against the DAG by index lookups ({@link JobBlockers}): is there an unsettled
 *       job on its object that is older, or in flight? This transaction's own claims count.</li>
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

    private static final String IN_FLIGHT_TABLES = "SELECT link, db_name, table_name, COUNT(*) AS jobs,"
            + " SUM(partition_label = '' AND partition_values = '[]') AS whole FROM replication_job"
            + " WHERE state IN (" + JobSql.inFlightStates() + ") AND link IN %s GROUP BY link, db_name, table_name";
    private static final String CANDIDATES = "SELECT " + JobSql.JOB_COLUMNS + ", fencing_token, deadline_ms"
            + " FROM replication_job FORCE INDEX (ix_replication_job_link_claim) WHERE link = ? AND state = 'PENDING'%s"
            + " AND (deadline_ms > ? OR (deadline_ms = ? AND id > ?))"
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

    JdbcJobClaims(Transactions transactions, JobRows rows) {
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
        return transactions.inTransaction("claim up to " + claim.max() + " job(s) of " + links, connection -> {
            try (Statement isolation = connection.createStatement()) {
                isolation.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
            }
            Busy busy = busyObjects(connection, links, claim.tableConcurrency());
            List<Candidate> taken = new ArrayList<>();
            Map<String, long[]> after = new HashMap<>();
            links.forEach(link -> after.put(link, new long[] {Long.MIN_VALUE, Long.MIN_VALUE}));
            int pageSize = Math.max(MIN_PAGE, claim.max() * PAGE_FACTOR);
            for (int page = 0; page < MAX_PAGES && taken.size() < claim.max() && !after.isEmpty(); page++) {
                List<Candidate> candidates = new ArrayList<>();
                for (String link : List.copyOf(after.keySet())) {
                    List<Candidate> ofLink = lockCandidates(connection, link, busy, after.get(link), pageSize);
                    candidates.addAll(ofLink);
                    if (ofLink.size() < pageSize) {
                        after.remove(link);
                    } else {
                        Candidate last = ofLink.get(ofLink.size() - 1);
                        after.put(link, new long[] {last.deadlineMillis(), last.job().id()});
                    }
                }
                candidates.sort(java.util.Comparator.comparingLong(Candidate::deadlineMillis)
                        .thenComparingLong(candidate -> candidate.job().id()));
                for (Candidate candidate : candidates) {
                    if (taken.size() >= claim.max()) {
                        break;
                    }
                    if (busy.admits(candidate.job()) && !conflictsWithTaken(taken, candidate.job())
                            && blockers.blocker(connection, candidate.job()).isEmpty()) {
                        taken.add(candidate);
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

        static List<String> tableKey(ReplicationJob job) {
            return List.of(job.link(), job.object().database(), job.object().table());
        }
    }

    private Busy busyObjects(Connection connection, List<String> links, int tableConcurrency) throws SQLException {
        Busy busy = new Busy(tableConcurrency);
        try (PreparedStatement statement = connection.prepareStatement(
                String.format(IN_FLIGHT_TABLES, placeholders(links.size())))) {
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

    /** Taken by this claim already: a candidate conflicting with one of them waits (they are in flight now). */
    private static boolean conflictsWithTaken(List<Candidate> taken, ReplicationJob job) {
        return taken.stream().anyMatch(other -> other.job().link().equals(job.link())
                && io.strait.common.job.JobDag.conflicts(other.job(), job));
    }

    /** Moves every taken job to PLANNED in one statement, with their transition rows in another. */
    private List<Claimed> claimAll(Connection connection, List<Candidate> taken, String owner, long now,
            long leaseMillis, Function<ReplicationJob, String> reason) throws SQLException {
        if (taken.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement update = connection.prepareStatement(CLAIM + placeholders(taken.size()))) {
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

    private static String placeholders(int count) {
        return "(" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    private static int bindStrings(PreparedStatement statement, int from, List<String> values) throws SQLException {
        int index = from;
        for (String value : values) {
            statement.setString(index++, value);
        }
        return index;
    }
}
