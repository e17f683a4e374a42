package io.strait.sql.job;

import io.strait.common.job.JobState;
import io.strait.common.job.ReplicationJob;
import io.strait.common.json.StraitJson;
import io.strait.common.metastore.TableRef;
import io.strait.sql.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Operators' job listing ({@code strait jobs}): a link's newest jobs, by state and by table. Read-only. */
public final class JdbcJobSearch {
    private final Transactions transactions;
    private final JobRows rows = new JobRows(new StraitJson());

    public JdbcJobSearch(DataSource dataSource) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * The newest jobs of {@code link}, newest first; only those in {@code state} and of {@code table} (its table and
     * partition jobs, not its database's, and the jobs that renamed it away) when given.
     */
    public List<ReplicationJob> search(String link, Optional<JobState> state, Optional<TableRef> table, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + JobSql.JOB_COLUMNS + " FROM replication_job WHERE link = ?");
        state.ifPresent(ignored -> sql.append(" AND state = ?"));
        table.ifPresent(ignored -> sql.append(" AND ((db_name = ? AND table_name = ?)"
                + " OR (renamed_from_db = ? AND renamed_from_table = ?))"));
        sql.append(" ORDER BY id DESC LIMIT ?");
        return transactions.withConnection("list the jobs of link " + link, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                int index = 1;
                statement.setString(index++, link);
                if (state.isPresent()) {
                    statement.setString(index++, state.get().name());
                }
                if (table.isPresent()) {
                    for (int name = 0; name < 2; name++) {
                        statement.setString(index++, table.get().database());
                        statement.setString(index++, table.get().table());
                    }
                }
                statement.setInt(index, limit);
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
}
