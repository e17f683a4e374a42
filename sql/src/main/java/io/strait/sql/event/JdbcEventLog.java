package io.strait.sql.event;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventBatch;
import io.strait.common.event.EventRows;
import io.strait.common.event.EventLog;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.json.StraitJson;
import io.strait.common.region.RegionId;
import io.strait.sql.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventLog} on table {@code hms_event}. Ids are the table's auto-increment ids; {@code recorded_at_ms} is
 * when the row was written, {@code captured_at_ms} when the listener saw the event.
 */
public final class JdbcEventLog implements EventLog {
    /** Every region's entries (ids are shared), but only the requested region's snapshots are transferred. */
    private static final String READ_AFTER = "SELECT id, source_region, event_type, db_name, table_name, origin,"
            + " captured_at_ms, recorded_at_ms, CASE WHEN source_region = ? THEN snapshot_json END AS snapshot_json"
            + " FROM hms_event WHERE id > ? ORDER BY id LIMIT ?";
    /** How long a missing event id may still appear (a write not yet committed) before reading passes it. */
    public static final Duration DEFAULT_GAP_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventLog.class);
    private static final String LATEST_ID = "SELECT COALESCE(MAX(id), 0) FROM hms_event WHERE source_region = ?";

    private final Transactions transactions;
    private final Clock clock;
    private final StraitJson json;
    private final Duration gapTimeout;

    public JdbcEventLog(DataSource dataSource, Clock clock) {
        this(dataSource, clock, DEFAULT_GAP_TIMEOUT);
    }

    public JdbcEventLog(DataSource dataSource, Clock clock, Duration gapTimeout) {
        this.transactions = new Transactions(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = new StraitJson();
        this.gapTimeout = Objects.requireNonNull(gapTimeout, "gapTimeout");
    }

    @Override
    public long append(CapturedEvent event) {
        return transactions.withConnection("append " + event.type() + " event of " + event.sourceRegion(),
                connection -> insert(connection, event));
    }

    @Override
    public EventBatch read(RegionId sourceRegion, long afterId, int limit) {
        List<Row> rows = transactions.withConnection("read events of " + sourceRegion + " after " + afterId,
                connection -> {
                    try (PreparedStatement statement = connection.prepareStatement(READ_AFTER)) {
                        statement.setString(1, sourceRegion.name());
                        statement.setLong(2, afterId);
                        statement.setInt(3, limit);
                        return readRows(statement);
                    }
                });
        EventIdGaps.Decision decision = EventIdGaps.decide(afterId,
                rows.stream().map(row -> new EventIdGaps.Entry(row.id(), row.recordedAtMillis())).toList(),
                clock.millis(), gapTimeout);
        decision.abandonedGaps().forEach(gap -> LOG.warn("event ids {}..{} never appeared within {}; reading goes on"
                + " without them (a failed write; the listener re-writes spooled events under new ids)",
                gap[0], gap[1], gapTimeout));
        List<ReplicationEvent> events = rows.subList(0, decision.usableEntries()).stream()
                .filter(row -> row.event() != null && row.event().sourceRegion().equals(sourceRegion))
                .map(row -> new ReplicationEvent(row.id(), row.event())).toList();
        return new EventBatch(events, decision.scannedThroughId());
    }

    /** One entry of the log; {@code event} is null for other regions' entries (their snapshots are not read). */
    private record Row(long id, long recordedAtMillis, CapturedEvent event) {
    }

    @Override
    public long latestId(RegionId sourceRegion) {
        return transactions.withConnection("read the latest event id of " + sourceRegion, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(LATEST_ID)) {
                statement.setString(1, sourceRegion.name());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private long insert(Connection connection, CapturedEvent event) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(EventRows.INSERT,
                Statement.RETURN_GENERATED_KEYS)) {
            List<Object> values = EventRows.insertValues(event, clock.millis(), json);
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private List<Row> readRows(PreparedStatement statement) throws SQLException {
        List<Row> entries = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                CapturedEvent event = rows.getString("snapshot_json") == null ? null : toEvent(rows, json);
                entries.add(new Row(rows.getLong("id"), rows.getLong("recorded_at_ms"), event));
            }
        }
        return entries;
    }

    /** The captured event of an {@code hms_event} row (all its columns selected); an undecodable row is INTERNAL. */
    public static CapturedEvent toEvent(ResultSet row, StraitJson json) throws SQLException {
        long id = row.getLong("id");
        try {
            return new CapturedEvent(RegionId.of(row.getString("source_region")),
                    EventType.valueOf(row.getString("event_type")), row.getString("db_name"),
                    row.getString("table_name"), row.getLong("captured_at_ms"), row.getString("origin"),
                    json.read(row.getString("snapshot_json"), EventSnapshot.class));
        } catch (IllegalArgumentException | StraitException e) {
            throw new StraitException(ErrorCategory.INTERNAL, "Cannot decode event " + id + " of hms_event: "
                    + e.getMessage() + "; the row was written by an incompatible listener version", e);
        }
    }
}
