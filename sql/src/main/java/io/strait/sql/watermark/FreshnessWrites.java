package io.strait.sql.watermark;

import io.strait.common.job.JobKind;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The freshness a succeeded job records, inside the caller's transaction (the job store's, so a job's success and
 * its freshness are one write): the table's watermark ({@code table_watermark}) and, for a partition job, the
 * partition's ({@code partition_watermark}). A watermark only moves forward: an older source event than the stored one
 * changes nothing. A dropped partition's row is deleted, and a dropped table's partition rows (unless a newer event
 * already wrote them). A renamed table's partition rows move to its new name: its partitions were renamed with it,
 * not copied again.
 */
public final class FreshnessWrites {
    /** Columns are assigned left to right: the commit time is decided before the event id changes. */
    private static final String TABLE_UPSERT_INTO = "INSERT INTO table_watermark (link, db_name, table_name,"
            + " last_source_event_id, last_committed_at_ms) VALUES ";
    private static final String TABLE_ROW = "(?, ?, ?, ?, ?)";
    private static final String TABLE_UPSERT_UPDATE = " ON DUPLICATE KEY UPDATE"
            + " last_committed_at_ms = CASE"
            + "   WHEN VALUES(last_source_event_id) > last_source_event_id THEN VALUES(last_committed_at_ms)"
            + "   WHEN VALUES(last_source_event_id) = last_source_event_id"
            + "     THEN GREATEST(last_committed_at_ms, VALUES(last_committed_at_ms))"
            + "   ELSE last_committed_at_ms END,"
            + " last_source_event_id = GREATEST(last_source_event_id, VALUES(last_source_event_id))";
    private static final String TABLE_UPSERT = TABLE_UPSERT_INTO + TABLE_ROW + TABLE_UPSERT_UPDATE;
    private static final String PARTITION_UPSERT_INTO = "INSERT INTO partition_watermark (link, db_name, table_name,"
            + " partition_hash, partition_values, partition_label, last_source_event_id, last_source_captured_at_ms,"
            + " last_committed_at_ms) VALUES ";
    private static final String PARTITION_ROW = "(?, ?, ?, UNHEX(SHA2(?, 256)), ?, ?, ?, ?, ?)";
    private static final String PARTITION_UPSERT_UPDATE = " ON DUPLICATE KEY UPDATE"
            + " last_committed_at_ms = CASE"
            + "   WHEN VALUES(last_source_event_id) > last_source_event_id THEN VALUES(last_committed_at_ms)"
            + "   WHEN VALUES(last_source_event_id) = last_source_event_id"
            + "     THEN GREATEST(last_committed_at_ms, VALUES(last_committed_at_ms))"
            + "   ELSE last_committed_at_ms END,"
            + " last_source_captured_at_ms = CASE"
            + "   WHEN VALUES(last_source_event_id) > last_source_event_id THEN VALUES(last_source_captured_at_ms)"
            + "   ELSE last_source_captured_at_ms END,"
            + " last_source_event_id = GREATEST(last_source_event_id, VALUES(last_source_event_id))";
    private static final String PARTITION_UPSERT = PARTITION_UPSERT_INTO + PARTITION_ROW + PARTITION_UPSERT_UPDATE;
    private static final String PARTITION_DROPPED = "DELETE FROM partition_watermark WHERE link = ? AND db_name = ?"
            + " AND table_name = ? AND partition_hash = UNHEX(SHA2(?, 256)) AND last_source_event_id <= ?";
    private static final String TABLE_DROPPED = "DELETE FROM partition_watermark WHERE link = ? AND db_name = ?"
            + " AND table_name = ? AND last_source_event_id <= ?";

    /** A row the new name already has (a newer event of it, in theory) is kept; the old name's is then dropped. */
    private static final String PARTITIONS_RENAMED = "UPDATE IGNORE partition_watermark SET db_name = ?,"
            + " table_name = ? WHERE link = ? AND db_name = ? AND table_name = ?";
    private static final String PARTITIONS_LEFT_UNDER_OLD_NAME = "DELETE FROM partition_watermark WHERE link = ?"
            + " AND db_name = ? AND table_name = ?";

    private FreshnessWrites() {
    }

    /**
     * Records what {@code job} (SUCCEEDED, its commit time set) applied; {@code partitionValuesJson} is its partition
     * values as the state store writes them (a JSON array). A database job records nothing.
     */
    public static void recordSuccess(Connection connection, ReplicationJob job, String partitionValuesJson)
            throws SQLException {
        ObjectRef object = job.object();
        if (object.level() == ObjectRef.Level.DATABASE) {
            return;
        }
        recordTable(connection, job.link(), object.tableRef(), job.sourceEventId(), job.committedAtMillis());
        if (job.kind() == JobKind.DROP_TABLE) {
            delete(connection, TABLE_DROPPED, job, null);
        } else if (job.kind() == JobKind.RENAME_TABLE) {
            movePartitions(connection, job.link(), job.renamedFrom(), object.tableRef());
        } else if (object.level() == ObjectRef.Level.PARTITION && job.kind() == JobKind.DROP_PARTITION) {
            delete(connection, PARTITION_DROPPED, job, partitionValuesJson);
        } else if (object.level() == ObjectRef.Level.PARTITION) {
            try (PreparedStatement statement = connection.prepareStatement(PARTITION_UPSERT)) {
                statement.setString(1, job.link());
                statement.setString(2, object.database());
                statement.setString(3, object.table());
                statement.setString(4, partitionValuesJson);
                statement.setString(5, partitionValuesJson);
                statement.setString(6, String.join("/", object.partitionValues()));
                statement.setLong(7, job.sourceEventId());
                statement.setLong(8, job.sourceCapturedAtMillis());
                statement.setLong(9, job.committedAtMillis());
                statement.executeUpdate();
            }
        }
    }

    /**
     * {@link #recordSuccess} for several succeeded jobs at once (a batch of job moves in one transaction), in the
     * order given: the tables' watermarks in one statement, the synced partitions' in another (rows of one statement
     * apply in order, as the statements one by one would), a drop's or rename's own writes per job.
     * {@code partitionValuesJson} gives each job's partition values as the state store writes them.
     */
    public static void recordSuccesses(Connection connection, List<ReplicationJob> jobs,
            Function<ReplicationJob, String> partitionValuesJson) throws SQLException {
        List<ReplicationJob> tables = jobs.stream()
                .filter(job -> job.object().level() != ObjectRef.Level.DATABASE).toList();
        List<ReplicationJob> partitions = tables.stream().filter(job -> job.object().level()
                == ObjectRef.Level.PARTITION && job.kind() != JobKind.DROP_PARTITION).toList();
        if (!tables.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(TABLE_UPSERT_INTO
                    + String.join(", ", Collections.nCopies(tables.size(), TABLE_ROW)) + TABLE_UPSERT_UPDATE)) {
                int index = 1;
                for (ReplicationJob job : tables) {
                    statement.setString(index++, job.link());
                    statement.setString(index++, job.object().database());
                    statement.setString(index++, job.object().table());
                    statement.setLong(index++, job.sourceEventId());
                    statement.setLong(index++, job.committedAtMillis());
                }
                statement.executeUpdate();
            }
        }
        for (ReplicationJob job : tables) {
            if (job.kind() == JobKind.DROP_TABLE) {
                delete(connection, TABLE_DROPPED, job, null);
            } else if (job.kind() == JobKind.RENAME_TABLE) {
                movePartitions(connection, job.link(), job.renamedFrom(), job.object().tableRef());
            } else if (job.object().level() == ObjectRef.Level.PARTITION && job.kind() == JobKind.DROP_PARTITION) {
                delete(connection, PARTITION_DROPPED, job, partitionValuesJson.apply(job));
            }
        }
        if (!partitions.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(PARTITION_UPSERT_INTO
                    + String.join(", ", Collections.nCopies(partitions.size(), PARTITION_ROW))
                    + PARTITION_UPSERT_UPDATE)) {
                int index = 1;
                for (ReplicationJob job : partitions) {
                    String values = partitionValuesJson.apply(job);
                    statement.setString(index++, job.link());
                    statement.setString(index++, job.object().database());
                    statement.setString(index++, job.object().table());
                    statement.setString(index++, values);
                    statement.setString(index++, values);
                    statement.setString(index++, String.join("/", job.object().partitionValues()));
                    statement.setLong(index++, job.sourceEventId());
                    statement.setLong(index++, job.sourceCapturedAtMillis());
                    statement.setLong(index++, job.committedAtMillis());
                }
                statement.executeUpdate();
            }
        }
    }

    /** Moves the watermark of {@code table} on {@code link} to {@code sourceEventId} unless it is already newer. */
    public static void recordTable(Connection connection, String link, TableRef table, long sourceEventId,
            long committedAtMillis) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TABLE_UPSERT)) {
            statement.setString(1, link);
            statement.setString(2, table.database());
            statement.setString(3, table.table());
            statement.setLong(4, sourceEventId);
            statement.setLong(5, committedAtMillis);
            statement.executeUpdate();
        }
    }

    private static void movePartitions(Connection connection, String link, TableRef from, TableRef to)
            throws SQLException {
        try (PreparedStatement move = connection.prepareStatement(PARTITIONS_RENAMED);
                PreparedStatement leftOver = connection.prepareStatement(PARTITIONS_LEFT_UNDER_OLD_NAME)) {
            move.setString(1, to.database());
            move.setString(2, to.table());
            move.setString(3, link);
            move.setString(4, from.database());
            move.setString(5, from.table());
            move.executeUpdate();
            leftOver.setString(1, link);
            leftOver.setString(2, from.database());
            leftOver.setString(3, from.table());
            leftOver.executeUpdate();
        }
    }

    private static void delete(Connection connection, String sql, ReplicationJob job, String partitionValuesJson)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            statement.setString(index++, job.link());
            statement.setString(index++, job.object().database());
            statement.setString(index++, job.object().table());
            if (partitionValuesJson != null) {
                statement.setString(index++, partitionValuesJson);
            }
            statement.setLong(index, job.sourceEventId());
            statement.executeUpdate();
        }
    }
}
