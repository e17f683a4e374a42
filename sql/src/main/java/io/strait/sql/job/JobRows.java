package io.strait.sql.job;

import io.strait.common.job.JobKind;
import io.strait.common.job.JobOrigin;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransition;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.json.StraitJson;
import io.strait.common.metastore.TableRef;
import io.strait.sql.ColumnLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rows of {@code replication_job} and {@code job_transition}: maps them to values (partition values to JSON), reads
 * jobs by id or by a statement, and writes one transition row.
 */
final class JobRows {
    private final StraitJson json;

    JobRows(StraitJson json) {
        this.json = json;
    }

    ReplicationJob job(ResultSet row) throws SQLException {
        ObjectRef object = new ObjectRef(row.getString("db_name"), row.getString("table_name"),
                partitionValues(row.getString("partition_values")));
        return new ReplicationJob(row.getLong("id"), row.getString("link"), JobKind.valueOf(row.getString("kind")),
                object, JobState.valueOf(row.getString("state")), row.getLong("version"),
                row.getLong("source_event_id"), row.getLong("source_captured_at_ms"), row.getInt("attempts"),
                row.getString("target_location"), row.getString("last_error"), row.getLong("created_at_ms"),
                row.getLong("updated_at_ms"), row.getLong("committed_at_ms"),
                JobOrigin.valueOf(row.getString("origin")), renamedFrom(row));
    }

    Optional<ReplicationJob> findJob(Connection connection, long jobId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(JobSql.FIND_JOB)) {
            statement.setLong(1, jobId);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(job(result)) : Optional.empty();
            }
        }
    }

    /** The jobs a statement selecting {@link JobSql#JOB_COLUMNS} finds, in its order. */
    List<ReplicationJob> readJobs(PreparedStatement statement) throws SQLException {
        List<ReplicationJob> jobs = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                jobs.add(job(result));
            }
        }
        return jobs;
    }

    /** A rename's previous name, null for every other job. */
    private static TableRef renamedFrom(ResultSet row) throws SQLException {
        String table = row.getString("renamed_from_table");
        return table == null || table.isEmpty() ? null : new TableRef(row.getString("renamed_from_db"), table);
    }

    /** A transition row; {@code from} is null on the creation row. */
    JobTransition transition(ResultSet row) throws SQLException {
        String from = row.getString("from_state");
        return new JobTransition(row.getLong("job_id"), from == null ? null : JobState.valueOf(from),
                JobState.valueOf(row.getString("to_state")), row.getLong("new_version"), row.getString("reason"),
                row.getLong("at_ms"));
    }

    /** The history row of one move ({@code from} null: the creation row). */
    static void insertTransition(Connection connection, long jobId, JobState from, JobState to,
            long newVersion, String reason, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(JobSql.INSERT_TRANSITION)) {
            insert.setLong(1, jobId);
            insert.setString(2, from == null ? null : from.name());
            insert.setString(3, to.name());
            insert.setLong(4, newVersion);
            insert.setString(5, ColumnLimits.fit(reason, ColumnLimits.REASON));
            insert.setLong(6, now);
            insert.executeUpdate();
        }
    }

    String partitionValuesJson(List<String> values) {
        return json.write(values);
    }

    List<String> partitionValues(String valuesJson) {
        return List.of(json.read(valuesJson, String[].class));
    }

    /** The partition values joined by '/', for people reading the table. */
    static String partitionLabel(ObjectRef object) {
        return String.join("/", object.partitionValues());
    }
}
