package io.strait.sql.watermark;

import io.strait.common.metastore.TableRef;
import io.strait.sql.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-table freshness on table {@code table_watermark}. A watermark only moves forward: recording an older source
 * event than the stored one changes nothing.
 */
public final class JdbcTableWatermarks {
    private static final String COLUMNS = "SELECT link, db_name, table_name, last_source_event_id,"
            + " last_committed_at_ms FROM table_watermark";
    private static final String FIND = COLUMNS + " WHERE link = ? AND db_name = ? AND table_name = ?";
    private static final String FIND_BY_LINK = COLUMNS + " WHERE link = ? ORDER BY db_name, table_name";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcTableWatermarks.class);

    private final Transactions transactions;

    public JdbcTableWatermarks(DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
    }

    /**
     * Moves the watermark of {@code table} on {@code link} to {@code sourceEventId} unless it is already newer. The
     * job store does this itself when a job succeeds ({@link FreshnessWrites}); this is for tools and tests.
     */
    public void recordWatermark(String link, TableRef table, long sourceEventId, long committedAtMillis) {
        transactions.withConnection("record the watermark of " + table + " on link " + link, connection -> {
            FreshnessWrites.recordTable(connection, link, table, sourceEventId, committedAtMillis);
            return null;
        });
        LOG.debug("link {} table {} watermark at event {} committed at {}", link, table, sourceEventId,
                committedAtMillis);
    }

    public Optional<TableWatermark> watermark(String link, TableRef table) {
        return transactions.withConnection("read the watermark of " + table + " on link " + link, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(FIND)) {
                statement.setString(1, link);
                statement.setString(2, table.database());
                statement.setString(3, table.table());
                List<TableWatermark> found = read(statement);
                return found.stream().findFirst();
            }
        });
    }

    /** The watermarks of every table of {@code link}, by database and table. */
    public List<TableWatermark> watermarks(String link) {
        return transactions.withConnection("read the watermarks of link " + link, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(FIND_BY_LINK)) {
                statement.setString(1, link);
                return read(statement);
            }
        });
    }

    private static List<TableWatermark> read(PreparedStatement statement) throws SQLException {
        List<TableWatermark> watermarks = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                watermarks.add(new TableWatermark(rows.getString("link"),
                        TableRef.of(rows.getString("db_name"), rows.getString("table_name")),
                        rows.getLong("last_source_event_id"), rows.getLong("last_committed_at_ms")));
            }
        }
        return watermarks;
    }
}
