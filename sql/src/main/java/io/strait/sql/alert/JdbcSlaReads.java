package io.strait.sql.alert;

import io.strait.common.alert.SlaObject;
import io.strait.sql.Transactions;
import io.strait.sql.UnappliedChanges;
import io.strait.sql.report.Percentiles;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What the SLA rule needs from the state store, per link: each table or partition with source changes not applied
 * yet, and how long the link usually takes from capture to commit.
 *
 * <p>A change is <em>unapplied</em> while its event job (origin EVENT: repair and bootstrap jobs are not source
 * changes) is neither SUCCEEDED, CANCELLED nor BLOCKED (a blocked table is not replicated by design and is reported
 * apart), unless a later job of the same object SUCCEEDED (it applied the object's newer state). FAILED and
 * UNVERIFIABLE jobs count: their change is missing until an operator acts. A SUPERSEDED job counts too until a
 * later job of its object has SUCCEEDED (or was cancelled or blocked): coalescing hands its change to the newer
 * job, so a partition changed again and again is judged by its oldest change waiting, not its newest.
 */
public final class JdbcSlaReads {
    /** The object of each job: a table-level job has an empty partition label. */
    /** The object of each job: a table-level job has an empty partition label. */
    private static final String UNAPPLIED = "SELECT u.db_name, u.table_name, u.partition_label,"
            + " MIN(u.source_captured_at_ms), COUNT(*) FROM (" + UnappliedChanges.JOBS + ") u WHERE u.link = ?"
            + " GROUP BY u.db_name, u.table_name, u.partition_label";
    private static final String LAGS = "SELECT committed_at_ms - source_captured_at_ms FROM replication_job"
            + " WHERE link = ? AND state = 'SUCCEEDED' AND origin = 'EVENT' AND committed_at_ms >= ?";
    private static final int TYPICAL_PERCENTILE = 95;

    private final Transactions transactions;

    public JdbcSlaReads(DataSource dataSource) {
        this.transactions = new Transactions(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** An object with unapplied changes: the capture time of the oldest, and how many jobs carry them. */
    public record Unapplied(SlaObject object, long oldestCapturedAtMs, int jobs) {
    }

    public List<Unapplied> unapplied(String link) {
        return transactions.withConnection("read the unapplied changes of link " + link, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(UNAPPLIED)) {
                statement.setString(1, link);
                try (ResultSet rows = statement.executeQuery()) {
                    List<Unapplied> unapplied = new ArrayList<>();
                    while (rows.next()) {
                        unapplied.add(new Unapplied(new SlaObject(link, rows.getString(1), rows.getString(2),
                                rows.getString(3)), rows.getLong(4), rows.getInt(5)));
                    }
                    return unapplied;
                }
            }
        });
    }

    /** The p95 lag of the link's event jobs committed since {@code sinceMs}; zero when none. */
    public Duration typicalLag(String link, long sinceMs) {
        return transactions.withConnection("read the recent lag of link " + link, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(LAGS)) {
                statement.setString(1, link);
                statement.setLong(2, Math.max(1, sinceMs));
                try (ResultSet rows = statement.executeQuery()) {
                    List<Long> lags = new ArrayList<>();
                    while (rows.next()) {
                        lags.add(rows.getLong(1));
                    }
                    return Duration.ofMillis(Math.max(0, Percentiles.nearestRank(lags, TYPICAL_PERCENTILE)));
                }
            }
        });
    }
}
