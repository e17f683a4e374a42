package io.strait.sql.job;

import io.strait.common.capture.EventOrderKey;
import io.strait.common.capture.ObjectOrder;
import io.strait.common.job.ObjectRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The planner's progress beyond its id cursor, for {@link JdbcJobStore}: the per-listener-instance cursors
 * ({@code planner_instance_cursor}) and the newest event planned per object ({@code planned_object_order}), written
 * in the transaction that creates the jobs.
 */
final class JdbcPlannerProgress {
    private static final String READ_CURSORS = "SELECT instance_id, seq FROM planner_instance_cursor WHERE link = ?";
    private static final String WRITE_CURSOR = "INSERT INTO planner_instance_cursor (link, instance_id, seq,"
            + " updated_at_ms) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE seq = GREATEST(seq, VALUES(seq)),"
            + " updated_at_ms = VALUES(updated_at_ms)";
    private static final String DELETE_CURSOR = "DELETE FROM planner_instance_cursor WHERE link = ? AND instance_id = ?";
    private static final String READ_ORDER = "SELECT object_hash, notification_id, object_version, captured_at_ms,"
            + " event_id, source_position FROM planned_object_order WHERE link = ? AND object_hash IN (";
    private static final String WRITE_ORDER = "INSERT INTO planned_object_order (link, object_hash, object_name,"
            + " notification_id, object_version, captured_at_ms, event_id, source_position, planned_at_ms)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE notification_id = VALUES(notification_id),"
            + " object_version = VALUES(object_version), captured_at_ms = VALUES(captured_at_ms),"
            + " event_id = VALUES(event_id), source_position = VALUES(source_position),"
            + " planned_at_ms = VALUES(planned_at_ms)";
    private static final int CHUNK = 500;

    private final JobRows rows;

    JdbcPlannerProgress(JobRows rows) {
        this.rows = rows;
    }

    static Map<String, Long> instanceCursors(Connection connection, String link) throws SQLException {
        Map<String, Long> cursors = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(READ_CURSORS)) {
            statement.setString(1, link);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    cursors.put(result.getString(1), result.getLong(2));
                }
            }
        }
        return cursors;
    }

    /**
     * Makes {@code cursors} the link's instance cursors: moves each forward and deletes those the reader dropped
     * (instances long stopped whose events were all taken).
     */
    static void moveInstanceCursors(Connection connection, String link, Map<String, Long> cursors, long now)
            throws SQLException {
        for (String dropped : instanceCursors(connection, link).keySet()) {
            if (!cursors.containsKey(dropped)) {
                try (PreparedStatement statement = connection.prepareStatement(DELETE_CURSOR)) {
                    statement.setString(1, link);
                    statement.setString(2, dropped);
                    statement.executeUpdate();
                }
            }
        }
        if (cursors.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(WRITE_CURSOR)) {
            for (Map.Entry<String, Long> cursor : cursors.entrySet()) {
                statement.setString(1, link);
                statement.setString(2, cursor.getKey());
                statement.setLong(3, cursor.getValue());
                statement.setLong(4, now);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    Map<ObjectRef, ObjectOrder.Planned> plannedOrder(Connection connection, String link,
            Collection<ObjectRef> objects) throws SQLException {
        Map<String, ObjectRef> byHash = new HashMap<>();
        objects.forEach(object -> byHash.put(hash(object), object));
        Map<ObjectRef, ObjectOrder.Planned> found = new HashMap<>();
        List<String> hashes = new ArrayList<>(byHash.keySet());
        for (int from = 0; from < hashes.size(); from += CHUNK) {
            List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + CHUNK));
            String sql = READ_ORDER + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, link);
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + 2, chunk.get(i));
                }
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        found.put(byHash.get(result.getString(1)), new ObjectOrder.Planned(new EventOrderKey(
                                result.getLong(2), result.getLong(3), result.getLong(4), result.getLong(5)),
                                result.getLong(6)));
                    }
                }
            }
        }
        return found;
    }

    void recordPlanned(Connection connection, String link, Map<ObjectRef, ObjectOrder.Planned> planned, long now)
            throws SQLException {
        if (planned.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(WRITE_ORDER)) {
            for (Map.Entry<ObjectRef, ObjectOrder.Planned> entry : planned.entrySet()) {
                EventOrderKey key = entry.getValue().key();
                statement.setString(1, link);
                statement.setString(2, hash(entry.getKey()));
                String name = entry.getKey().toString();
                statement.setString(3, name.length() > 1024 ? name.substring(0, 1024) : name);
                statement.setLong(4, key.notificationId());
                statement.setLong(5, key.objectVersion());
                statement.setLong(6, key.capturedAtMillis());
                statement.setLong(7, key.eventId());
                statement.setLong(8, entry.getValue().sourcePosition());
                statement.setLong(9, now);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private String hash(ObjectRef object) {
        String text = object.database() + '\0' + object.table() + '\0'
                + rows.partitionValuesJson(object.partitionValues());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
