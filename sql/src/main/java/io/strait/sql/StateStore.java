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
import org.flywaydb.core.api.MigrationInfoService;
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

    /**
     * Fails with a one-line USER_ERROR naming {@code strait migrate} unless every migration this Strait knows is
     * applied. Reads only (Flyway's history table): commands that must not change the schema call it instead of
     * {@link #migrate()}, so that a user with SELECT privileges only can run them. {@code migrateCommand} is the
     * command the message tells the operator to run, e.g. {@code strait migrate --config /etc/strait/strait.yaml}.
     */
    public void requireCurrentSchema(String migrateCommand) {
        int pending;
        String current;
        try {
            MigrationInfoService info = Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().info();
            pending = info.pending().length;
            current = info.current() == null ? "" : info.current().getVersion().getVersion();
        } catch (FlywayException e) {
            SQLException sqlCause = sqlCause(e);
            ErrorCategory category = sqlCause == null ? ErrorCategory.INTERNAL : SqlErrors.categorize(sqlCause);
            throw new StraitException(category, "Cannot read the schema version of the state store at "
                    + StoreUrls.redact(jdbcUrl) + ": " + firstLine(e.getMessage()), e);
        }
        if (current.isEmpty()) {
            throw StraitException.userError("The state store at " + StoreUrls.redact(jdbcUrl) + " has no Strait"
                    + " schema yet: create it with " + migrateCommand + " (as a user allowed to change the schema)");
        }
        if (pending > 0) {
            throw StraitException.userError("The state store schema at " + StoreUrls.redact(jdbcUrl) + " is behind"
                    + " (version " + current + ", " + pending + " migration(s) pending): upgrade it with " + migrateCommand
                    + " (as a user allowed to change the schema)");
        }
    }

    /** Whether database {@code databaseName} exists on the server of {@code serverUrl}. */
    public static boolean databaseExists(String serverUrl, String user, String password, String databaseName) {
        String server = StoreUrls.serverOf(serverUrl);
        try (Connection connection = DriverManager.getConnection(server, driverProperties(user, password));
                java.sql.PreparedStatement statement = connection.prepareStatement(
                        "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            statement.setString(1, databaseName);
            try (java.sql.ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw connectFailure(server, user, e);
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
        // a batch of statements (e.g. the compare-and-sets of jobs moved together) in one round trip, and each
        // statement's text parsed once per connection instead of at every use; the limit admits the long ones that
        // are used most: a batch's statements sent as one text, and job creation's inserts of 250 rows
        config.addDataSourceProperty("rewriteBatchedStatements", "true");
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("prepStmtCacheSize", "250");
        config.addDataSourceProperty("prepStmtCacheSqlLimit", "32768");
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
        if (sqlCause != null && sqlCause.getErrorCode() == UNKNOWN_DATABASE) {
            return new StraitException(ErrorCategory.USER_ERROR, "Cannot connect to the state store at "
                    + StoreUrls.redact(jdbcUrl) + ": database '" + StoreUrls.databaseOf(jdbcUrl) + "' does not exist;"
                    + " create it with strait migrate --create-database, or correct store.jdbc-url", e);
        }
        boolean refused = sqlCause != null && SqlErrors.categorize(sqlCause) == ErrorCategory.USER_ERROR;
        String next = refused ? "check the URL's database, the user and the password"
                : "check that MySQL or MariaDB runs there and is reachable";
        return new StraitException(refused ? ErrorCategory.USER_ERROR : ErrorCategory.EXTERNAL,
                "Cannot connect to the state store at " + StoreUrls.redact(jdbcUrl) + " as user '" + user + "': "
                        + reason + "; " + next, e);
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
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
