package io.strait.sql.listener;

import io.strait.sql.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Which lost events ({@code listener_event_loss}) a link still has to repair, and the record that it planned the
 * repair ({@code listener_event_loss_repair}).
 */
public final class JdbcLossRepairs {
    private static final String UNREPAIRED = "SELECT l.id, l.instance_id, l.region, l.first_seq, l.last_seq,"
            + " l.tables, l.reason, l.detected_at_ms FROM listener_event_loss l WHERE l.region = ? AND NOT EXISTS"
            + " (SELECT 1 FROM listener_event_loss_repair r WHERE r.loss_id = l.id AND r.link = ?) ORDER BY l.id";
    private static final String RECORD = "INSERT IGNORE INTO listener_event_loss_repair (loss_id, link, jobs,"
            + " planned_at_ms) VALUES (?, ?, ?, ?)";

    private final Transactions transactions;
    private final Clock clock;

    public JdbcLossRepairs(DataSource dataSource, Clock clock) {
        this.transactions = new Transactions(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The losses of {@code region} that {@code link} has not planned a repair for, oldest first. */
    public List<EventLoss> unrepaired(String link, String region) {
        return transactions.withConnection("read the lost events link " + link + " has to repair", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(UNREPAIRED)) {
                statement.setString(1, region);
                statement.setString(2, link);
                List<EventLoss> losses = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long last = rows.getLong("last_seq");
                        OptionalLong lastSeq = rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(last);
                        losses.add(new EventLoss(rows.getLong("id"), rows.getString("instance_id"),
                                rows.getString("region"), rows.getLong("first_seq"), lastSeq,
                                JdbcListenerHealth.lines(rows.getString("tables")), rows.getString("reason"),
                                rows.getLong("detected_at_ms")));
                    }
                }
                return losses;
            }
        });
    }

    /** Records that {@code link} planned the repair of {@code lossIds} as {@code jobs} jobs. */
    public void recordRepair(String link, List<Long> lossIds, int jobs) {
        transactions.inTransaction("record the repair of lost events by link " + link, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(RECORD)) {
                for (long id : lossIds) {
                    statement.setLong(1, id);
                    statement.setString(2, link);
                    statement.setInt(3, jobs);
                    statement.setLong(4, clock.millis());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        });
    }
}
