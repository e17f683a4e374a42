package io.strait.sql.job;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.job.JobState;
import io.strait.common.job.ReplicationJob;
import io.strait.common.json.StraitJson;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * What reconcile reads from the state store, one table at a time: the jobs still in flight for the table (or its
 * database), the source events of the table captured after a given id, and the files Strait verified into given
 * version folders (the {@code file_manifest} of the jobs that wrote them). Read-only.
 */
public final class JdbcReconcileReads {
    /**
     * Jobs of the table or of its database (table_name '') on the link that are not settled, and renames from the
     * table (they lock its previous name too). Parameters: database, table, link, then database, table, link.
     */
    private static final String UNSETTLED_JOBS = "SELECT " + JobSql.JOB_COLUMNS + " FROM replication_job"
            + " WHERE db_name = ? AND table_name IN (?, '') AND link = ? AND state NOT IN (" + settledStates() + ")"
            + " UNION SELECT " + JobSql.JOB_COLUMNS + " FROM replication_job WHERE renamed_from_db = ?"
            + " AND renamed_from_table = ? AND link = ? AND state NOT IN (" + settledStates() + ")"
            + " ORDER BY id";
    /** Events a writer made on the table or its database after an id; Strait's own writes are never replicated. */
    private static final String EVENTS_AFTER = "SELECT id, source_region, event_type, db_name, table_name, origin,"
            + " captured_at_ms, snapshot_json FROM hms_event WHERE source_region = ? AND id > ? AND db_name = ?"
            + " AND table_name IN (?, '') AND origin <> '" + CapturedEvent.ORIGIN_STRAIT + "' ORDER BY id";
    private static final String VERIFIED_FILES = "SELECT j.id, j.target_location, f.relative_path, f.bytes_copied,"
            + " f.modification_time_ms, f.target_checksum FROM replication_job j JOIN file_manifest f"
            + " ON f.job_id = j.id WHERE f.verification = 'VERIFIED' AND j.id IN (%s)";
    /** Job ids per query of {@link #verifiedCopies}. */
    static final int JOBS_PER_QUERY = 500;

    private final Transactions transactions;
    private final JobRows rows;
    private final StraitJson json;

    public JdbcReconcileReads(DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
        this.json = new StraitJson();
        this.rows = new JobRows(json);
    }

    /**
     * One file a job copied and verified.
     *
     * @param sizeBytes the bytes copied and verified
     * @param sourceModifiedMillis the modification time of the source file version that was copied (the copy
     *     checks the source kept it from listing to last byte)
     * @param checksum the checksum of the target file's bytes, read back after it was closed
     */
    public record VerifiedFile(long sizeBytes, long sourceModifiedMillis, String checksum) {
    }

    /**
     * The verified files of one job.
     *
     * @param jobId the job
     * @param targetLocation the version folder the job wrote (its last attempt's)
     * @param files the VERIFIED files of its manifest by relative path
     */
    public record VerifiedCopy(long jobId, String targetLocation, Map<String, VerifiedFile> files) {
        public VerifiedCopy {
            files = Map.copyOf(files);
        }
    }

    /**
     * The jobs of {@code link} on {@code table} or on its database that are not settled (neither terminal nor
     * BLOCKED), oldest first.
     */
    public List<ReplicationJob> unsettledJobs(String link, TableRef table) {
        return transactions.withConnection("read the unsettled jobs of " + table + " on link " + link,
                connection -> {
                    try (PreparedStatement statement = connection.prepareStatement(UNSETTLED_JOBS)) {
                        statement.setString(1, table.database());
                        statement.setString(2, table.table());
                        statement.setString(3, link);
                        statement.setString(4, table.database());
                        statement.setString(5, table.table());
                        statement.setString(6, link);
                        List<ReplicationJob> jobs = new ArrayList<>();
                        try (ResultSet result = statement.executeQuery()) {
                            while (result.next()) {
                                jobs.add(rows.job(result));
                            }
                        }
                        return jobs;
                    }
                });
    }

    /**
     * The events a writer made in {@code sourceRegion} on {@code table} or on its database with an id above
     * {@code afterId}, by id. Events Strait itself published ({@code origin strait}) are left out: they are never
     * replicated.
     */
    public List<ReplicationEvent> eventsAfter(RegionId sourceRegion, long afterId, TableRef table) {
        return transactions.withConnection("read the events of " + table + " after " + afterId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(EVENTS_AFTER)) {
                statement.setString(1, sourceRegion.name());
                statement.setLong(2, afterId);
                statement.setString(3, table.database());
                statement.setString(4, table.table());
                List<ReplicationEvent> events = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        events.add(new ReplicationEvent(result.getLong("id"), event(result)));
                    }
                }
                return events;
            }
        });
    }

    /** The VERIFIED files of each of {@code jobIds} that has any, with the version folder the job wrote. */
    public Map<Long, VerifiedCopy> verifiedCopies(Collection<Long> jobIds) {
        List<Long> ids = List.copyOf(new LinkedHashSet<>(jobIds));
        Map<Long, String> locations = new HashMap<>();
        Map<Long, Map<String, VerifiedFile>> files = new HashMap<>();
        for (int from = 0; from < ids.size(); from += JOBS_PER_QUERY) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + JOBS_PER_QUERY));
            transactions.withConnection("read the verified files of " + chunk.size() + " job(s)",
                    connection -> readVerified(connection, chunk, locations, files));
        }
        Map<Long, VerifiedCopy> copies = new HashMap<>();
        files.forEach((id, byPath) -> copies.put(id, new VerifiedCopy(id, locations.get(id), byPath)));
        return copies;
    }

    private static Void readVerified(Connection connection, List<Long> chunk, Map<Long, String> locations,
            Map<Long, Map<String, VerifiedFile>> files) throws SQLException {
        String sql = String.format(VERIFIED_FILES, chunk.stream().map(id -> "?").collect(Collectors.joining(", ")));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < chunk.size(); i++) {
                statement.setLong(i + 1, chunk.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    long id = result.getLong(1);
                    locations.put(id, result.getString(2));
                    files.computeIfAbsent(id, ignored -> new HashMap<>()).put(result.getString(3),
                            new VerifiedFile(result.getLong(4), result.getLong(5), result.getString(6)));
                }
            }
        }
        return null;
    }

    private CapturedEvent event(ResultSet row) throws SQLException {
        return JdbcEventLog.toEvent(row, json);
    }

    private static String settledStates() {
        return Arrays.stream(JobState.values()).filter(JobState::isSettled)
                .map(state -> "'" + state.name() + "'").collect(Collectors.joining(", "));
    }
}
