package io.strait.listener;

import io.strait.common.region.RegionId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ListenerRegistry} on {@code listener_instance} (the sql module's V11 migration), over a connection of its
 * own (never the event writer's, so a heartbeat never queues a metastore call behind it), with connect and socket
 * timeouts of the write timeout. A failed connection is dropped; the next call opens a new one.
 */
final class JdbcListenerRegistry implements ListenerRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcListenerRegistry.class);
    private static final String HORIZON = "SELECT COALESCE(MAX(id), 0) FROM hms_event";
    private static final String UPSERT = "INSERT INTO listener_instance (instance_id, region, version, host,"
            + " spool_directory, spool_id, started_at_ms, last_contact_at_ms, latest_seq, spooled_from_seq,"
            + " spool_depth, spooled_tables, horizon_event_id, stopped_at_ms, clean_stop, call_count, call_p50_us,"
            + " call_p99_us, call_max_us)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
            + " last_contact_at_ms = VALUES(last_contact_at_ms), latest_seq = GREATEST(latest_seq, VALUES(latest_seq)),"
            + " spooled_from_seq = VALUES(spooled_from_seq), spool_depth = VALUES(spool_depth),"
            + " spooled_tables = VALUES(spooled_tables),"
            + " horizon_event_id = GREATEST(horizon_event_id, VALUES(horizon_event_id)),"
            + " stopped_at_ms = VALUES(stopped_at_ms), clean_stop = VALUES(clean_stop),"
            + " call_count = VALUES(call_count), call_p50_us = VALUES(call_p50_us),"
            + " call_p99_us = VALUES(call_p99_us), call_max_us = VALUES(call_max_us)";
    /** Predecessors in the same spool folder are replaced; with another spool id, their spool was destroyed. */
    private static final String REPLACE_PREDECESSORS = "UPDATE listener_instance SET"
            + " spool_lost_at_ms = CASE WHEN spool_id <> ? AND spool_lost_at_ms = 0 THEN ? ELSE spool_lost_at_ms END,"
            + " stopped_at_ms = CASE WHEN stopped_at_ms = 0 THEN ? ELSE stopped_at_ms END,"
            + " replaced_by = ?"
            + " WHERE host = ? AND spool_directory = ? AND instance_id <> ? AND replaced_by = ''";

    private final StoreConnection store;
    private final ListenerIdentity identity;
    private final RegionId region;
    private final String spoolDirectory;
    private final String spoolId;
    private final long startedAtMillis;
    private final Clock clock;
    private boolean registered;

    JdbcListenerRegistry(String jdbcUrl, String user, String password, Duration timeout, ListenerIdentity identity,
            RegionId region, String spoolDirectory, String spoolId, Clock clock) {
        this.store = new StoreConnection(jdbcUrl, user, password, timeout);
        this.identity = Objects.requireNonNull(identity, "identity");
        this.region = Objects.requireNonNull(region, "region");
        this.spoolDirectory = Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        this.spoolId = Objects.requireNonNull(spoolId, "spoolId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startedAtMillis = clock.millis();
    }

    @Override
    public synchronized long horizon() throws SQLException {
        try (PreparedStatement statement = store.get().prepareStatement(HORIZON);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            store.drop();
            throw e;
        }
    }

    @Override
    public synchronized void heartbeat(ListenerHeartbeat heartbeat) throws SQLException {
        long now = clock.millis();
        try {
            upsert(heartbeat, now);
            if (!registered) {
                replacePredecessors(now);
                registered = true;
            }
        } catch (SQLException e) {
            store.drop();
            throw e;
        }
    }

    private void upsert(ListenerHeartbeat heartbeat, long now) throws SQLException {
        try (PreparedStatement statement = store.get().prepareStatement(UPSERT)) {
            statement.setString(1, identity.instanceId());
            statement.setString(2, region.name());
            statement.setString(3, identity.version());
            statement.setString(4, identity.host());
            statement.setString(5, spoolDirectory);
            statement.setString(6, spoolId);
            statement.setLong(7, startedAtMillis);
            statement.setLong(8, now);
            statement.setLong(9, heartbeat.latestSeq());
            statement.setLong(10, heartbeat.spooledFromSeq());
            statement.setInt(11, heartbeat.spoolDepth());
            statement.setString(12, String.join("\n", heartbeat.spooledTables()));
            statement.setLong(13, heartbeat.horizonEventId());
            statement.setLong(14, heartbeat.stopped() ? now : 0);
            statement.setInt(15, heartbeat.stopped() ? 1 : 0);
            statement.setLong(16, heartbeat.callTimes().calls());
            statement.setLong(17, heartbeat.callTimes().p50Micros());
            statement.setLong(18, heartbeat.callTimes().p99Micros());
            statement.setLong(19, heartbeat.callTimes().maxMicros());
            statement.executeUpdate();
        }
    }

    private void replacePredecessors(long now) throws SQLException {
        try (PreparedStatement statement = store.get().prepareStatement(REPLACE_PREDECESSORS)) {
            statement.setString(1, spoolId);
            statement.setLong(2, now);
            statement.setLong(3, now);
            statement.setString(4, identity.instanceId());
            statement.setString(5, identity.host());
            statement.setString(6, spoolDirectory);
            statement.setString(7, identity.instanceId());
            int replaced = statement.executeUpdate();
            if (replaced > 0) {
                LOG.info("region {}: listener instance {} replaces {} earlier instance(s) of spool {}", region,
                        identity.instanceId(), replaced, spoolDirectory);
            }
        }
    }

    @Override
    public synchronized void close() {
        store.close();
    }
}
