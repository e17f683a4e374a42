package io.strait.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.sql.testing.TestingMariaDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the commands that must not migrate rely on, against a real MariaDB: the database and the schema version. */
class StateStoreSchemaTest {
    private static final String MIGRATE = "strait migrate --config /etc/strait/strait.yaml";

    private static String server() {
        return System.getProperty(TestingMariaDb.URL_PROPERTY, TestingMariaDb.DEFAULT_SERVER_URL);
    }

    private static String user() {
        return System.getProperty(TestingMariaDb.USER_PROPERTY, "root");
    }

    private static String password() {
        return System.getProperty(TestingMariaDb.PASSWORD_PROPERTY, "");
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(StoreUrls.serverOf(server()), user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void aMissingDatabaseIsSeenAndNamedWithTheFlagThatCreatesIt() throws Exception {
        String database = "strait_test_missing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
                .toLowerCase(Locale.ROOT);
        String url = StoreUrls.withDatabase(server(), database);
        try {
            assertThat(StateStore.databaseExists(url, user(), password(), database)).isFalse();
            assertThatThrownBy(() -> StateStore.open(url, user(), password(), 1))
                    .isInstanceOf(StraitException.class)
                    .hasMessageContaining("database '" + database + "' does not exist")
                    .hasMessageContaining("strait migrate --create-database")
                    .satisfies(e -> assertThat(((StraitException) e).category()).isEqualTo(ErrorCategory.USER_ERROR));

            StateStore.createDatabaseIfMissing(url, user(), password(), database);

            assertThat(StateStore.databaseExists(url, user(), password(), database)).isTrue();
            try (StateStore store = StateStore.open(url, user(), password(), 1)) {
                assertThatThrownBy(() -> store.requireCurrentSchema(MIGRATE))
                        .hasMessageContaining("has no Strait schema yet: create it with " + MIGRATE);
            }
        } finally {
            execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    @Test
    void aSchemaBehindIsRefusedNamingMigrateAndNothingIsApplied() throws Exception {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            assertThatCode(() -> db.stateStore().requireCurrentSchema(MIGRATE)).doesNotThrowAnyException();
            execute("DELETE FROM `" + db.databaseName() + "`.flyway_schema_history WHERE installed_rank = (SELECT m"
                    + " FROM (SELECT MAX(installed_rank) m FROM `" + db.databaseName() + "`.flyway_schema_history) x)");

            assertThatThrownBy(() -> db.stateStore().requireCurrentSchema(MIGRATE))
                    .isInstanceOf(StraitException.class)
                    .hasMessageContaining("is behind")
                    .hasMessageContaining("1 migration(s) pending")
                    .hasMessageContaining("upgrade it with " + MIGRATE)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThatThrownBy(() -> db.stateStore().requireCurrentSchema(MIGRATE))
                    .as("checking twice applied nothing").hasMessageContaining("1 migration(s) pending");
        }
    }
}
