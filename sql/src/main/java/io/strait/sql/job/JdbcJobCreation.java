package io.strait.sql.job;

import io.strait.common.job.JobDeadlines;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.NewJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job creation for {@link JdbcJobStore}, inside the caller's transaction (which holds the link's cursor row): the
 * jobs are inserted a few hundred per statement with their creation rows, then each supersedes the older waiting
 * jobs of its object that it covers ({@link io.strait.common.job.JobCoalescing}'s rule in SQL), in id order, by an
 * exact-key lookup on the lock index. The cost per job does not grow with the link's backlog.
 */
final class JdbcJobCreation {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcJobCreation.class);
    /** Jobs per multi-row INSERT. */
    private static final int BATCH = 250;
    private static final String JOB_VALUES = "(?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, 0, '', '', ?, ?, 0, ?, ?, ?, ?)";
    private static final String TRANSITION_VALUES = "(?, NULL, 'PENDING', 0, ?, ?)";

    private final JobRows rows;
    private final JobDeadlines deadlines;

    JdbcJobCreation(JobRows rows, JobDeadlines deadlines) {
        this.rows = rows;
        this.deadlines = deadlines;
    }

    /** Creates {@code jobs} in order; returns their ids, in the order of {@code jobs}. */
    List<Long> create(Connection connection, List<NewJob> jobs, long now) throws SQLException {
        List<Long> ids = new ArrayList<>(jobs.size());
        for (int from = 0; from < jobs.size(); from += BATCH) {
            List<NewJob> batch = jobs.subList(from, Math.min(jobs.size(), from + BATCH));
            List<Long> batchIds = insert(connection, batch, now);
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).kind() != JobKind.RENAME_TABLE) {
                    coalesce(connection, batch.get(i), batchIds.get(i), now);
                }
            }
            ids.addAll(batchIds);
        }
        return ids;
    }

    private List<Long> insert(Connection connection, List<NewJob> batch, long now) throws SQLException {
        List<Long> ids = new ArrayList<>(batch.size());
        String sql = JobSql.INSERT_JOBS + String.join(", ", Collections.nCopies(batch.size(), JOB_VALUES));
        try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            int index = 1;
            for (NewJob job : batch) {
                insert.setString(index++, job.link());
                insert.setString(index++, job.kind().name());
                insert.setString(index++, job.object().database());
                insert.setString(index++, job.object().table());
                insert.setString(index++, rows.partitionValuesJson(job.object().partitionValues()));
                insert.setString(index++, JobRows.partitionLabel(job.object()));
                insert.setLong(index++, job.sourceEventId());
                insert.setLong(index++, job.sourceCapturedAtMillis());
                insert.setLong(index++, now);
                insert.setLong(index++, now);
                insert.setString(index++, job.origin().name());
                insert.setLong(index++, deadlines.deadline(job.link(), job.sourceCapturedAtMillis()));
                insert.setString(index++, job.renamedFrom() == null ? "" : job.renamedFrom().database());
                insert.setString(index++, job.renamedFrom() == null ? "" : job.renamedFrom().table());
            }
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
        }
        if (ids.size() != batch.size()) {
            throw new SQLException("inserted " + batch.size() + " jobs but got " + ids.size() + " ids back");
        }
        String transitions = JobSql.INSERT_TRANSITIONS
                + String.join(", ", Collections.nCopies(batch.size(), TRANSITION_VALUES));
        try (PreparedStatement insert = connection.prepareStatement(transitions)) {
            int index = 1;
            for (int i = 0; i < batch.size(); i++) {
                insert.setLong(index++, ids.get(i));
                insert.setString(index++, creationReason(batch.get(i)));
                insert.setLong(index++, now);
            }
            insert.executeUpdate();
        }
        return ids;
    }

    /** Supersedes the older waiting jobs of {@code job}'s object that it covers (coalescing). */
    private void coalesce(Connection connection, NewJob job, long id, long now) throws SQLException {
        List<long[]> covered = new ArrayList<>();
        List<JobState> coveredStates = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                job.kind().isDrop() ? JobSql.COVERED_BY_DROP : JobSql.COVERED_BY_SYNC)) {
            select.setString(1, job.link());
            select.setString(2, job.object().database());
            select.setString(3, job.object().table());
            select.setString(4, JobRows.partitionLabel(job.object()));
            select.setString(5, rows.partitionValuesJson(job.object().partitionValues()));
            select.setLong(6, id);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    covered.add(new long[] {result.getLong(1), result.getLong(2)});
                    coveredStates.add(JobState.valueOf(result.getString(3)));
                }
            }
        }
        for (int i = 0; i < covered.size(); i++) {
            long[] older = covered.get(i);
            try (PreparedStatement update = connection.prepareStatement(JobSql.SUPERSEDE_PENDING)) {
                update.setLong(1, now);
                update.setLong(2, older[0]);
                update.setLong(3, older[1]);
                if (update.executeUpdate() == 1) {
                    JdbcJobStore.insertTransition(connection, older[0], coveredStates.get(i), JobState.SUPERSEDED,
                            older[1] + 1, "coalesced: job " + id + " (" + job.kind() + ", source event "
                                    + job.sourceEventId() + ") covers the same object", now);
                }
            }
        }
        if (!covered.isEmpty()) {
            LOG.debug("link {}: job {} supersedes {} waiting job(s) of {}", job.link(), id, covered.size(),
                    job.object());
        }
    }

    private static String creationReason(NewJob job) {
        return switch (job.origin()) {
            case EVENT -> "created from event " + job.sourceEventId();
            case REPAIR -> "created by a repair at event position " + job.sourceEventId();
            case BOOTSTRAP -> "created by a bootstrap at event position " + job.sourceEventId();
        };
    }
}
