package io.strait.sql.event;

import io.strait.common.capture.SequenceRange;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventRows;
import io.strait.common.json.StraitJson;
import io.strait.common.region.RegionId;
import io.strait.sql.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The state store's side of the notification-log cross-check ({@code notification_cross_check}): how far a
 * region's notification log was checked, which notification ids the listeners recorded, and, in one transaction
 * with moving the progress, the events read back from the log ({@code hms_event}, no instance) and the ranges that
 * expired from it ({@code listener_event_loss}, repaired by a scan like any lost event).
 */
public final class JdbcNotificationCrossCheck {
    /** The instance name of the losses the cross-check records for {@code region}. */
    public static String lossInstance(RegionId region) {
        return "notification-log:" + region.name();
    }

    /** A range of notification ids that will never be read back, with the tables concerned (empty: unknown). */
    public record Loss(SequenceRange ids, List<String> tables, String reason) {
        public Loss {
            tables = List.copyOf(tables);
        }
    }

    private static final String PROGRESS = "SELECT checked_through FROM notification_cross_check WHERE region = ?";
    private static final String START = "INSERT IGNORE INTO notification_cross_check (region, checked_through,"
            + " updated_at_ms) VALUES (?, ?, ?)";
    private static final String ADVANCE = "UPDATE notification_cross_check SET checked_through = ?,"
            + " recovered = recovered + ?, updated_at_ms = ? WHERE region = ? AND checked_through = ?";
    private static final String OLDEST_RECORDED = "SELECT COALESCE(MIN(notification_id), 0) FROM hms_event"
            + " WHERE source_region = ? AND notification_id IS NOT NULL";
    private static final String RECORDED = "SELECT DISTINCT notification_id FROM hms_event WHERE source_region = ?"
            + " AND notification_id BETWEEN ? AND ?";
    private static final String LOSS = "INSERT IGNORE INTO listener_event_loss (instance_id, region, first_seq,"
            + " last_seq, tables, reason, detected_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final Transactions transactions;
    private final Clock clock;
    private final StraitJson json = new StraitJson();

    public JdbcNotificationCrossCheck(DataSource dataSource, Clock clock) {
        this.transactions = new Transactions(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How far the region's log was checked; empty before the first check. */
    public OptionalLong checkedThrough(RegionId region) {
        return transactions.withConnection("read the notification cross-check of " + region, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(PROGRESS)) {
                statement.setString(1, region.name());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    /**
     * Starts checking the region's log: after the oldest notification id its listeners recorded (the log before it
     * was written before Strait captured), or after {@code currentId} when none is recorded yet. Returns where.
     */
    public long start(RegionId region, long currentId) {
        return transactions.inTransaction("start the notification cross-check of " + region, connection -> {
            long oldest;
            try (PreparedStatement statement = connection.prepareStatement(OLDEST_RECORDED)) {
                statement.setString(1, region.name());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    oldest = rows.getLong(1);
                }
            }
            long from = oldest > 0 ? oldest - 1 : currentId;
            try (PreparedStatement statement = connection.prepareStatement(START)) {
                statement.setString(1, region.name());
                statement.setLong(2, from);
                statement.setLong(3, clock.millis());
                statement.executeUpdate();
            }
            return from;
        });
    }

    /** The notification ids in {@code first..last} the region's listeners recorded. */
    public Set<Long> recorded(RegionId region, long first, long last) {
        return transactions.withConnection("read the recorded notification ids of " + region, connection -> {
            Set<Long> ids = new HashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(RECORDED)) {
                statement.setString(1, region.name());
                statement.setLong(2, first);
                statement.setLong(3, last);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /**
     * Moves the progress from {@code expected} to {@code through}, appending {@code recovered} to the event log and
     * recording {@code losses}, in one transaction. False when another process moved it meanwhile (nothing
     * written).
     */
    public boolean settle(RegionId region, long expected, long through, List<CapturedEvent> recovered,
            List<Loss> losses) {
        return transactions.inTransaction("record the notification cross-check of " + region, connection -> {
            long now = clock.millis();
            try (PreparedStatement statement = connection.prepareStatement(ADVANCE)) {
                statement.setLong(1, through);
                statement.setInt(2, recovered.size());
                statement.setLong(3, now);
                statement.setString(4, region.name());
                statement.setLong(5, expected);
                if (statement.executeUpdate() != 1) {
                    return false;
                }
            }
            for (CapturedEvent event : recovered) {
                append(connection, event, now);
            }
            for (Loss loss : losses) {
                recordLoss(connection, region, loss, now);
            }
            return true;
        });
    }

    private void append(Connection connection, CapturedEvent event, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(EventRows.INSERT)) {
            List<Object> values = EventRows.insertValues(event, now, json);
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            statement.executeUpdate();
        }
    }

    private static void recordLoss(Connection connection, RegionId region, Loss loss, long now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOSS)) {
            statement.setString(1, lossInstance(region));
            statement.setString(2, region.name());
            statement.setLong(3, loss.ids().first());
            statement.setLong(4, loss.ids().last());
            statement.setString(5, String.join("\n", loss.tables()));
            statement.setString(6, loss.reason());
            statement.setLong(7, now);
            statement.executeUpdate();
        }
    }
}
