package io.strait.sql.metrics;

import io.strait.sql.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The state store's figures behind {@code /metrics} that the dashboard's own queries do not give: files and bytes
 * copied by verification outcome, SLA alerts, and the event capture rate per region. Read-only, one transaction per
 * call.
 */
public final class MetricsQueries {
    /** The window of the capture rate. */
    public static final long CAPTURE_WINDOW_MS = 5 * 60_000L;
    /** Events looked at per region for the capture rate (newest first): bounds the read on a busy region. */
    private static final int CAPTURE_SAMPLE = 100_000;

    private final Transactions transactions;

    public MetricsQueries(DataSource dataSource) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** Files and bytes of a link's manifests by verification outcome. */
    public record Files(long files, long bytesCopied) {
    }

    /** A link's figures. */
    public record LinkFigures(Map<String, Files> filesByVerification, Map<String, Long> openAlertsByState,
            long breaches) {
    }

    public LinkFigures link(String link) {
        return transactions.inTransaction("read the metrics of link " + link, connection -> new LinkFigures(
                files(connection, link), openAlerts(connection, link), breaches(connection, link)));
    }

    /** Events captured per second over the last {@link #CAPTURE_WINDOW_MS} in {@code region}, at {@code nowMs}. */
    public double captureRate(String region, long nowMs) {
        return transactions.withConnection("read the capture rate of region " + region, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM (SELECT"
                    + " captured_at_ms FROM hms_event WHERE source_region = ? ORDER BY id DESC LIMIT "
                    + CAPTURE_SAMPLE + ") recent WHERE captured_at_ms > ? AND captured_at_ms <= ?")) {
                statement.setString(1, region);
                statement.setLong(2, nowMs - CAPTURE_WINDOW_MS);
                statement.setLong(3, nowMs);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) / (CAPTURE_WINDOW_MS / 1000.0);
                }
            }
        });
    }

    private static Map<String, Files> files(Connection connection, String link) throws SQLException {
        Map<String, Files> byVerification = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT f.verification, COUNT(*),"
                + " COALESCE(SUM(f.bytes_copied), 0) FROM file_manifest f JOIN replication_job j ON j.id = f.job_id"
                + " WHERE j.link = ? GROUP BY f.verification")) {
            statement.setString(1, link);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byVerification.put(rows.getString(1), new Files(rows.getLong(2), rows.getLong(3)));
                }
            }
        }
        return byVerification;
    }

    private static Map<String, Long> openAlerts(Connection connection, String link) throws SQLException {
        Map<String, Long> byState = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT state, COUNT(*) FROM sla_alert"
                + " WHERE link = ? AND state <> 'RESOLVED' GROUP BY state")) {
            statement.setString(1, link);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    byState.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return byState;
    }

    /** Alerts of the link that ever reached BREACHED (open or resolved): only grows. */
    private static long breaches(Connection connection, String link) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COUNT(*) FROM sla_alert WHERE link = ? AND breached_at_ms > 0")) {
            statement.setString(1, link);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
