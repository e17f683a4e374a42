package io.strait.sql.testing;

import io.strait.common.error.StraitException;
import io.strait.sql.StateStore;
import io.strait.sql.StoreUrls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A fresh, uniquely named, fully migrated Strait database on a real MySQL/MariaDB server, for tests. The server is
 * given by system property {@value #URL_PROPERTY} (default {@value #DEFAULT_SERVER_URL}), with user
 * {@value #USER_PROPERTY} (default root) and password {@value #PASSWORD_PROPERTY} (default empty).
 * {@link #close()} drops the database. When the server is unreachable {@link #create()} fails, naming the URL.
 *
 * <pre>
 * try (TestingMariaDb db = TestingMariaDb.create()) {
 *     JobStore jobs = new JdbcJobStore(db.dataSource(), Clock.systemUTC());
 * }
 * </pre>
 */
public final class TestingMariaDb implements AutoCloseable {
    public static final String URL_PROPERTY = "strait.test.jdbc.url";
    public static final String USER_PROPERTY = "strait.test.jdbc.user";
    public static final String PASSWORD_PROPERTY = "strait.test.jdbc.password";
    public static final String DEFAULT_SERVER_URL = "jdbc:mysql://127.0.0.1:3306/";
    private static final int POOL_SIZE = 8;

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String databaseName;
    private final StateStore stateStore;

    private TestingMariaDb(String serverUrl, String user, String password, String databaseName,
            StateStore stateStore) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.databaseName = databaseName;
        this.stateStore = stateStore;
    }

    /** Creates database {@code strait_test_<random>} on the configured server and runs Strait's migrations. */
    public static TestingMariaDb create() {
        String serverUrl = System.getProperty(URL_PROPERTY, DEFAULT_SERVER_URL);
        String user = System.getProperty(USER_PROPERTY, "root");
        String password = System.getProperty(PASSWORD_PROPERTY, "");
        String databaseName = "strait_test_" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 16).toLowerCase(Locale.ROOT);
        try {
            StateStore.createDatabaseIfMissing(serverUrl, user, password, databaseName);
            StateStore store = StateStore.open(StoreUrls.withDatabase(serverUrl, databaseName), user, password,
                    POOL_SIZE);
            TestingMariaDb db = new TestingMariaDb(serverUrl, user, password, databaseName, store);
            migrateOrDrop(db);
            return db;
        } catch (StraitException e) {
            throw new IllegalStateException("Cannot create a test database on " + StoreUrls.redact(serverUrl)
                    + ": " + e.getMessage() + ". Start MySQL/MariaDB there or point -D" + URL_PROPERTY
                    + " at a running server.", e);
        }
    }

    /** The full JDBC URL of the test database. */
    public String jdbcUrl() {
        return stateStore.jdbcUrl();
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A pooled data source on the test database. */
    public DataSource dataSource() {
        return stateStore.dataSource();
    }

    public String databaseName() {
        return databaseName;
    }

    /** The state store the fixture opened (closed by {@link #close()}). */
    public StateStore stateStore() {
        return stateStore;
    }

    /** Closes the pool and drops the database. */
    @Override
    public void close() {
        stateStore.close();
        dropDatabase();
    }

    private static void migrateOrDrop(TestingMariaDb db) {
        try {
            db.stateStore.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private void dropDatabase() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        try (Connection connection = DriverManager.getConnection(StoreUrls.serverOf(serverUrl), properties);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("DROP DATABASE IF EXISTS `" + databaseName + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop test database " + databaseName + " on "
                    + StoreUrls.redact(serverUrl) + ": " + e.getMessage(), e);
        }
    }
}
