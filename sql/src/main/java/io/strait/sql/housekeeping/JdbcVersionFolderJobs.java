package io.strait.sql.housekeeping;

import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.ObjectRef;
import io.strait.common.json.StraitJson;
import io.strait.common.metastore.TableRef;
import io.strait.sql.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What housekeeping of version folders reads from the state store: the jobs that write version folders
 * ({@code SYNC_PARTITION}, {@code SYNC_TABLE}), the drops that take them out of use and the renames that move them
 * to another table name (in place: the folders stay), of the given links, with
 * their state, version folder and commit and last-change times. Read in one statement (one consistent snapshot).
 */
public final class JdbcVersionFolderJobs {
    private static final String JOBS = "SELECT id, link, kind, db_name, table_name, partition_values, state,"
            + " target_location, committed_at_ms, updated_at_ms, renamed_from_db, renamed_from_table"
            + " FROM replication_job WHERE kind IN ('SYNC_PARTITION', 'SYNC_TABLE', 'DROP_PARTITION', 'DROP_TABLE',"
            + " 'DROP_DATABASE', 'RENAME_TABLE') ORDER BY id";

    private final Transactions transactions;
    private final StraitJson json = new StraitJson();

    public JdbcVersionFolderJobs(DataSource dataSource) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * One job as housekeeping of version folders sees it; {@code renamedFrom} is a RENAME_TABLE job's previous name
     * (its version folders stay in use under the new name), null for every other kind.
     */
    public record JobRecord(long id, String link, JobKind kind, ObjectRef object, JobState state,
            String targetLocation, long committedAtMillis, long updatedAtMillis, TableRef renamedFrom) {
    }

    /** The jobs of {@code links} that write, drop or rename data versions, oldest first. */
    public List<JobRecord> jobs(List<String> links) {
        return transactions.withConnection("read the jobs of links " + links + " for housekeeping", connection -> {
            List<JobRecord> jobs = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(JOBS);
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String link = rows.getString("link");
                    if (!links.contains(link)) {
                        continue;
                    }
                    ObjectRef object = new ObjectRef(rows.getString("db_name"), rows.getString("table_name"),
                            List.of(json.read(rows.getString("partition_values"), String[].class)));
                    jobs.add(new JobRecord(rows.getLong("id"), link, JobKind.valueOf(rows.getString("kind")), object,
                            JobState.valueOf(rows.getString("state")), rows.getString("target_location"),
                            rows.getLong("committed_at_ms"), rows.getLong("updated_at_ms"),
                            rows.getString("renamed_from_table").isEmpty() ? null
                                    : new TableRef(rows.getString("renamed_from_db"),
                                            rows.getString("renamed_from_table"))));
                }
            }
            return jobs;
        });
    }
}
