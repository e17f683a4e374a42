package io.strait.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strait's state store: a pooled connection to a MySQL (or MariaDB) database and the Flyway migrations that own
 * its schema ({@value #MIGRATIONS}, Strait's tables and Quartz's). Open it, {@link #migrate()}, then build the
 * JDBC stores on {@link #dataSource()}.
 */
public final class StateStore implements AutoCloseable {
    public static final String MIGRATIONS = "classpath:db/migration";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POOL_WAIT_TIMEOUT = Duration.ofSeconds(10);
    private static final int UNKNOWN_DATABASE = 1049;
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    private final String jdbcUrl;
    private final HikariDataSource dataSource;

    private StateStore(String jdbcUrl, HikariDataSource dataSource) {
        this.jdbcUrl = jdbcUrl;
        this.dataSource = dataSource;
    }

    /**
     * Connects to {@code jdbcUrl} ({@code jdbc:mysql://host:port/database}) with a pool of {@code poolSize}.
     * Fails with USER_ERROR for a malformed URL, an unknown database or rejected credentials, and with EXTERNAL
     * (naming the URL, never the password) when the server cannot be reached within a few seconds.
     */
    public static StateStore open(String jdbcUrl, String user, String password, int poolSize) {
        StoreUrls.validate(jdbcUrl);
        if (poolSize < 1) {
            throw StraitException.userError("Cannot open the state store at " + StoreUrls.redact(jdbcUrl)
                    + ": the pool size must be at least 1 (got " + poolSize + ")");
        }
        try {
            HikariDataSource dataSource = new HikariDataSource(poolConfig(jdbcUrl, user, password, poolSize));
            LOG.info("state store {} opened with a pool of {}", StoreUrls.redact(jdbcUrl), poolSize);
            return new StateStore(jdbcUrl, dataSource);
        } catch (RuntimeException e) {
            throw connectFailure(jdbcUrl, user, e);
        }
    }

    /** Creates database {@code databaseName} (utf8mb4) on the server of {@code serverUrl} unless it exists. */
    public static void createDatabaseIfMissing(String serverUrl, String user, String password, String databaseName) {
        StoreUrls.requireDatabaseName(databaseName);
        String server = StoreUrls.serverOf(serverUrl);
        try (Connection connection = DriverManager.getConnection(server, driverProperties(user, password));
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE DATABASE IF NOT EXISTS `" + databaseName + "` CHARACTER SET utf8mb4");
            LOG.info("state store database {} exists on {}", databaseName, StoreUrls.redact(server));
        } catch (SQLException e) {
            throw connectFailure(server, user, e);
        }
    }

    /** Applies every pending migration; returns how many ran. */
    public int migrate() {
        try {
            MigrateResult result = Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().migrate();
            LOG.info("state store {} migrated: {} migration(s) applied, schema version {}",
                    StoreUrls.redact(jdbcUrl), result.migrationsExecuted, result.targetSchemaVersion);
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            SQLException sqlCause = sqlCause(e);
            ErrorCategory category = sqlCause == null ? ErrorCategory.INTERNAL : SqlErrors.categorize(sqlCause);
            throw new StraitException(category, "Cannot migrate the state store at " + StoreUrls.redact(jdbcUrl)
                    + ": " + e.getMessage(), e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The URL the store was opened with. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public void close() {
        dataSource.close();
        LOG.info("state store {} closed", StoreUrls.redact(jdbcUrl));
    }

    private static HikariConfig poolConfig(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(POOL_WAIT_TIMEOUT.toMillis());
        config.setValidationTimeout(CONNECT_TIMEOUT.toMillis());
        config.setPoolName("strait-state-store");
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toMillis()));
        return config;
    }

    private static Properties driverProperties(String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user == null ? "" : user);
        properties.setProperty("password", password == null ? "" : password);
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toMillis()));
        return properties;
    }

    private static StraitException connectFailure(String jdbcUrl, String user, Exception e) {
        SQLException sqlCause = sqlCause(e);
        String reason = sqlCause == null ? e.getMessage() : sqlCause.getMessage();
        boolean refused = sqlCause != null && (SqlErrors.categorize(sqlCause) == ErrorCategory.USER_ERROR
                || sqlCause.getErrorCode() == UNKNOWN_DATABASE);
        String next = refused ? "check the URL's database, the user and the password"
                : "check that MySQL or MariaDB runs there and is reachable";
        return new StraitException(refused ? ErrorCategory.USER_ERROR : ErrorCategory.EXTERNAL,
                "Cannot connect to the state store at " + StoreUrls.redact(jdbcUrl) + " as user '" + user + "': "
                        + reason + "; " + next, e);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
