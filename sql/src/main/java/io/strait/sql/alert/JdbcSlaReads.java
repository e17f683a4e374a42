package io.strait.sql.alert;

import io.strait.common.alert.SlaObject;
import io.strait.sql.Transactions;
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
    private static final String UNAPPLIED = "SELECT j.db_name, j.table_name, j.partition_label,"
            + " MIN(j.source_captured_at_ms), COUNT(*) FROM replication_job j WHERE j.link = ? AND j.origin = 'EVENT'"
            + " AND j.state NOT IN ('SUCCEEDED', 'CANCELLED', 'BLOCKED')"
            + " AND NOT EXISTS (SELECT 1 FROM replication_job later WHERE later.link = j.link"
            + " AND later.db_name = j.db_name AND later.table_name = j.table_name"
            + " AND later.partition_values = j.partition_values AND later.source_event_id > j.source_event_id"
            + " AND (later.state = 'SUCCEEDED'"
            + " OR (j.state = 'SUPERSEDED' AND later.state IN ('CANCELLED', 'BLOCKED'))))"
            + " GROUP BY j.db_name, j.table_name, j.partition_label";
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
