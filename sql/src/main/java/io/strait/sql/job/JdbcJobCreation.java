package io.strait.sql.job;

import io.strait.common.job.JobCoalescing;
import io.strait.common.job.JobDeadlines;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.sql.ColumnLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job creation for {@link JdbcJobStore}, inside the caller's transaction (which holds the link's cursor row): the
 * jobs are inserted a few hundred per statement with their creation rows, then each supersedes the older waiting
 * jobs of its object that it covers ({@link JobCoalescing}), in id order: the waiting jobs of the inserted jobs'
 * objects are read with one range read of the lock index per table. The cost per job does not grow with the link's
 * backlog.
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
            coalesce(connection, batch, batchIds, now);
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

    /**
     * Supersedes, for each job of {@code batch} in id order, the older waiting jobs of its object that it covers
     * ({@link JobCoalescing}): the waiting jobs of the batch's objects are read (and locked) with one range read of
     * the lock index per table, the rule is applied to them here, and the superseded jobs are moved in one batch.
     */
    private void coalesce(Connection connection, List<NewJob> batch, List<Long> ids, long now) throws SQLException {
        Map<List<String>, List<Integer>> byTable = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).kind() != JobKind.RENAME_TABLE) {
                ObjectRef object = batch.get(i).object();
                byTable.computeIfAbsent(List.of(object.database(), object.table()), table -> new ArrayList<>())
                        .add(i);
            }
        }
        List<Superseded> superseded = new ArrayList<>();
        for (List<Integer> indexes : byTable.values()) {
            Map<List<String>, List<Waiting>> waitingByObject = waiting(connection, batch, ids, indexes);
            for (int i : indexes) {
                NewJob job = batch.get(i);
                long id = ids.get(i);
                for (Waiting older : waitingByObject.getOrDefault(objectKey(job.object()), List.of())) {
                    if (older.id < id && !older.superseded
                            && JobCoalescing.coversSameObject(job.kind(), older.kind, older.state)) {
                        older.superseded = true;
                        superseded.add(new Superseded(older, id, job));
                    }
                }
            }
        }
        supersede(connection, superseded, now);
    }

    /** The waiting jobs of the objects of {@code batch}'s jobs at {@code indexes} (one table), by object key. */
    private Map<List<String>, List<Waiting>> waiting(Connection connection, List<NewJob> batch, List<Long> ids,
            List<Integer> indexes) throws SQLException {
        NewJob first = batch.get(indexes.get(0));
        Set<String> labels = new LinkedHashSet<>();
        long maxId = 0;
        for (int i : indexes) {
            labels.add(JobRows.partitionLabel(batch.get(i).object()));
            maxId = Math.max(maxId, ids.get(i));
        }
        Map<List<String>, List<Waiting>> byObject = new HashMap<>();
        String sql = JobSql.WAITING_ON_OBJECTS + String.join(", ", Collections.nCopies(labels.size(), "?"))
                + JobSql.WAITING_ON_OBJECTS_END;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            select.setString(index++, first.link());
            select.setString(index++, first.object().database());
            select.setString(index++, first.object().table());
            for (String label : labels) {
                select.setString(index++, label);
            }
            select.setLong(index, maxId);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Waiting waiting = new Waiting(result.getLong(1), result.getLong(2),
                            JobState.valueOf(result.getString(3)), JobKind.valueOf(result.getString(4)));
                    byObject.computeIfAbsent(List.of(result.getString(5), result.getString(6)),
                            key -> new ArrayList<>()).add(waiting);
                }
            }
        }
        return byObject;
    }

    private List<String> objectKey(ObjectRef object) {
        return List.of(JobRows.partitionLabel(object), rows.partitionValuesJson(object.partitionValues()));
    }

    /** Moves the superseded jobs to SUPERSEDED, each with its history row, in one batch of each statement. */
    private static void supersede(Connection connection, List<Superseded> superseded, long now)
            throws SQLException {
        if (superseded.isEmpty()) {
            return;
        }
        int[] updated;
        try (PreparedStatement update = connection.prepareStatement(JobSql.SUPERSEDE_PENDING)) {
            for (Superseded move : superseded) {
                update.setLong(1, now);
                update.setLong(2, move.older.id);
                update.setLong(3, move.older.version);
                update.addBatch();
            }
            updated = update.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(JobSql.INSERT_TRANSITION)) {
            for (int i = 0; i < superseded.size(); i++) {
                if (updated[i] != 1) {
                    // the rows were read with FOR UPDATE in this transaction: nothing else can have moved them
                    throw new SQLException("job " + superseded.get(i).older.id + " was not waiting at version "
                            + superseded.get(i).older.version + " though locked by this transaction");
                }
                Superseded move = superseded.get(i);
                insert.setLong(1, move.older.id);
                insert.setString(2, move.older.state.name());
                insert.setString(3, JobState.SUPERSEDED.name());
                insert.setLong(4, move.older.version + 1);
                insert.setString(5, ColumnLimits.fit("coalesced: job " + move.byId + " (" + move.by.kind()
                        + ", source event " + move.by.sourceEventId() + ") covers the same object",
                        ColumnLimits.REASON));
                insert.setLong(6, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        LOG.debug("link {}: {} waiting job(s) superseded by newer jobs of their objects", superseded.get(0).by.link(),
                superseded.size());
    }

    /** A waiting job of one of the new jobs' objects, as read under lock. */
    private static final class Waiting {
        final long id;
        final long version;
        final JobState state;
        final JobKind kind;
        boolean superseded;

        Waiting(long id, long version, JobState state, JobKind kind) {
            this.id = id;
            this.version = version;
            this.state = state;
            this.kind = kind;
        }
    }

    private record Superseded(Waiting older, long byId, NewJob by) {
    }

    private static String creationReason(NewJob job) {
        return switch (job.origin()) {
            case EVENT -> "created from event " + job.sourceEventId();
            case REPAIR -> "created by a repair at event position " + job.sourceEventId();
            case BOOTSTRAP -> "created by a bootstrap at event position " + job.sourceEventId();
        };
    }
}
