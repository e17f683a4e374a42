package io.strait.sql.job;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.copy.ReplicatedVersion;
import io.strait.common.copy.VerificationMethod;
import io.strait.common.error.StraitException;
import io.strait.common.job.JobPlan;
import io.strait.common.job.ObjectRef;
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
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans, copy tasks and file manifests of jobs: the plan half of {@link JdbcJobStore}. Each file's result records
 * whether it was sent across regions or reused from the object's previous version ({@code reused}, migration V9),
 * and the previous version of an object is read back for delta copies ({@link #lastReplicatedVersion}).
 */
final class JdbcManifests {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcManifests.class);
    private static final String TASK_VERIFIED = "VERIFIED";
    private static final String TASK_FAILED = "FAILED";
    private static final String RECORD_FILE = "UPDATE file_manifest SET bytes_copied = ?, source_checksum = ?,"
            + " target_checksum = ?, verification = ?, detail = ?, updated_at_ms = ?, reused = ?, verified_by = ?"
            + " WHERE job_id = ? AND task_index = ? AND path_hash = UNHEX(SHA2(?, 256))";
    private static final String FILE_RESULTS = "SELECT relative_path, size_bytes, bytes_copied, source_checksum,"
            + " target_checksum, verification, detail, reused, verified_by FROM file_manifest WHERE job_id = ?"
            + " ORDER BY id";
    /** The newest SUCCEEDED job of an object that published a version folder. */
    private static final String LAST_REPLICATED = "SELECT id, target_location FROM replication_job"
            + " WHERE link = ? AND db_name = ? AND table_name = ? AND partition_label = ? AND partition_values = ?"
            + " AND state = 'SUCCEEDED' AND target_location <> '' AND kind IN ('SYNC_PARTITION', 'SYNC_TABLE')"
            + " ORDER BY id DESC LIMIT 1";
    /**
     * Files of a manifest whose copy was verified with equal, known checksums on both sides, with the time their
     * result was recorded (after the target file was written and verified).
     */
    private static final String VERIFIED_FILES = "SELECT relative_path, size_bytes, modification_time_ms,"
            + " target_checksum, updated_at_ms FROM file_manifest WHERE job_id = ? AND verification = 'VERIFIED'"
            + " AND target_checksum <> '' AND target_checksum = source_checksum";

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
        PlanWrite write = planWrite(jobId, plan, tasks);
        transactions.inTransaction("save the plan of job " + jobId, connection -> {
            write.apply(connection, clock.millis());
            return null;
        });
        write.logSaved();
    }

    /**
     * The writes of {@link #savePlan}, to be applied in a transaction of the caller's (with the job's move to
     * COPYING, see {@code JdbcJobStore.savePlanAndMove}); the manifest is checked before any transaction starts.
     */
    PlanWrite planWrite(long jobId, JobPlan plan, List<CopyTask> tasks) {
        return new PlanWrite(jobId, plan, tasks, manifestOf(jobId, plan, tasks));
    }

    /** A plan, its copy tasks and its manifest, ready to be written. */
    final class PlanWrite {
        private final long jobId;
        private final JobPlan plan;
        private final List<CopyTask> tasks;
        private final List<ManifestFile> files;

        private PlanWrite(long jobId, JobPlan plan, List<CopyTask> tasks, List<ManifestFile> files) {
            this.jobId = jobId;
            this.plan = plan;
            this.tasks = tasks;
            this.files = files;
        }

        void apply(Connection connection, long now) throws SQLException {
            applyAll(connection, List.of(this), now);
        }

        void logSaved() {
            LOG.debug("job {} planned: {} file(s), {} byte(s), {} copy task(s), target {}", jobId, files.size(),
                    plan.totalBytes(), tasks.size(), plan.targetDirectory());
        }
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
                    writeCopyResults(connection, List.of(result), now);
                    return null;
                });
        LOG.debug("job {} task {} copied: {} file(s), {} byte(s) verified, task {}", result.jobId(),
                result.taskIndex(), result.files().size(), result.bytesVerified(), taskState);
    }

    /** The results of several tasks of one job, in one transaction. */
    void recordCopyResults(List<CopyTaskResult> results) {
        if (results.isEmpty()) {
            return;
        }
        transactions.inTransaction("record the copy results of job " + results.get(0).jobId() + " ("
                + results.size() + " task(s))", connection -> {
                    writeCopyResults(connection, results, clock.millis());
                    return null;
                });
        LOG.debug("job {}: {} task(s) recorded", results.get(0).jobId(), results.size());
    }

    /** The writes of {@link #recordCopyResults}, in a transaction of the caller's. */
    void writeCopyResults(Connection connection, List<CopyTaskResult> results, long now) throws SQLException {
        if (results.isEmpty()) {
            return;
        }
        recordFiles(connection, results, now);
        recordTasks(connection, results, now);
    }

    List<FileCopyResult> fileResults(long jobId) {
        return transactions.withConnection("read the file results of job " + jobId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(FILE_RESULTS)) {
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

    /**
     * The version of {@code object} that the newest SUCCEEDED data job of {@code link} published, with the VERIFIED
     * files of its manifest; empty when there is none.
     */
    Optional<ReplicatedVersion> lastReplicatedVersion(String link, ObjectRef object) {
        return transactions.withConnection("read the last replicated version of " + object + " (link " + link + ")",
                connection -> {
                    Optional<ReplicatedVersion> version = Optional.empty();
                    try (PreparedStatement statement = connection.prepareStatement(LAST_REPLICATED)) {
                        statement.setString(1, link);
                        statement.setString(2, object.database());
                        statement.setString(3, object.table());
                        statement.setString(4, String.join("/", object.partitionValues()));
                        statement.setString(5, json.write(object.partitionValues()));
                        try (ResultSet rows = statement.executeQuery()) {
                            if (rows.next()) {
                                version = Optional.of(new ReplicatedVersion(rows.getLong(1), rows.getString(2),
                                        List.of()));
                            }
                        }
                    }
                    if (version.isEmpty()) {
                        return version;
                    }
                    return Optional.of(new ReplicatedVersion(version.get().jobId(), version.get().targetDirectory(),
                            verifiedFiles(connection, version.get().jobId())));
                });
    }

    private static List<ReplicatedVersion.VerifiedFile> verifiedFiles(Connection connection, long jobId)
            throws SQLException {
        List<ReplicatedVersion.VerifiedFile> files = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(VERIFIED_FILES)) {
            statement.setLong(1, jobId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    files.add(new ReplicatedVersion.VerifiedFile(rows.getString(1), rows.getLong(2), rows.getLong(3),
                            rows.getString(4), rows.getLong(5)));
                }
            }
        }
        return files;
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

    /**
     * The plans, tasks and manifests of several jobs, in the caller's transaction, a batch per statement: every
     * plan, then the earlier plans' manifests and tasks removed where a job has them (a retry), then every task and
     * every file.
     */
    void applyAll(Connection connection, List<PlanWrite> writes, long now) throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        writePlanJson(connection, writes, now);
        deleteEarlierManifests(connection, writes);
        insertTasks(connection, writes, now);
        insertFiles(connection, writes, now);
    }

    private void writePlanJson(Connection connection, List<PlanWrite> writes, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(JobSql.SAVE_PLAN)) {
            for (PlanWrite write : writes) {
                statement.setString(1, json.write(write.plan));
                statement.setLong(2, now);
                statement.setLong(3, write.jobId);
                statement.addBatch();
            }
            int[] counts = statement.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw StraitException.internal("Cannot save the plan of job " + writes.get(i).jobId
                            + ": there is no such job");
                }
            }
        }
    }

    /**
     * Removes earlier plans' manifests and tasks. Only for the jobs that have some (a retry; one plain read finds
     * them): a DELETE that matches nothing still takes gap locks under REPEATABLE READ, which made concurrent first
     * plans deadlock.
     */
    private static void deleteEarlierManifests(Connection connection, List<PlanWrite> writes) throws SQLException {
        for (long jobId : jobsWithPlannedFiles(connection, writes)) {
            for (String delete : List.of(JobSql.DELETE_MANIFEST, JobSql.DELETE_TASKS)) {
                try (PreparedStatement statement = connection.prepareStatement(delete)) {
                    statement.setLong(1, jobId);
                    statement.executeUpdate();
                }
            }
        }
    }

    private static Set<Long> jobsWithPlannedFiles(Connection connection, List<PlanWrite> writes)
            throws SQLException {
        String ids = String.join(", ", Collections.nCopies(writes.size(), "?"));
        Set<Long> found = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(JobSql.JOBS_WITH_PLANNED_FILES
                .replace("{ids}", ids))) {
            int index = 1;
            for (int copy = 0; copy < 2; copy++) {
                for (PlanWrite write : writes) {
                    statement.setLong(index++, write.jobId);
                }
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getLong(1));
                }
            }
        }
        return found;
    }

    private static void insertTasks(Connection connection, List<PlanWrite> writes, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(JobSql.INSERT_TASK)) {
            for (PlanWrite write : writes) {
                for (CopyTask task : write.tasks) {
                    statement.setLong(1, task.jobId());
                    statement.setInt(2, task.taskIndex());
                    statement.setInt(3, task.files().size());
                    statement.setLong(4, task.totalBytes());
                    statement.setLong(5, now);
                    statement.addBatch();
                }
            }
            statement.executeBatch();
        }
    }

    private static void insertFiles(Connection connection, List<PlanWrite> writes, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(JobSql.INSERT_FILE)) {
            for (PlanWrite write : writes) {
                for (ManifestFile row : write.files) {
                    statement.setLong(1, write.jobId);
                    statement.setInt(2, row.taskIndex());
                    statement.setString(3, row.file().relativePath());
                    statement.setLong(4, row.file().sizeBytes());
                    statement.setLong(5, row.file().modificationTimeMillis());
                    statement.setLong(6, now);
                    statement.addBatch();
                }
            }
            statement.executeBatch();
        }
    }

    /** Every file of {@code results} (of one job or several), in one batch. */
    private static void recordFiles(Connection connection, List<CopyTaskResult> results, long now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RECORD_FILE)) {
            for (CopyTaskResult result : results) {
                for (FileCopyResult file : result.files()) {
                    statement.setLong(1, file.sizeBytes());
                    statement.setString(2, file.sourceChecksum());
                    statement.setString(3, file.targetChecksum());
                    statement.setString(4, file.verification().name());
                    statement.setString(5, ColumnLimits.fit(file.detail(), ColumnLimits.TEXT));
                    statement.setLong(6, now);
                    statement.setBoolean(7, file.reused());
                    statement.setString(8, file.verification() == FileVerification.VERIFIED
                            && file.verifiedBy() != null ? file.verifiedBy().name() : "");
                    statement.setLong(9, result.jobId());
                    statement.setInt(10, result.taskIndex());
                    statement.setString(11, file.relativePath());
                    statement.addBatch();
                }
            }
            requireEachUpdated(statement.executeBatch(), results);
        }
    }

    private static void requireEachUpdated(int[] counts, List<CopyTaskResult> results) {
        int i = 0;
        for (CopyTaskResult result : results) {
            for (FileCopyResult file : result.files()) {
                if (counts[i++] == 0) {
                    throw StraitException.internal("Cannot record the copy result of job " + result.jobId()
                            + " task " + result.taskIndex() + ": file " + file.relativePath()
                            + " is not in that task's manifest (was the job planned again?)");
                }
            }
        }
    }

    /** Every task of {@code results} as verified or failed by its files, in one batch. */
    private static void recordTasks(Connection connection, List<CopyTaskResult> results, long now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(JobSql.RECORD_TASK)) {
            for (CopyTaskResult result : results) {
                bindTask(statement, result, result.allVerified() ? TASK_VERIFIED : TASK_FAILED, now);
                statement.addBatch();
            }
            int[] counts = statement.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw missingTask(results.get(i));
                }
            }
        }
    }

    private static void bindTask(PreparedStatement statement, CopyTaskResult result, String taskState, long now)
            throws SQLException {
        statement.setString(1, taskState);
        statement.setLong(2, now);
        statement.setLong(3, result.jobId());
        statement.setInt(4, result.taskIndex());
    }

    private static RuntimeException missingTask(CopyTaskResult result) {
        return StraitException.internal("Cannot record the copy result of job " + result.jobId() + ": it has"
                + " no copy task " + result.taskIndex() + " (was the job planned again?)");
    }

    private static FileCopyResult fileResult(ResultSet row) throws SQLException {
        FileVerification verification = FileVerification.valueOf(row.getString("verification"));
        long size = verification == FileVerification.PENDING ? row.getLong("size_bytes") : row.getLong("bytes_copied");
        String verifiedBy = row.getString("verified_by");
        return new FileCopyResult(row.getString("relative_path"), size, row.getString("source_checksum"),
                row.getString("target_checksum"), verification, row.getString("detail"), row.getBoolean("reused"),
                verifiedBy.isEmpty() ? null : VerificationMethod.valueOf(verifiedBy));
    }
}
