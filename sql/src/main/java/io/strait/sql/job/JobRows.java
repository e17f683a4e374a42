package io.strait.sql.job;

import io.strait.common.job.JobKind;
import io.strait.common.job.JobOrigin;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransition;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.json.StraitJson;
import io.strait.common.metastore.TableRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Maps rows of {@code replication_job} and {@code job_transition} to values, and partition values to JSON. */
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
