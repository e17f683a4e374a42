package io.strait.sql.housekeeping;

import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.ObjectRef;
import io.strait.common.json.StraitJson;
import io.strait.sql.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What housekeeping of version folders reads from the state store: the jobs that write version folders
 * ({@code SYNC_PARTITION}, {@code SYNC_TABLE}) and the drops that take them out of use, of the given links, with
 * their state, version folder and commit and last-change times. Read in one statement (one consistent snapshot).
 */
public final class JdbcVersionFolderJobs {
    private static final String JOBS = "SELECT id, link, kind, db_name, table_name, partition_values, state,"
            + " target_location, committed_at_ms, updated_at_ms FROM replication_job WHERE kind IN ('SYNC_PARTITION',"
            + " 'SYNC_TABLE', 'DROP_PARTITION', 'DROP_TABLE', 'DROP_DATABASE') ORDER BY id";

    private final Transactions transactions;
    private final StraitJson json = new StraitJson();

    public JdbcVersionFolderJobs(DataSource dataSource) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** One job as housekeeping of version folders sees it. */
    public record JobRecord(long id, String link, JobKind kind, ObjectRef object, JobState state,
            String targetLocation, long committedAtMillis, long updatedAtMillis) {
    }

    /** The jobs of {@code links} that write or drop data versions, oldest first. */
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
                            rows.getLong("committed_at_ms"), rows.getLong("updated_at_ms")));
                }
            }
            return jobs;
        });
    }
}
