package io.strait.listener;

import io.strait.common.event.EventRows;
import io.strait.common.event.StampedEvent;
import io.strait.common.json.StraitJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts events into {@code hms_event} (the table of the sql module's V1, V11 and V18 migrations) over one reused
 * JDBC connection, opened with connect and socket timeouts of the write timeout. A group of events is one
 * transaction: multi-row INSERTs of at most {@value #MAX_ROWS_PER_STATEMENT} rows and about
 * {@value #MAX_BYTES_PER_STATEMENT} bytes of snapshots each, then one commit. An event whose instance and sequence
 * number are already in the table is skipped by the table's unique key ({@code ON DUPLICATE KEY UPDATE}): it keeps
 * its first row. A failed connection is dropped; the next write opens a new one. A write on a reused connection that
 * fails is tried once more on a fresh connection (the server may have restarted since).
 */
final class JdbcEventSink implements EventSink {
    static final int MAX_ROWS_PER_STATEMENT = 500;
    static final int MAX_BYTES_PER_STATEMENT = 4 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventSink.class);
    private static final String COLUMNS = EventRows.INSERT_STAMPED.substring(0,
            EventRows.INSERT_STAMPED.indexOf(" VALUES "));
    private static final String ROW = EventRows.INSERT_STAMPED.substring(
            EventRows.INSERT_STAMPED.indexOf(" VALUES ") + " VALUES ".length());
    private static final String ONCE = " ON DUPLICATE KEY UPDATE instance_seq = instance_seq";

    private final StoreConnection store;
    private final Clock clock;
    private final StraitJson json;

    JdbcEventSink(String jdbcUrl, String user, String password, Duration timeout, Clock clock, StraitJson json) {
        this.store = new StoreConnection(jdbcUrl, user, password, timeout);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public synchronized void writeAll(List<StampedEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        List<List<Object>> rows = rows(events);
        boolean reused = store.isOpen();
        try {
            insert(store.get(), rows);
        } catch (SQLException first) {
            store.drop();
            if (!reused) {
                throw first;
            }
            LOG.info("region {}: state store connection went stale ({}); retrying on a new one",
                    events.get(0).event().sourceRegion(), first.getMessage());
            try {
                insert(store.get(), rows);
            } catch (SQLException second) {
                store.drop();
                throw second;
            }
        }
    }

    private List<List<Object>> rows(List<StampedEvent> events) {
        long now = clock.millis();
        List<List<Object>> rows = new ArrayList<>(events.size());
        for (StampedEvent event : events) {
            rows.add(EventRows.insertValues(event, now, json));
        }
        return rows;
    }

    /** One transaction: the rows in statements of bounded size, then a commit. */
    private static void insert(Connection target, List<List<Object>> rows) throws SQLException {
        target.setAutoCommit(false);
        try {
            int start = 0;
            while (start < rows.size()) {
                int end = statementEnd(rows, start);
                insertRows(target, rows.subList(start, end));
                start = end;
            }
            target.commit();
        } catch (SQLException e) {
            try {
                target.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /** The end (exclusive) of the statement starting at {@code start}: at least one row, else within the limits. */
    private static int statementEnd(List<List<Object>> rows, int start) {
        int end = start;
        long bytes = 0;
        while (end < rows.size() && end - start < MAX_ROWS_PER_STATEMENT) {
            long rowBytes = rows.get(end).stream().mapToLong(value -> value == null ? 0 : value.toString().length())
                    .sum();
            if (end > start && bytes + rowBytes > MAX_BYTES_PER_STATEMENT) {
                break;
            }
            bytes += rowBytes;
            end++;
        }
        return end;
    }

    private static void insertRows(Connection target, List<List<Object>> rows) throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS.length() + rows.size() * (ROW.length() + 2) + ONCE.length())
                .append(COLUMNS).append(" VALUES ");
        for (int row = 0; row < rows.size(); row++) {
            sql.append(row == 0 ? "" : ", ").append(ROW);
        }
        sql.append(ONCE);
        try (PreparedStatement statement = target.prepareStatement(sql.toString())) {
            int index = 1;
            for (List<Object> values : rows) {
                for (Object value : values) {
                    statement.setObject(index++, value);
                }
            }
            statement.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        store.close();
    }
}
