package io.strait.ops.it;

import io.strait.sql.testing.TestingMariaDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Root access to the tests' MariaDB server (the {@code strait.test.jdbc.*} properties, as {@link TestingMariaDb}
 * reads them): creates and drops the throwaway databases and users a test needs beside its state store.
 */
record ServerAdmin(String serverUrl, String user, String password) {
    static ServerAdmin fromSystemProperties() {
        return new ServerAdmin(System.getProperty(TestingMariaDb.URL_PROPERTY, TestingMariaDb.DEFAULT_SERVER_URL),
                System.getProperty(TestingMariaDb.USER_PROPERTY, "root"),
                System.getProperty(TestingMariaDb.PASSWORD_PROPERTY, ""));
    }

    /** A short random suffix for names that must not collide with other runs on the same server. */
    static String uniqueSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    /** Runs {@code statements} in order, as the server's root user. */
    void execute(String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
