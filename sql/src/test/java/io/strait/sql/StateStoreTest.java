package io.strait.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.sql.testing.TestingMariaDb;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateStoreTest {
    private static final List<String> STRAIT_TABLES = List.of("copy_task", "divergence", "file_manifest",
            "hms_event", "job_transition", "planner_cursor", "reconcile_scan", "replication_job", "table_watermark");
    private static final List<String> QUARTZ_TABLES = List.of("QRTZ_BLOB_TRIGGERS", "QRTZ_CALENDARS",
            "QRTZ_CRON_TRIGGERS", "QRTZ_FIRED_TRIGGERS", "QRTZ_JOB_DETAILS", "QRTZ_LOCKS", "QRTZ_PAUSED_TRIGGER_GRPS",
            "QRTZ_SCHEDULER_STATE", "QRTZ_SIMPLE_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS", "QRTZ_TRIGGERS");

    @Test
    void migrationsCreateStraitAndQuartzTables() throws SQLException {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            assertThat(tables(db)).containsAll(STRAIT_TABLES).containsAll(QUARTZ_TABLES);
        }
    }

    @Test
    void migratingAgainAppliesNothing() {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            assertThat(db.stateStore().migrate()).isZero();
        }
    }

    @Test
    void fixtureDropsItsDatabaseOnClose() throws SQLException {
        TestingMariaDb db = TestingMariaDb.create();
        String name = db.databaseName();
        try (TestingMariaDb other = TestingMariaDb.create()) {
            assertThat(databases(other)).contains(name);
            db.close();
            assertThat(databases(other)).doesNotContain(name);
        }
    }

    @Test
    void unreachableServerIsAnExternalErrorNamingTheUrlButNotThePassword() throws IOException {
        String url = "jdbc:mysql://127.0.0.1:" + freePort() + "/strait?password=secret";
        assertThatThrownBy(() -> StateStore.open(url, "root", "hidden", 1))
                .isInstanceOfSatisfying(StraitException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.EXTERNAL);
                    assertThat(e.getMessage()).startsWith("Cannot connect to the state store at jdbc:mysql://127.0.0.1:")
                            .contains("password=***").doesNotContain("secret").doesNotContain("hidden");
                });
    }

    @Test
    void malformedUrlIsAUserError() {
        assertThatThrownBy(() -> StateStore.open("jdbc:postgresql://127.0.0.1/strait", "root", "", 1))
                .isInstanceOfSatisfying(StraitException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.USER_ERROR))
                .hasMessageContaining("must start with jdbc:mysql://");
    }

    @Test
    void unknownDatabaseIsAUserError() {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            String missing = StoreUrls.withDatabase(db.jdbcUrl(), db.databaseName() + "_missing");
            assertThatThrownBy(() -> StateStore.open(missing, db.user(), db.password(), 1))
                    .isInstanceOfSatisfying(StraitException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.USER_ERROR))
                    .hasMessageContaining(db.databaseName() + "_missing");
        }
    }

    private static List<String> tables(TestingMariaDb db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                ResultSet rows = connection.getMetaData().getTables(db.databaseName(), null, "%", null)) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString("TABLE_NAME"));
            }
            return names;
        }
    }

    private static List<String> databases(TestingMariaDb db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                ResultSet rows = connection.createStatement().executeQuery("SHOW DATABASES")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
