package io.strait.sql.control;

import io.strait.sql.ColumnLimits;
import io.strait.sql.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Operator control of links, in {@code link_control}: a paused link's cycle still plans events into jobs but starts
 * none ({@code strait pause} / {@code strait resume}). Every process of the cluster reads the same row, so a pause
 * takes effect everywhere at the next dispatch.
 */
public final class JdbcLinkControl {
    private static final String UPSERT = "INSERT INTO link_control (link, paused, changed_by, reason, changed_at_ms)"
            + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE paused = VALUES(paused),"
            + " changed_by = VALUES(changed_by), reason = VALUES(reason), changed_at_ms = VALUES(changed_at_ms)";
    private static final String READ = "SELECT link, paused, changed_by, reason, changed_at_ms FROM link_control"
            + " WHERE link = ?";
    private static final String READ_ALL = "SELECT link, paused, changed_by, reason, changed_at_ms FROM link_control"
            + " ORDER BY link";

    /** The last operator action on a link: paused or not, by whom, why and when. */
    public record LinkState(String link, boolean paused, String changedBy, String reason, long changedAtMillis) {
    }

    private final Transactions transactions;

    public JdbcLinkControl(DataSource dataSource) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** Pauses or resumes {@code link}; returns the state before (empty when the link was never paused). */
    public Optional<LinkState> set(String link, boolean paused, String by, String reason, long nowMillis) {
        return transactions.inTransaction((paused ? "pause" : "resume") + " link " + link, connection -> {
            Optional<LinkState> before;
            try (PreparedStatement read = connection.prepareStatement(READ + " FOR UPDATE")) {
                read.setString(1, link);
                before = readOne(read);
            }
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setString(1, link);
                upsert.setBoolean(2, paused);
                upsert.setString(3, ColumnLimits.fit(by, 128));
                upsert.setString(4, ColumnLimits.fit(reason, ColumnLimits.REASON));
                upsert.setLong(5, nowMillis);
                upsert.executeUpdate();
            }
            return before;
        });
    }

    /** The link's control row; empty when no operator ever paused it. */
    public Optional<LinkState> state(String link) {
        return transactions.withConnection("read the control of link " + link, connection -> {
            try (PreparedStatement read = connection.prepareStatement(READ)) {
                read.setString(1, link);
                return readOne(read);
            }
        });
    }

    public boolean isPaused(String link) {
        return state(link).map(LinkState::paused).orElse(false);
    }

    /** Every link's control row, by link. */
    public Map<String, LinkState> all() {
        return transactions.withConnection("read the control of every link", connection -> {
            Map<String, LinkState> states = new LinkedHashMap<>();
            try (PreparedStatement read = connection.prepareStatement(READ_ALL);
                    ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    LinkState state = row(rows);
                    states.put(state.link(), state);
                }
            }
            return states;
        });
    }

    private static Optional<LinkState> readOne(PreparedStatement read) throws java.sql.SQLException {
        try (ResultSet rows = read.executeQuery()) {
            return rows.next() ? Optional.of(row(rows)) : Optional.empty();
        }
    }

    private static LinkState row(ResultSet rows) throws java.sql.SQLException {
        return new LinkState(rows.getString(1), rows.getBoolean(2), rows.getString(3), rows.getString(4),
                rows.getLong(5));
    }
}
