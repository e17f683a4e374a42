package io.strait.sql.alert;

import io.strait.common.alert.AlertMessage;
import io.strait.common.alert.AlertState;
import io.strait.common.alert.LateObject;
import io.strait.common.alert.SlaObject;
import io.strait.common.json.StraitJson;
import io.strait.sql.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * SLA alerts and their delivery outbox ({@code sla_alert}, {@code alert_delivery}, migration V8). Every change of an
 * alert is a compare-and-set that, in the same transaction, puts one delivery per webhook into the outbox: the
 * caller whose change took effect gets the message (and logs it); a caller that lost the race gets nothing. So one
 * breach is one alert and one message per webhook, whatever the number of evaluators or their repetitions.
 */
public final class JdbcAlertStore {
    private static final int MAX_WHY = 2048;

    private final Transactions transactions;
    private final StraitJson json = new StraitJson();

    public JdbcAlertStore(DataSource dataSource) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** An alert not resolved yet. */
    public record OpenAlert(long id, SlaObject object, AlertState state, long slaMs, long oldestCapturedAtMs,
            String why, long raisedAtMs) {
    }

    /** Open alerts of {@code link}. */
    public List<OpenAlert> open(String link) {
        return transactions.withConnection("read the open SLA alerts of link " + link, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, link, db_name, table_name,"
                    + " partition_label, state, sla_ms, oldest_captured_at_ms, why, raised_at_ms FROM sla_alert"
                    + " WHERE link = ? AND state <> 'RESOLVED' ORDER BY id")) {
                statement.setString(1, link);
                try (ResultSet rows = statement.executeQuery()) {
                    List<OpenAlert> open = new ArrayList<>();
                    while (rows.next()) {
                        open.add(new OpenAlert(rows.getLong(1), new SlaObject(rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getString(5)), AlertState.valueOf(rows.getString(6)),
                                rows.getLong(7), rows.getLong(8), rows.getString(9), rows.getLong(10)));
                    }
                    return open;
                }
            }
        });
    }

    /**
     * Opens an alert for {@code late.object()} in {@code state} and queues its message for every target; empty when
     * the object already has an open alert (raised by another evaluator).
     */
    public Optional<AlertMessage> raise(LateObject late, AlertState state, String why, List<WebhookTarget> targets) {
        if (state == AlertState.RESOLVED) {
            throw new IllegalArgumentException("an alert is raised PROJECTED or BREACHED, not " + state);
        }
        SlaObject object = late.object();
        String text = truncate(why);
        return transactions.inTransaction("raise an SLA alert for " + object, connection -> {
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sla_alert (link, db_name,"
                    + " table_name, partition_label, state, open_key, sla_ms, oldest_captured_at_ms, lag_ms, why,"
                    + " raised_at_ms, breached_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, object.link());
                insert.setString(2, object.database());
                insert.setString(3, object.table());
                insert.setString(4, object.partition());
                insert.setString(5, state.name());
                insert.setBytes(6, WebhookTarget.sha256(object.key()));
                insert.setLong(7, late.sla().toMillis());
                insert.setLong(8, late.oldestUnappliedCapturedAtMs());
                insert.setLong(9, late.lagMs());
                insert.setString(10, text);
                insert.setLong(11, late.judgedAtMs());
                insert.setLong(12, state == AlertState.BREACHED ? late.judgedAtMs() : 0);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            } catch (SQLIntegrityConstraintViolationException alreadyOpen) {
                return Optional.empty();
            }
            AlertMessage message = new AlertMessage(id, state, object.link(), object.qualifiedTable(),
                    object.partition(), late.lagMs(), late.sla().toMillis(), late.oldestUnappliedCapturedAtMs(), text,
                    late.judgedAtMs());
            enqueue(connection, message, targets);
            return Optional.of(message);
        });
    }

    /** Moves open projected alert {@code alertId} to BREACHED; empty when it is not PROJECTED any more. */
    public Optional<AlertMessage> escalate(long alertId, LateObject late, String why, List<WebhookTarget> targets) {
        String text = truncate(why);
        return transactions.inTransaction("escalate SLA alert " + alertId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE sla_alert SET state = 'BREACHED',"
                    + " breached_at_ms = ?, oldest_captured_at_ms = ?, lag_ms = ?, why = ?"
                    + " WHERE id = ? AND state = 'PROJECTED'")) {
                update.setLong(1, late.judgedAtMs());
                update.setLong(2, late.oldestUnappliedCapturedAtMs());
                update.setLong(3, late.lagMs());
                update.setString(4, text);
                update.setLong(5, alertId);
                if (update.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            SlaObject object = late.object();
            AlertMessage message = new AlertMessage(alertId, AlertState.BREACHED, object.link(),
                    object.qualifiedTable(), object.partition(), late.lagMs(), late.sla().toMillis(),
                    late.oldestUnappliedCapturedAtMs(), text, late.judgedAtMs());
            enqueue(connection, message, targets);
            return Optional.of(message);
        });
    }

    /**
     * Resolves open alert {@code alert} at {@code nowMs}, its lag being how long its oldest change waited until then;
     * empty when it was resolved already.
     */
    public Optional<AlertMessage> resolve(OpenAlert alert, String why, long nowMs, List<WebhookTarget> targets) {
        String text = truncate(why);
        return transactions.inTransaction("resolve SLA alert " + alert.id(), connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE sla_alert SET state = 'RESOLVED',"
                    + " open_key = NULL, resolved_at_ms = ? WHERE id = ? AND state <> 'RESOLVED'")) {
                update.setLong(1, nowMs);
                update.setLong(2, alert.id());
                if (update.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            SlaObject object = alert.object();
            AlertMessage message = new AlertMessage(alert.id(), AlertState.RESOLVED, object.link(),
                    object.qualifiedTable(), object.partition(), Math.max(0, nowMs - alert.oldestCapturedAtMs()),
                    alert.slaMs(), alert.oldestCapturedAtMs(), text, nowMs);
            enqueue(connection, message, targets);
            return Optional.of(message);
        });
    }

    private void enqueue(Connection connection, AlertMessage message, List<WebhookTarget> targets)
            throws SQLException {
        if (targets.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert_delivery (alert_id,"
                + " alert_state, webhook_key, target, body, state, next_attempt_at_ms, created_at_ms)"
                + " VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?)")) {
            String body = json.write(message);
            for (WebhookTarget target : targets) {
                insert.setLong(1, message.alertId());
                insert.setString(2, message.state().name());
                insert.setString(3, target.key());
                insert.setString(4, target.display());
                insert.setString(5, body);
                insert.setLong(6, message.atMs());
                insert.setLong(7, message.atMs());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String truncate(String why) {
        String text = Objects.requireNonNullElse(why, "");
        return text.length() <= MAX_WHY ? text : text.substring(0, MAX_WHY - 1) + "…";
    }
}
