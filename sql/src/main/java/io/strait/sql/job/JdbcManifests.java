package io.strait.sql.job;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.error.StraitException;
import io.strait.common.job.JobPlan;
import io.strait.common.json.StraitJson;
import io.strait.sql.ColumnLimits;
import io.strait.sql.Transactions;
import io.strait.sql.job.ManifestFiles.ManifestFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plans, copy tasks and file manifests of jobs: the plan half of {@link JdbcJobStore}. */
final class JdbcManifests {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcManifests.class);
    private static final String TASK_VERIFIED = "VERIFIED";
    private static final String TASK_FAILED = "FAILED";

    private final Transactions transactions;
    private final Clock clock;
    private final StraitJson json;

    JdbcManifests(Transactions transactions, Clock clock, StraitJson json) {
        this.transactions = transactions;
        this.clock = clock;
        this.json = json;
    }

    /** Replaces the job's plan, copy tasks and manifest (a retry plans again into a new version folder). */
    void savePlan(long jobId, JobPlan plan, List<CopyTask> tasks) {
        List<ManifestFile> files = manifestOf(jobId, plan, tasks);
        transactions.inTransaction("save the plan of job " + jobId, connection -> {
            long now = clock.millis();
            writePlanJson(connection, jobId, plan, now);
            deleteManifest(connection, jobId);
            insertTasks(connection, tasks, now);
            insertFiles(connection, jobId, files, now);
            return null;
        });
        LOG.debug("job {} planned: {} file(s), {} byte(s), {} copy task(s), target {}", jobId, files.size(),
                plan.totalBytes(), tasks.size(), plan.targetDirectory());
    }

    Optional<JobPlan> plan(long jobId) {
        return transactions.withConnection("read the plan of job " + jobId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(JobSql.READ_PLAN)) {
                statement.setLong(1, jobId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.<String>empty();
                }
            }
        }).map(planJson -> json.read(planJson, JobPlan.class));
    }

    void recordCopyResult(CopyTaskResult result) {
        String taskState = result.allVerified() ? TASK_VERIFIED : TASK_FAILED;
        transactions.inTransaction("record the copy result of job " + result.jobId() + " task " + result.taskIndex(),
                connection -> {
                    long now = clock.millis();
                    recordFiles(connection, result, now);
                    recordTask(connection, result, taskState, now);
                    return null;
                });
        LOG.debug("job {} task {} copied: {} file(s), {} byte(s) verified, task {}", result.jobId(),
                result.taskIndex(), result.files().size(), result.bytesVerified(), taskState);
    }

    List<FileCopyResult> fileResults(long jobId) {
        return transactions.withConnection("read the file results of job " + jobId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(JobSql.FILE_RESULTS)) {
                statement.setLong(1, jobId);
                List<FileCopyResult> results = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        results.add(fileResult(rows));
                    }
                }
                return results;
            }
        });
    }

    private static List<ManifestFile> manifestOf(long jobId, JobPlan plan, List<CopyTask> tasks) {
        try {
            ManifestFiles.requireTasksOf(jobId, tasks);
            return ManifestFiles.of(plan, tasks);
        } catch (IllegalArgumentException e) {
            throw StraitException.internal("Cannot save the plan of job " + jobId + ": " + e.getMessage()
                    + "; the copy tasks must split the plan's files between distinct task indexes");
        }
    }

    private void writePlanJson(Connection connection, long jobId, JobPlan plan, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(JobSql.SAVE_PLAN)) {
            statement.setString(1, json.write(plan));
            statement.setLong(2, now);
            statement.setLong(3, jobId);
            if (statement.executeUpdate() == 0) {
                throw StraitException.internal("Cannot save the plan of job " + jobId + ": there is no such job");
            }
        }
    }

    /**
     * Removes an earlier plan's manifest and tasks. Skipped when there is none (the first attempt): a DELETE that
     * matches nothing still takes gap locks under REPEATABLE READ, which made concurrent first plans deadlock.
     */
    private static void deleteManifest(Connection connection, long jobId) throws SQLException {
        if (!hasTasks(connection, jobId)) {
            return;
        }
        for (String delete : List.of(JobSql.DELETE_MANIFEST, JobSql.DELETE_TASKS)) {
            try (PreparedStatement statement = connection.prepareStatement(delete)) {
                statement.setLong(1, jobId);
                statement.executeUpdate();
            }
        }
    }

    private static boolean hasTasks(Connection connection, long jobId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(JobSql.HAS_PLANNED_FILES)) {
            statement.setLong(1, jobId);
            statement.setLong(2, jobId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void insertTasks(Connection connection, List<CopyTask> tasks, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(JobSql.INSERT_TASK)) {
            for (CopyTask task : tasks) {
                statement.setLong(1, task.jobId());
                statement.setInt(2, task.taskIndex());
                statement.setInt(3, task.files().size());
                statement.setLong(4, task.totalBytes());
                statement.setLong(5, now);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void insertFiles(Connection connection, long jobId, List<ManifestFile> files, long now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(JobSql.INSERT_FILE)) {
            for (ManifestFile row : files) {
                statement.setLong(1, jobId);
                statement.setInt(2, row.taskIndex());
                statement.setString(3, row.file().relativePath());
                statement.setLong(4, row.file().sizeBytes());
                statement.setLong(5, row.file().modificationTimeMillis());
                statement.setLong(6, now);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void recordFiles(Connection connection, CopyTaskResult result, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(JobSql.RECORD_FILE)) {
            for (FileCopyResult file : result.files()) {
                statement.setLong(1, file.sizeBytes());
                statement.setString(2, file.sourceChecksum());
                statement.setString(3, file.targetChecksum());
                statement.setString(4, file.verification().name());
                statement.setString(5, ColumnLimits.fit(file.detail(), ColumnLimits.TEXT));
                statement.setLong(6, now);
                statement.setLong(7, result.jobId());
                statement.setInt(8, result.taskIndex());
                statement.setString(9, file.relativePath());
                statement.addBatch();
            }
            requireEachUpdated(statement.executeBatch(), result);
        }
    }

    private static void requireEachUpdated(int[] counts, CopyTaskResult result) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw StraitException.internal("Cannot record the copy result of job " + result.jobId() + " task "
                        + result.taskIndex() + ": file " + result.files().get(i).relativePath()
                        + " is not in that task's manifest (was the job planned again?)");
            }
        }
    }

    private static void recordTask(Connection connection, CopyTaskResult result, String taskState, long now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(JobSql.RECORD_TASK)) {
            statement.setString(1, taskState);
            statement.setLong(2, now);
            statement.setLong(3, result.jobId());
            statement.setInt(4, result.taskIndex());
            if (statement.executeUpdate() == 0) {
                throw StraitException.internal("Cannot record the copy result of job " + result.jobId() + ": it has"
                        + " no copy task " + result.taskIndex() + " (was the job planned again?)");
            }
        }
    }

    private static FileCopyResult fileResult(ResultSet row) throws SQLException {
        FileVerification verification = FileVerification.valueOf(row.getString("verification"));
        long size = verification == FileVerification.PENDING ? row.getLong("size_bytes") : row.getLong("bytes_copied");
        return new FileCopyResult(row.getString("relative_path"), size, row.getString("source_checksum"),
                row.getString("target_checksum"), verification, row.getString("detail"));
    }
}
