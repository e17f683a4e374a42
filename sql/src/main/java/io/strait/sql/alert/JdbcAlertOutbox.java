package io.strait.sql.alert;

import io.strait.sql.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The delivery side of the alert outbox ({@code alert_delivery}): deliveries due are claimed by one process at a
 * time (compare-and-set on the claim), then marked delivered, or failed with their error and next attempt. A
 * failing delivery is never deleted: it stays PENDING, visible with its attempts and last error.
 */
public final class JdbcAlertOutbox {
    private static final int MAX_ERROR = 2048;

    private final Transactions transactions;

    public JdbcAlertOutbox(DataSource dataSource) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** A delivery claimed for sending. */
    public record Delivery(long id, long alertId, String alertState, String webhookKey, String target, String body,
            int attempts) {
    }

    /**
     * Claims up to {@code limit} PENDING deliveries due at {@code nowMs} for {@code owner} until {@code nowMs +
     * claim}, oldest first. A delivery claimed by another process whose claim has not expired is left alone.
     */
    public List<Delivery> claimDue(String owner, long nowMs, Duration claim, int limit) {
        List<Delivery> due = transactions.withConnection("read the alert deliveries due", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, alert_id, alert_state,"
                    + " webhook_key, target, body, attempts FROM alert_delivery WHERE state = 'PENDING'"
                    + " AND next_attempt_at_ms <= ? AND claim_until_ms < ? ORDER BY id LIMIT " + Math.max(1, limit))) {
                select.setLong(1, nowMs);
                select.setLong(2, nowMs);
                try (ResultSet rows = select.executeQuery()) {
                    List<Delivery> found = new ArrayList<>();
                    while (rows.next()) {
                        found.add(new Delivery(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                                rows.getString(5), rows.getString(6), rows.getInt(7)));
                    }
                    return found;
                }
            }
        });
        List<Delivery> claimed = new ArrayList<>();
        for (Delivery delivery : due) {
            boolean won = transactions.withConnection("claim alert delivery " + delivery.id(), connection -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE alert_delivery SET claimed_by = ?,"
                        + " claim_until_ms = ? WHERE id = ? AND state = 'PENDING' AND claim_until_ms < ?")) {
                    update.setString(1, owner);
                    update.setLong(2, nowMs + claim.toMillis());
                    update.setLong(3, delivery.id());
                    update.setLong(4, nowMs);
                    return update.executeUpdate() == 1;
                }
            });
            if (won) {
                claimed.add(delivery);
            }
        }
        return claimed;
    }

    /** Marks {@code delivery} delivered after {@code tries} more tries. */
    public void delivered(Delivery delivery, int tries, long nowMs) {
        transactions.withConnection("mark alert delivery " + delivery.id() + " delivered", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE alert_delivery SET state = 'DELIVERED',"
                    + " attempts = attempts + ?, delivered_at_ms = ?, last_error = '', claim_until_ms = 0"
                    + " WHERE id = ?")) {
                update.setInt(1, tries);
                update.setLong(2, nowMs);
                update.setLong(3, delivery.id());
                return update.executeUpdate();
            }
        });
    }

    /** Records that {@code delivery} failed {@code tries} more tries with {@code error}; tried again at {@code nextAtMs}. */
    public void failed(Delivery delivery, int tries, String error, long nextAtMs) {
        String text = Objects.requireNonNullElse(error, "");
        transactions.withConnection("record the failure of alert delivery " + delivery.id(), connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE alert_delivery SET"
                    + " attempts = attempts + ?, last_error = ?, next_attempt_at_ms = ?, claim_until_ms = 0"
                    + " WHERE id = ?")) {
                update.setInt(1, tries);
                update.setString(2, text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR));
                update.setLong(3, nextAtMs);
                update.setLong(4, delivery.id());
                return update.executeUpdate();
            }
        });
    }

    /** Deliveries not delivered yet, oldest first (at most {@code limit}), as plain data for the API. */
    public List<Map<String, Object>> undelivered(int limit) {
        return list("SELECT id, alert_id AS alertId, alert_state AS alertState, target, attempts,"
                + " next_attempt_at_ms AS nextAttemptAtMs, last_error AS lastError, created_at_ms AS createdAtMs"
                + " FROM alert_delivery WHERE state = 'PENDING' ORDER BY id LIMIT " + Math.max(1, limit));
    }

    /** Every delivery of alert {@code alertId}, oldest first, as plain data. */
    public List<Map<String, Object>> deliveriesOf(long alertId) {
        return list("SELECT id, alert_id AS alertId, alert_state AS alertState, target, state, attempts,"
                + " last_error AS lastError, delivered_at_ms AS deliveredAtMs FROM alert_delivery WHERE alert_id = "
                + alertId + " ORDER BY id");
    }

    /** The newest alerts, open first (at most {@code limit}), as plain data for the API. */
    public List<Map<String, Object>> alerts(int limit) {
        return list("SELECT id, link, db_name AS `database`, table_name AS `table`, partition_label AS `partition`,"
                + " state, sla_ms AS slaMs, oldest_captured_at_ms AS oldestUnappliedCapturedAtMs, lag_ms AS lagMs,"
                + " why, raised_at_ms AS raisedAtMs, breached_at_ms AS breachedAtMs, resolved_at_ms AS resolvedAtMs"
                + " FROM sla_alert ORDER BY state = 'RESOLVED', id DESC LIMIT " + Math.max(1, limit));
    }

    private List<Map<String, Object>> list(String sql) {
        return transactions.withConnection("read SLA alerts", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql);
                    ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                List<Map<String, Object>> answer = new ArrayList<>();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        Object value = rows.getObject(column);
                        row.put(meta.getColumnLabel(column), value instanceof Integer small ? small.longValue()
                                : value);
                    }
                    answer.add(row);
                }
                return answer;
            }
        });
    }
}
