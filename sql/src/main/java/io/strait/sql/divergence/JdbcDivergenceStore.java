package io.strait.sql.divergence;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.DivergenceStore;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.json.StraitJson;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.sql.ColumnLimits;
import io.strait.sql.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DivergenceStore} on {@code reconcile_scan} and {@code divergence}; also reads scans back. Every entry of a
 * scan is a {@code divergence} row, its {@code IN_FLIGHT} entries included; {@code divergence_count} counts the
 * real divergences only and {@code in_flight_count} the objects in flight.
 */
public final class JdbcDivergenceStore implements DivergenceStore {
    private static final String INSERT_SCAN = "INSERT INTO reconcile_scan (source_region, target_region, db_name,"
            + " table_name, started_at_ms, finished_at_ms, status, objects_checked, files_checked, divergence_count,"
            + " error, depth, in_flight_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_DIVERGENCE = "INSERT INTO divergence (scan_id, divergence_class, db_name,"
            + " table_name, partition_values, relative_path, detail) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String SCAN_COLUMNS = "SELECT id, source_region, target_region, db_name, table_name,"
            + " started_at_ms, finished_at_ms, status, objects_checked, files_checked, error, depth FROM reconcile_scan";
    private static final String FIND_SCAN = SCAN_COLUMNS + " WHERE id = ?";
    private static final String LATEST_SCAN = SCAN_COLUMNS + " WHERE source_region = ? AND target_region = ?"
            + " AND db_name = ? AND table_name = ? ORDER BY id DESC LIMIT 1";
    private static final String DIVERGENCES = "SELECT divergence_class, db_name, table_name, partition_values,"
            + " relative_path, detail FROM divergence WHERE scan_id = ? ORDER BY id";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDivergenceStore.class);

    private final Transactions transactions;
    private final StraitJson json;

    public JdbcDivergenceStore(DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
        this.json = new StraitJson();
    }

    @Override
    public long record(ReconcileScan scan) {
        long scanId = transactions.inTransaction("record the reconcile scan of " + scan.table(), connection -> {
            long id = insertScan(connection, scan);
            insertDivergences(connection, id, scan.divergences());
            return id;
        });
        LOG.info("reconcile scan {} of {} ({} -> {}, depth {}): {}, {} divergence(s), {} object(s) in flight", scanId,
                scan.table(), scan.source(), scan.target(), scan.depth().label(), scan.status(), scan.divergent().size(),
                scan.objectsInFlight());
        return scanId;
    }

    /** The scan with its divergences. */
    public Optional<ReconcileScan> scan(long scanId) {
        return transactions.withConnection("read reconcile scan " + scanId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(FIND_SCAN)) {
                statement.setLong(1, scanId);
                return readScan(connection, statement);
            }
        });
    }

    /** The newest scan of {@code table} from {@code source} to {@code target}, with its divergences. */
    public Optional<ReconcileScan> latestScan(RegionId source, RegionId target, TableRef table) {
        return transactions.withConnection("read the latest reconcile scan of " + table, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(LATEST_SCAN)) {
                statement.setString(1, source.name());
                statement.setString(2, target.name());
                statement.setString(3, table.database());
                statement.setString(4, table.table());
                return readScan(connection, statement);
            }
        });
    }

    private static long insertScan(Connection connection, ReconcileScan scan) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_SCAN, Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, scan.source().name());
            insert.setString(2, scan.target().name());
            insert.setString(3, scan.table().database());
            insert.setString(4, scan.table().table());
            insert.setLong(5, scan.startedAtMillis());
            insert.setLong(6, scan.finishedAtMillis());
            insert.setString(7, scan.status().name());
            insert.setInt(8, scan.objectsChecked());
            insert.setLong(9, scan.filesChecked());
            insert.setInt(10, scan.divergent().size());
            insert.setString(11, ColumnLimits.fit(scan.error(), ColumnLimits.TEXT));
            insert.setString(12, scan.depth().name());
            insert.setInt(13, scan.objectsInFlight());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private void insertDivergences(Connection connection, long scanId, List<Divergence> divergences)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DIVERGENCE)) {
            for (Divergence divergence : divergences) {
                insert.setLong(1, scanId);
                insert.setString(2, divergence.divergenceClass().name());
                insert.setString(3, divergence.table().database());
                insert.setString(4, divergence.table().table());
                insert.setString(5, json.write(divergence.partitionValues()));
                insert.setString(6, divergence.relativePath());
                insert.setString(7, ColumnLimits.fit(divergence.detail(), ColumnLimits.TEXT));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private Optional<ReconcileScan> readScan(Connection connection, PreparedStatement statement)
            throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            List<Divergence> divergences = divergences(connection, row.getLong("id"));
            return Optional.of(new ReconcileScan(RegionId.of(row.getString("source_region")),
                    RegionId.of(row.getString("target_region")),
                    TableRef.of(row.getString("db_name"), row.getString("table_name")), row.getLong("started_at_ms"),
                    row.getLong("finished_at_ms"), ReconcileScan.Status.valueOf(row.getString("status")),
                    row.getInt("objects_checked"), row.getLong("files_checked"), divergences, row.getString("error"),
                    ReconcileDepth.valueOf(row.getString("depth"))));
        }
    }

    private List<Divergence> divergences(Connection connection, long scanId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DIVERGENCES)) {
            statement.setLong(1, scanId);
            List<Divergence> divergences = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    divergences.add(new Divergence(DivergenceClass.valueOf(rows.getString("divergence_class")),
                            TableRef.of(rows.getString("db_name"), rows.getString("table_name")),
                            List.of(json.read(rows.getString("partition_values"), String[].class)),
                            rows.getString("relative_path"), rows.getString("detail")));
                }
            }
            return divergences;
        }
    }
}
