package io.strait.listener;

import static org.awaitility.Awaitility.await;

import io.strait.embedded.EmbeddedRegion;
import io.strait.sql.testing.TestingMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.junit.jupiter.api.Test;

/**
 * A real metastore process whose listener reads its state store password from a JCEKS credential store named by
 * {@code hadoop.security.credential.provider.path} (no password in the metastore's configuration): the store user
 * has a password, and the listener's events reach the store.
 */
class ListenerCredentialProviderIntegrationTest {
    @Test
    void theListenerConnectsWithThePasswordOfTheJceksStore() throws Exception {
        String user = "strait_jceks_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String password = "jceks-" + UUID.randomUUID();
        Path work = TestingListenerRegion.workDirectory("jceks");
        try (TestingMariaDb store = TestingMariaDb.create()) {
            createUser(store, user, password);
            Map<String, String> settings = new HashMap<>(Map.of("strait.store.jdbc-url", store.jdbcUrl(),
                    "strait.store.user", user, "strait.listener.spool-directory", work.resolve("spool").toString(),
                    "hadoop.security.credential.provider.path", TestingCredentialStore.create(
                            work.resolve("strait.jceks"), "strait.store.password", password)));
            try (EmbeddedRegion metastore = TestingListenerRegion.builder("region-a", work, settings).start()) {
                try (IMetaStoreClient client = TestingListenerRegion.client(metastore)) {
                    client.createDatabase(TestingListenerRegion.database("secured"));
                }
                // a listener that could not log in would spool the event: it would never reach hms_event
                await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(store, "secured") == 1);
            } finally {
                dropUser(store, user);
            }
        }
    }

    private static void createUser(TestingMariaDb store, String user, String password) throws Exception {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            for (String host : new String[] {"%", "localhost", "127.0.0.1"}) {
                statement.execute("CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
                statement.execute("GRANT ALL ON `" + store.databaseName() + "`.* TO '" + user + "'@'" + host + "'");
            }
        }
    }

    private static void dropUser(TestingMariaDb store, String user) throws Exception {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            for (String host : new String[] {"%", "localhost", "127.0.0.1"}) {
                statement.execute("DROP USER IF EXISTS '" + user + "'@'" + host + "'");
            }
        }
    }

    private static int eventsOf(TestingMariaDb store, String database) throws Exception {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT COUNT(*) FROM hms_event WHERE db_name = ?")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
