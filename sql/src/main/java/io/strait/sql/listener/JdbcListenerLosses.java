package io.strait.sql.listener;

import io.strait.common.capture.ExpectedSequences;
import io.strait.common.capture.ExpectedSequences.InstanceReport;
import io.strait.common.capture.SequenceRange;
import io.strait.sql.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the events listener instances captured that will never reach {@code hms_event}, and records each gap once in
 * {@code listener_event_loss} with the objects concerned where known ({@link ExpectedSequences} decides). Each
 * instance's progress is kept in {@code listener_instance.checked_through_seq}, moved by compare-and-set in the
 * transaction that records the loss, so several processes checking at once record a loss once. A spool destroyed
 * with its instance's last contact not a clean stop also records the events it may have captured after that
 * contact, count and objects unknown.
 */
public final class JdbcListenerLosses {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcListenerLosses.class);
    private static final String TO_CHECK = "SELECT instance_id, region, latest_seq, spooled_from_seq, spooled_tables,"
            + " spool_lost_at_ms, clean_stop, last_contact_at_ms, checked_through_seq FROM listener_instance"
            + " WHERE latest_seq > checked_through_seq OR (spool_lost_at_ms > 0 AND clean_stop = 0"
            + " AND checked_through_seq <= latest_seq)";
    private static final String PRESENT = "SELECT DISTINCT instance_seq FROM hms_event WHERE instance_id = ?"
            + " AND instance_seq > ? AND instance_seq <= ? ORDER BY instance_seq";
    private static final String RECORD = "INSERT IGNORE INTO listener_event_loss (instance_id, region, first_seq,"
            + " last_seq, tables, reason, detected_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String ADVANCE = "UPDATE listener_instance SET checked_through_seq = ?"
            + " WHERE instance_id = ? AND checked_through_seq = ?";

    private final Transactions transactions;
    private final Clock clock;

    public JdbcListenerLosses(DataSource dataSource, Clock clock) {
        this.transactions = new Transactions(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Checks every instance with numbers not yet checked; returns the losses recorded by this call. */
    public int check() {
        List<Candidate> candidates = transactions.withConnection("read the listener instances to check",
                connection -> {
                    List<Candidate> found = new ArrayList<>();
                    try (PreparedStatement statement = connection.prepareStatement(TO_CHECK);
                            ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            found.add(new Candidate(rows.getString("instance_id"), rows.getString("region"),
                                    new InstanceReport(rows.getLong("latest_seq"), rows.getLong("spooled_from_seq"),
                                            rows.getLong("spool_lost_at_ms") > 0),
                                    rows.getInt("clean_stop") == 1, rows.getString("spooled_tables"),
                                    rows.getLong("last_contact_at_ms"), rows.getLong("checked_through_seq")));
                        }
                    }
                    return found;
                });
        int recorded = 0;
        for (Candidate candidate : candidates) {
            recorded += transactions.inTransaction("check listener instance " + candidate.instanceId()
                    + " for lost events", connection -> check(connection, candidate));
        }
        return recorded;
    }

    private record Candidate(String instanceId, String region, InstanceReport report, boolean cleanStop,
            String spooledTables, long lastContactAtMillis, long checkedThrough) {
    }

    private int check(Connection connection, Candidate candidate) throws SQLException {
        long delivered = ExpectedSequences.deliveredThrough(candidate.report());
        ExpectedSequences.Check check = ExpectedSequences.check(candidate.checkedThrough(), candidate.report(),
                present(connection, candidate, delivered));
        boolean unknownTail = candidate.report().spoolDestroyed() && !candidate.cleanStop();
        long next = unknownTail ? candidate.report().latestSeq() + 1 : check.deliveredThrough();
        if (next == candidate.checkedThrough()) {
            return 0;
        }
        if (!advance(connection, candidate, next)) {
            return 0;
        }
        String tables = candidate.report().spoolDestroyed() ? candidate.spooledTables() : "";
        int recorded = 0;
        for (SequenceRange range : check.lost()) {
            String reason = candidate.report().spoolDestroyed()
                    ? "the spool of the instance was destroyed before these events were replayed"
                    : "these events are neither in the event log nor in the instance's spool (a spool line that"
                            + " could not be read or written)";
            recorded += record(connection, candidate, range.first(), range.last(), tables, reason);
        }
        if (unknownTail) {
            recorded += record(connection, candidate, candidate.report().latestSeq() + 1, null, "",
                    "the spool of the instance was destroyed and it did not stop cleanly: events it captured after"
                            + " its last contact with the state store (epoch ms " + candidate.lastContactAtMillis()
                            + ") are lost, how many and of which tables is unknown");
        }
        return recorded;
    }

    private long[] present(Connection connection, Candidate candidate, long delivered) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(PRESENT)) {
            statement.setString(1, candidate.instanceId());
            statement.setLong(2, candidate.checkedThrough());
            statement.setLong(3, delivered);
            List<Long> sequences = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sequences.add(rows.getLong(1));
                }
            }
            return sequences.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private boolean advance(Connection connection, Candidate candidate, long next) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ADVANCE)) {
            statement.setLong(1, next);
            statement.setString(2, candidate.instanceId());
            statement.setLong(3, candidate.checkedThrough());
            return statement.executeUpdate() == 1;
        }
    }

    private int record(Connection connection, Candidate candidate, long first, Long last, String tables,
            String reason) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RECORD)) {
            statement.setString(1, candidate.instanceId());
            statement.setString(2, candidate.region());
            statement.setLong(3, first);
            if (last == null) {
                statement.setNull(4, Types.BIGINT);
            } else {
                statement.setLong(4, last);
            }
            statement.setString(5, tables);
            statement.setString(6, reason);
            statement.setLong(7, clock.millis());
            int inserted = statement.executeUpdate();
            if (inserted > 0) {
                LOG.warn("region {}: listener instance {} lost events {}..{} ({}); tables: {}; run strait reconcile"
                        + " --repair on them", candidate.region(), candidate.instanceId(), first,
                        last == null ? "?" : last, reason, tables.isEmpty() ? "unknown (scan every link of the"
                                + " region)" : tables.replace('\n', ' '));
            }
            return inserted;
        }
    }
}
