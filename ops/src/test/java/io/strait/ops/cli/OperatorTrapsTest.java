package io.strait.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.sql.StoreUrls;
import io.strait.sql.testing.TestingMariaDb;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator traps of the command line, against a real MariaDB: creating the database, the accepted URLs, which
 * commands may change the schema (a user with SELECT only runs the others), and bad arguments ending in one line.
 */
class OperatorTrapsTest {
    @TempDir
    Path work;

    private record Result(int exitCode, String out, String err) {
        String all() {
            return out + "\n--- stderr ---\n" + err;
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StraitCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static String serverUrl() {
        return System.getProperty(TestingMariaDb.URL_PROPERTY, TestingMariaDb.DEFAULT_SERVER_URL);
    }

    private Path config(String jdbcUrl, String user, String passwordLine) throws IOException {
        Path file = work.resolve("strait-" + UUID.randomUUID().toString().substring(0, 6) + ".yaml");
        Files.writeString(file, """
                store:
                  jdbc-url: "%s"
                  user: "%s"
                  %s
                regions:
                  a: {metastore-uri: "thrift://127.0.0.1:%d", roots: {w: "file:/tmp/strait-a/w"}}
                  b: {metastore-uri: "thrift://127.0.0.1:%d", roots: {w: "file:/tmp/strait-b/w"}}
                links:
                  - {name: a-to-b, source: a, target: b}
                """.formatted(jdbcUrl, user, passwordLine, closedPort(), closedPort()));
        return file;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void asRoot(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(StoreUrls.serverOf(serverUrl()),
                System.getProperty(TestingMariaDb.USER_PROPERTY, "root"),
                System.getProperty(TestingMariaDb.PASSWORD_PROPERTY, ""));
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static boolean databaseExists(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(StoreUrls.serverOf(serverUrl()),
                System.getProperty(TestingMariaDb.USER_PROPERTY, "root"),
                System.getProperty(TestingMariaDb.PASSWORD_PROPERTY, ""));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + name + "'")) {
            return rows.next();
        }
    }

    private static long historyRows(TestingMariaDb db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM flyway_schema_history")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void assertOneLineNamingTheFix(Result result, String... fix) {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err().strip().lines()).as(result.all()).hasSize(1);
        assertThat(result.err()).as(result.all()).contains(fix).doesNotContain("\tat ");
    }

    @Test
    void migrateCreatesAMissingDatabaseOnlyWithCreateDatabaseAndSaysWhatItDid() throws Exception {
        String database = "strait_test_create_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
                .toLowerCase(Locale.ROOT);
        Path file = config(StoreUrls.withDatabase(serverUrl(), database), "root", "");
        try {
            Result without = run("migrate", "--config", file.toString());
            assertOneLineNamingTheFix(without, "strait migrate --create-database --config " + file);
            assertThat(without.err()).contains("database '" + database + "' does not exist");
            assertThat(databaseExists(database)).isFalse();
            Result report = run("report", "--config", file.toString());
            assertOneLineNamingTheFix(report, "--create-database");

            Result created = run("migrate", "--create-database", "--config", file.toString());
            assertThat(created.exitCode()).as(created.all()).isZero();
            assertThat(created.out()).contains("created database '" + database + "'", "migration(s) applied");
            assertThat(databaseExists(database)).isTrue();

            Result again = run("migrate", "--create-database", "--config", file.toString());
            assertThat(again.exitCode()).as(again.all()).isZero();
            assertThat(again.out()).contains("database '" + database + "' exists already", "0 migration(s) applied");
        } finally {
            asRoot("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    @Test
    void configCheckAndMigrateRefuseAMariadbUrlWithTheSameReason() throws Exception {
        String reason = "jdbc:mariadb: URLs need MariaDB Connector/J, which Strait does not ship";
        Path mariadb = config("jdbc:mariadb://127.0.0.1:3306/strait", "root", "");

        Result check = run("config", "check", "--config", mariadb.toString());
        Result migrate = run("migrate", "--config", mariadb.toString());

        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(migrate.exitCode()).isEqualTo(2);
        assertThat(check.err()).contains(reason, "store.jdbc-url", "jdbc:mysql://");
        assertThat(migrate.err()).contains(reason, "store.jdbc-url", "jdbc:mysql://");
    }

    @Test
    void aReadOnlyUserRunsTheReadingCommandsAndNoneOfThemMigrates() throws Exception {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            String user = "strait_ro_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            Path password = work.resolve("ro-password");
            Files.writeString(password, "ro-Secret-" + user + "\n");
            asRoot("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'ro-Secret-" + user + "'",
                    "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY 'ro-Secret-" + user + "'",
                    "GRANT SELECT ON `" + db.databaseName() + "`.* TO '" + user + "'@'%'",
                    "GRANT SELECT ON `" + db.databaseName() + "`.* TO '" + user + "'@'localhost'");
            try {
                Path file = config(db.jdbcUrl(), user, "password: \"${file:" + password + "}\"");
                String f = file.toString();
                for (String[] command : new String[][] {{"report"}, {"jobs"}, {"status"}, {"why", "sales.orders"},
                        {"jobs", "--json"}, {"report", "--json"}}) {
                    Result result = run(concat(command, "--config", f));
                    assertThat(result.exitCode()).as(String.join(" ", command) + ": " + result.all()).isZero();
                    assertThat(result.all()).doesNotContainIgnoringCase("denied");
                }
                Result job = run("job", "--config", f, "12345");
                assertThat(job.all()).as(job.all()).doesNotContainIgnoringCase("denied").contains("12345");

                long history = historyRows(db);
                asRoot("DELETE FROM `" + db.databaseName() + "`.flyway_schema_history WHERE installed_rank = "
                        + "(SELECT m FROM (SELECT MAX(installed_rank) m FROM `" + db.databaseName()
                        + "`.flyway_schema_history) latest)");
                for (String[] command : new String[][] {{"report"}, {"jobs"}, {"status"}, {"why", "sales.orders"},
                        {"job", "1"}, {"reconcile", "sales.orders"}, {"bootstrap", "sales"},
                        {"run", "--no-migrate"}, {"serve", "--port", "0"}}) {
                    Result result = run(concat(command, "--config", f));
                    assertOneLineNamingTheFix(result, "strait migrate --config " + f);
                    assertThat(result.err()).as(result.all()).contains("is behind", "1 migration(s) pending");
                }
                assertThat(historyRows(db)).as("no command applied the missing migration").isEqualTo(history - 1);
            } finally {
                asRoot("DROP USER IF EXISTS '" + user + "'@'%'", "DROP USER IF EXISTS '" + user + "'@'localhost'");
            }
        }
    }

    @Test
    void aDatabaseWithoutStraitsSchemaIsNamedInOneLine() throws Exception {
        String database = "strait_test_empty_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
                .toLowerCase(Locale.ROOT);
        asRoot("CREATE DATABASE `" + database + "`");
        try {
            Path file = config(StoreUrls.withDatabase(serverUrl(), database), "root", "");
            Result result = run("jobs", "--config", file.toString());
            assertOneLineNamingTheFix(result, "strait migrate --config " + file);
            assertThat(result.err()).contains("has no Strait schema yet");
        } finally {
            asRoot("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    @Test
    void badArgumentsEndInOneLineNamingTheFixWithoutAStackTrace() throws Exception {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            String f = config(db.jdbcUrl(), "root", "").toString();

            assertOneLineNamingTheFix(run("jobs", "--config", f, "--limit", "-5"), "--limit is -5; give a number");
            assertOneLineNamingTheFix(run("jobs", "--config", f, "--limit", "lots"), "strait jobs --help");
            assertOneLineNamingTheFix(run("job", "--config", f, "-3"), "ID is -3");
            assertOneLineNamingTheFix(run("jobs", "--config", f, "--table", "orders"), "give it as DB.TABLE");
            assertOneLineNamingTheFix(run("reconcile", "--config", f, "--timeout", "0", "--repair", "orders"),
                    "--timeout 0");
            assertOneLineNamingTheFix(run("serve", "--config", f, "--port", "70000"), "--port is 70000");
            assertOneLineNamingTheFix(run("demo", "--store-password-env", "A", "--store-password-file", "/b"),
                    "not both");
            assertOneLineNamingTheFix(run("demo", "--store-password", "on-the-command-line"),
                    "Unknown options: '--store-password'", "--store-password-file or --store-password-env?");
            assertOneLineNamingTheFix(run("demo", "--store-password-env", "STRAIT_TEST_NOT_SET_ANYWHERE"),
                    "environment variable STRAIT_TEST_NOT_SET_ANYWHERE");
            assertOneLineNamingTheFix(run("demo", "--store-password-file", work.resolve("absent").toString()),
                    "cannot read file " + work.resolve("absent"));

            Result reconcile = run("reconcile", "--config", f, "orders");
            assertOneLineNamingTheFix(reconcile, "Cannot connect to the metastore of region a");
            Result verbose = run("reconcile", "--config", f, "--verbose", "orders");
            assertThat(verbose.exitCode()).isEqualTo(2);
            assertThat(verbose.err()).as("--verbose adds the stack trace").contains("\tat ");
        }
    }

    @Test
    void configCheckFindsUnmappedRootsUnknownRegionsAndOnlineUnreachableServices() throws Exception {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            Path unmapped = config(db.jdbcUrl(), "root", "");
            Files.writeString(unmapped, Files.readString(unmapped).replace("roots: {w: \"file:/tmp/strait-a/w\"}",
                    "roots: {w: \"file:/tmp/strait-a/w\", raw: \"file:/tmp/strait-a/raw\"}"));
            Path unknownRegion = config(db.jdbcUrl(), "root", "");
            Files.writeString(unknownRegion, Files.readString(unknownRegion).replace("target: b", "target: c"));

            Result warned = run("config", "check", "--config", unmapped.toString());
            Result unknown = run("config", "check", "--config", unknownRegion.toString());
            Result online = run("config", "check", "--online", "--config", unmapped.toString());

            assertThat(warned.exitCode()).as(warned.all()).isZero();
            assertThat(warned.out()).contains("warning:", "links[0]", "source region a has root 'raw'",
                    "declare regions.b.roots.raw");
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.err()).contains("links[0].target", "names region 'c', which is not declared");
            assertThat(online.exitCode()).as("the metastores do not answer: " + online.all()).isEqualTo(2);
            assertThat(online.out()).contains("online: state store (" + db.jdbcUrl() + "): ok",
                    "schema up to date", "online: metastore of region a", "FAILED: Cannot connect to the metastore");
        }
    }

    private static String[] concat(String[] command, String... more) {
        String[] all = new String[command.length + more.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(more, 0, all, command.length, more.length);
        return all;
    }
}
