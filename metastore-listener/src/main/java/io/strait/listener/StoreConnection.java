package io.strait.listener;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's one connection to the state store: opened on first use with connect and socket timeouts of the
 * write timeout (a slow or frozen store cannot hold a write longer), auto-commit (the event sink turns it off for its
 * group transactions); {@link #drop()} after a failure, and the next use opens a new one. Not thread-safe: its owner synchronizes.
 */
final class StoreConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreConnection.class);

    private final String jdbcUrl;
    private final Properties properties = new Properties();
    private Connection connection;

    StoreConnection(String jdbcUrl, String user, String password, Duration timeout) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", Long.toString(timeout.toMillis()));
        properties.setProperty("socketTimeout", Long.toString(timeout.toMillis()));
    }

    /** The open connection, opened now if there is none. */
    Connection get() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(jdbcUrl, properties);
            connection.setAutoCommit(true);
        }
        return connection;
    }

    /** True when a connection is open (a failure on it may be a stale connection, worth one more try). */
    boolean isOpen() {
        return connection != null;
    }

    /** Closes the connection quietly, after a failure or at the end. */
    void drop() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing a failed state store connection: {}", e.getMessage());
        }
        connection = null;
    }

    @Override
    public void close() {
        drop();
    }
}
