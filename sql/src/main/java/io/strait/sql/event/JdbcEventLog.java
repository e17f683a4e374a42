package io.strait.sql.event;

import io.strait.common.capture.EventGapRule;
import io.strait.common.capture.InstanceCursors;
import io.strait.common.capture.SequenceRange;
import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventBatch;
import io.strait.common.event.EventCursor;
import io.strait.common.event.EventRows;
import io.strait.common.event.EventLog;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.json.StraitJson;
import io.strait.common.region.RegionId;
import io.strait.sql.Transactions;
import io.strait.sql.listener.JdbcListenerLosses;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventLog} on table {@code hms_event}. Ids are the table's auto-increment ids; {@code recorded_at_ms} is
 * when the row was written, {@code captured_at_ms} when the listener saw the event, {@code instance_id} and
 * {@code instance_seq} which listener instance captured it under which of its sequence numbers.
 *
 * <p>Reading stops before a missing id only while a live listener instance may still hold a write with that id
 * ({@link EventGapRule}: it has neither written a later row nor reported a horizon at or past it); an instance is
 * live while it is not stopped and its last contact is within the instance timeout. Every few seconds a read also
 * checks the instances' sequence numbers for events that will never arrive ({@link JdbcListenerLosses}). Events
 * appended through {@link #append} carry no instance: tests and tools append one at a time.
 */
public final class JdbcEventLog implements EventLog {
    /** Every region's entries (ids are shared), but only the requested region's snapshots are transferred. */
    private static final String READ_AFTER = "SELECT id, source_region, event_type, db_name, table_name, origin,"
            + " captured_at_ms, recorded_at_ms, instance_id, instance_seq, notification_id,"
            + " CASE WHEN source_region = ? THEN snapshot_json END AS snapshot_json"
            + " FROM hms_event WHERE id > ? ORDER BY id LIMIT ?";
    /** Live listener instances of every region (ids are shared) and their horizons. */
    private static final String LIVE_INSTANCES = "SELECT instance_id, horizon_event_id FROM listener_instance"
            + " WHERE stopped_at_ms = 0 AND last_contact_at_ms >= ?";
    /**
     * How long a listener instance that stopped reporting is still waited for: a metastore process that died with a
     * write in flight. A live instance proves its writes within one heartbeat.
     */
    public static final Duration DEFAULT_INSTANCE_TIMEOUT = Duration.ofSeconds(30);
    /** How often reads check the listeners' sequence numbers for lost events. */
    public static final Duration LOSS_CHECK_INTERVAL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventLog.class);
    /** One instance's entries after its cursor, by sequence number. */
    private static final String READ_INSTANCE = "SELECT id, source_region, event_type, db_name, table_name, origin,"
            + " captured_at_ms, recorded_at_ms, instance_id, instance_seq, notification_id, snapshot_json"
            + " FROM hms_event WHERE instance_id = ? AND instance_seq > ? ORDER BY instance_seq, id LIMIT ?";
    /** An instance's entries the id cursor has not passed although their numbers are below the instance's first. */
    private static final String READ_INSTANCE_REPLAYS = "SELECT id, source_region, event_type, db_name, table_name,"
            + " origin, captured_at_ms, recorded_at_ms, instance_id, instance_seq, notification_id, snapshot_json"
            + " FROM hms_event WHERE instance_id = ? AND id > ? AND instance_seq <= ? ORDER BY id";
    private static final String INSTANCE_SEQ_PASSED = "SELECT COALESCE(MAX(instance_seq), 0) FROM hms_event"
            + " WHERE instance_id = ? AND id <= ?";
    private static final String INSTANCE_LOSSES = "SELECT first_seq, last_seq FROM listener_event_loss"
            + " WHERE instance_id = ? AND (last_seq IS NULL OR last_seq > ?) ORDER BY first_seq";
    /** The region's instances that may still write (not stopped) or stopped recently. */
    private static final String REGION_INSTANCES = "SELECT instance_id FROM listener_instance WHERE region = ?"
            + " AND (stopped_at_ms = 0 OR stopped_at_ms >= ?)";
    private static final String LATEST_ID = "SELECT COALESCE(MAX(id), 0) FROM hms_event WHERE source_region = ?";

    private final Transactions transactions;
    private final Clock clock;
    private final StraitJson json;
    private final Duration instanceTimeout;
    private final JdbcListenerLosses losses;
    /** When a read last checked for lost events (reads of several links' cycles share one log). */
    private final java.util.concurrent.atomic.AtomicLong lossesCheckedAtMillis =
            new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
    private volatile List<String> lastWaitedFor = List.of();

    public JdbcEventLog(DataSource dataSource, Clock clock) {
        this(dataSource, clock, DEFAULT_INSTANCE_TIMEOUT);
    }

    /** {@code instanceTimeout}: how long a listener instance that stopped reporting is still waited for. */
    public JdbcEventLog(DataSource dataSource, Clock clock, Duration instanceTimeout) {
        this.transactions = new Transactions(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = new StraitJson();
        this.instanceTimeout = Objects.requireNonNull(instanceTimeout, "instanceTimeout");
        this.losses = new JdbcListenerLosses(dataSource, clock);
    }

    @Override
    public long append(CapturedEvent event) {
        return transactions.withConnection("append " + event.type() + " event of " + event.sourceRegion(),
                connection -> insert(connection, event));
    }

    @Override
    public EventBatch read(RegionId sourceRegion, long afterId, int limit) {
        checkLossesNowAndThen();
        long now = clock.millis();
        Map<String, Long> horizons = new HashMap<>();
        List<Row> rows = transactions.withConnection("read events of " + sourceRegion + " after " + afterId,
                connection -> {
                    List<Row> read;
                    try (PreparedStatement statement = connection.prepareStatement(READ_AFTER)) {
                        statement.setString(1, sourceRegion.name());
                        statement.setLong(2, afterId);
                        statement.setInt(3, limit);
                        read = readRows(statement);
                    }
                    // instances after the rows: an instance registered later writes only ids above every id
                    // handed out before (it registers before its first write)
                    readLiveInstances(connection, now, horizons);
                    return read;
                });
        EventGapRule.Decision decision = EventGapRule.decide(afterId,
                rows.stream().map(row -> new EventGapRule.Entry(row.id(), row.instanceId())).toList(), horizons);
        decision.passedGaps().forEach(gap -> LOG.debug("event ids {}..{} are no live listener's write: passed",
                gap[0], gap[1]));
        if (!decision.waitingFor().isEmpty() && !decision.waitingFor().equals(lastWaitedFor)) {
            LOG.debug("event id {} may still be written by listener instance(s) {}: waiting for their next write"
                    + " or heartbeat", decision.scannedThroughId() + 1, decision.waitingFor());
        }
        lastWaitedFor = decision.waitingFor();
        List<ReplicationEvent> events = rows.subList(0, decision.usableEntries()).stream()
                .filter(row -> row.event() != null && row.event().sourceRegion().equals(sourceRegion))
                .map(row -> new ReplicationEvent(row.id(), row.event())).toList();
        return new EventBatch(events, decision.scannedThroughId());
    }

    /**
     * Reads with per-instance cursors ({@link InstanceCursors}): each listener instance of the region is taken in its
     * own sequence order as far as its events are visible (numbers recorded lost are passed); unstamped entries
     * (appended by tools) are taken in id order. The id cursor moves as {@link #read(RegionId, long, int)} moves it,
     * but never past an entry its instance's stream has not taken.
     */
    @Override
    public EventBatch read(RegionId sourceRegion, EventCursor cursor, int limit) {
        checkLossesNowAndThen();
        long now = clock.millis();
        long afterId = cursor.afterId();
        return transactions.withConnection("read events of " + sourceRegion + " after " + afterId
                + " and instance cursors " + cursor.instanceCursors(), connection -> {
                    List<Row> window;
                    try (PreparedStatement statement = connection.prepareStatement(READ_AFTER)) {
                        statement.setString(1, sourceRegion.name());
                        statement.setLong(2, afterId);
                        statement.setInt(3, limit);
                        window = readRows(statement);
                    }
                    Map<String, Long> horizons = new HashMap<>();
                    readLiveInstances(connection, now, horizons);
                    EventGapRule.Decision decision = EventGapRule.decide(afterId, window.stream()
                            .map(row -> new EventGapRule.Entry(row.id(), row.instanceId())).toList(), horizons);
                    Set<String> active = new TreeSet<>(regionInstances(connection, sourceRegion, now));
                    window.stream().filter(row -> row.event() != null && row.instanceId() != null)
                            .forEach(row -> active.add(row.instanceId()));
                    Set<String> instances = new TreeSet<>(cursor.instanceCursors().keySet());
                    instances.addAll(active);
                    Map<String, Long> cursors = new HashMap<>(cursor.instanceCursors());
                    Map<Long, Row> taken = new TreeMap<>();
                    for (String instance : instances) {
                        boolean pending = takeInstance(connection, instance, afterId, cursors, limit, taken);
                        if (!pending && !active.contains(instance)) {
                            // stopped long ago, everything taken and nothing in the window: its cursor is dropped
                            // (should its spool still be replayed, it is read again from what the id cursor passed)
                            cursors.remove(instance);
                        }
                    }
                    List<Row> settled = window.subList(0, decision.usableEntries());
                    // other regions' entries (no event read) are passed: their instances are other readers'
                    int passed = InstanceCursors.settledAndTaken(settled.stream().map(row ->
                            new InstanceCursors.LogEntry(row.id(), row.event() == null ? null : row.instanceId(),
                                    row.sequence())).toList(), cursors);
                    long through = passed == settled.size() ? decision.scannedThroughId()
                            : passed == 0 ? afterId : settled.get(passed - 1).id();
                    settled.subList(0, passed).stream().filter(row -> row.instanceId() == null)
                            .forEach(row -> taken.put(row.id(), row));
                    List<ReplicationEvent> events = taken.values().stream()
                            .filter(row -> row.event() != null && row.event().sourceRegion().equals(sourceRegion))
                            .map(row -> new ReplicationEvent(row.id(), row.event())).toList();
                    if (through < decision.scannedThroughId()) {
                        LOG.debug("event id cursor held at {}: event {} is not taken by its instance stream yet",
                                through, settled.get(passed).id());
                    }
                    return new EventBatch(events, through, cursors);
                });
    }

    /**
     * Takes one instance's visible events after its cursor into {@code taken} and moves its cursor; true when it
     * took some or waits for a number (false: nothing of it beyond its cursor).
     */
    private boolean takeInstance(Connection connection, String instance, long afterId, Map<String, Long> cursors,
            int limit, Map<Long, Row> taken) throws SQLException {
        Long known = cursors.get(instance);
        long from;
        if (known == null) {
            // first read of this instance: every number up to the greatest the id cursor passed is taken, except
            // entries written after it under lower numbers (spool replays), taken now
            from = longOf(connection, INSTANCE_SEQ_PASSED, instance, afterId);
            try (PreparedStatement statement = connection.prepareStatement(READ_INSTANCE_REPLAYS)) {
                statement.setString(1, instance);
                statement.setLong(2, afterId);
                statement.setLong(3, from);
                readRows(statement).forEach(row -> taken.put(row.id(), row));
            }
        } else {
            from = known;
        }
        List<Row> rows;
        try (PreparedStatement statement = connection.prepareStatement(READ_INSTANCE)) {
            statement.setString(1, instance);
            statement.setLong(2, from);
            statement.setInt(3, limit);
            rows = readRows(statement);
        }
        InstanceCursors.Advance advance = InstanceCursors.advance(from, rows.stream()
                .map(row -> new InstanceCursors.Entry(row.id(), row.sequence())).toList(),
                losses(connection, instance, from));
        Map<Long, Row> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        advance.takenIds().forEach(id -> taken.put(id, byId.get(id)));
        cursors.put(instance, advance.cursor());
        if (advance.waitingFor() > 0) {
            LOG.debug("listener instance {}: number {} not visible yet; its later events wait, other instances"
                    + " go on", instance, advance.waitingFor());
        }
        return !advance.takenIds().isEmpty() || advance.waitingFor() > 0;
    }

    private static List<SequenceRange> losses(Connection connection, String instance, long after)
            throws SQLException {
        List<SequenceRange> lost = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(INSTANCE_LOSSES)) {
            statement.setString(1, instance);
            statement.setLong(2, after);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long last = rows.getLong(2);
                    lost.add(new SequenceRange(rows.getLong(1), rows.wasNull() ? Long.MAX_VALUE : last));
                }
            }
        }
        return lost;
    }

    private List<String> regionInstances(Connection connection, RegionId region, long now) throws SQLException {
        List<String> instances = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(REGION_INSTANCES)) {
            statement.setString(1, region.name());
            statement.setLong(2, now - instanceTimeout.toMillis());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    instances.add(rows.getString(1));
                }
            }
        }
        return instances;
    }

    private static long longOf(Connection connection, String sql, String text, long number) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, text);
            statement.setLong(2, number);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        }
    }

    /**
     * One entry of the log; {@code event} is null for other regions' entries (their snapshots are not read).
     * {@code sequence} is the instance's number (0 when unstamped).
     */
    private record Row(long id, String instanceId, long sequence, CapturedEvent event) {
    }

    private void readLiveInstances(Connection connection, long now, Map<String, Long> horizons)
            throws SQLException {
        horizons.clear();
        try (PreparedStatement statement = connection.prepareStatement(LIVE_INSTANCES)) {
            statement.setLong(1, now - instanceTimeout.toMillis());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    horizons.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
    }

    /** Checks for lost events at most every {@link #LOSS_CHECK_INTERVAL}; a failed check is logged, not thrown. */
    private void checkLossesNowAndThen() {
        long now = clock.millis();
        long last = lossesCheckedAtMillis.get();
        boolean due = last == Long.MIN_VALUE || now - last >= LOSS_CHECK_INTERVAL.toMillis();
        if (!due || !lossesCheckedAtMillis.compareAndSet(last, now)) {
            return;
        }
        try {
            losses.check();
        } catch (StraitException e) {
            LOG.warn("cannot check the listeners for lost events: {}", e.getMessage());
        }
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
                entries.add(new Row(rows.getLong("id"), rows.getString("instance_id"), rows.getLong("instance_seq"),
                        event));
            }
        }
        return entries;
    }

    /** The row's {@code notification_id} (0 when NULL or not selected). */
    private static long notificationIdOf(ResultSet row) throws SQLException {
        try {
            return row.getLong("notification_id");
        } catch (SQLException e) {
            if ("S0022".equals(e.getSQLState()) || "42S22".equals(e.getSQLState())) {
                return 0L;
            }
            throw e;
        }
    }

    /** The captured event of an {@code hms_event} row (all its columns selected); an undecodable row is INTERNAL. */
    public static CapturedEvent toEvent(ResultSet row, StraitJson json) throws SQLException {
        long id = row.getLong("id");
        try {
            return new CapturedEvent(RegionId.of(row.getString("source_region")),
                    EventType.valueOf(row.getString("event_type")), row.getString("db_name"),
                    row.getString("table_name"), row.getLong("captured_at_ms"), row.getString("origin"),
                    json.read(row.getString("snapshot_json"), EventSnapshot.class), notificationIdOf(row));
        } catch (IllegalArgumentException | StraitException e) {
            throw new StraitException(ErrorCategory.INTERNAL, "Cannot decode event " + id + " of hms_event: "
                    + e.getMessage() + "; the row was written by an incompatible listener version", e);
        }
    }
}
