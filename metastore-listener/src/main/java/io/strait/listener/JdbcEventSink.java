package io.strait.listener;

import io.strait.common.event.StampedEvent;
import io.strait.common.event.EventRows;
import io.strait.common.json.StraitJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts events into {@code hms_event} (the table of the sql module's V1 and V11 migrations) over one reused JDBC
 * connection, opened with connect and socket timeouts of the write timeout. A failed connection is dropped; the
 * next write opens a new one. A write on a reused connection that fails is tried once more on a fresh connection
 * (the server may have restarted since).
 */
final class JdbcEventSink implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventSink.class);

    private final StoreConnection store;
    private final Clock clock;
    private final StraitJson json;

    JdbcEventSink(String jdbcUrl, String user, String password, Duration timeout, Clock clock, StraitJson json) {
        this.store = new StoreConnection(jdbcUrl, user, password, timeout);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public synchronized void write(StampedEvent event) throws SQLException {
        boolean reused = store.isOpen();
        try {
            insert(store.get(), event);
        } catch (SQLException first) {
            store.drop();
            if (!reused) {
                throw first;
            }
            LOG.info("region {}: state store connection went stale ({}); retrying on a new one",
                    event.event().sourceRegion(), first.getMessage());
            try {
                insert(store.get(), event);
            } catch (SQLException second) {
                store.drop();
                throw second;
            }
        }
    }

    private void insert(Connection target, StampedEvent event) throws SQLException {
        try (PreparedStatement statement = target.prepareStatement(EventRows.INSERT_STAMPED)) {
            List<Object> values = EventRows.insertValues(event, clock.millis(), json);
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            statement.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        store.close();
    }
}
