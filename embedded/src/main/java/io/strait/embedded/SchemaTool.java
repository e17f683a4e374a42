package io.strait.embedded;

import io.strait.common.error.StraitException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a metastore's schema (Derby in the work folder, or a shared MySQL/MariaDB database) with Hive's own schema
 * tool, run as a child JVM on the server classpath with
 * {@code METASTORE_HOME} pointing at the unpacked distribution (the schema scripts).
 */
final class SchemaTool {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaTool.class);
    private static final int LOG_TAIL_LINES = 40;

    private SchemaTool() {
    }

    /** True when the Derby database of {@code workDirectory} exists already (a restart keeps its schema). */
    static boolean isInitialized(Path workDirectory) {
        return Files.isDirectory(workDirectory.resolve("metastore_db"));
    }

    /** Runs {@code -initSchema} for Derby; fails with the log tail when the tool fails or times out. */
    static void initializeDerby(String region, MetastoreRuntime runtime, List<Path> classpath,
            MetastoreSettings settings, Path workDirectory, Path logFile, Duration timeout, List<String> extraOptions) {
        initialize(region, runtime, classpath, arguments("derby", settings), workDirectory, logFile, timeout,
                extraOptions);
    }

    /**
     * True when {@code database} holds a metastore schema already (its {@code VERSION} table has a row): the
     * region's first process created it.
     */
    static boolean isInitialized(MetastoreDatabase database) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM VERSION")) {
            return rows.next() && rows.getLong(1) > 0;
        } catch (SQLException e) {
            if ("42S02".equals(e.getSQLState())) {
                return false;
            }
            throw StraitException.external("Cannot read the metastore schema version at " + database.jdbcUrl()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code -initSchema -dbType mysql} on {@code database}; fails with the log tail like the Derby one. */
    static void initializeMysql(String region, MetastoreRuntime runtime, List<Path> classpath,
            MetastoreSettings settings, Path workDirectory, Path logFile, Duration timeout, List<String> extraOptions) {
        initialize(region, runtime, classpath, arguments(MetastoreDatabase.SCHEMA_TYPE, settings), workDirectory,
                logFile, timeout, extraOptions);
    }

    private static void initialize(String region, MetastoreRuntime runtime, List<Path> classpath,
            List<String> arguments, Path workDirectory, Path logFile, Duration timeout, List<String> extraOptions) {
        long started = System.nanoTime();
        List<String> options = new java.util.ArrayList<>(ChildJvmOptions.standard());
        options.addAll(extraOptions);
        ChildJvm.Spec spec = new ChildJvm.Spec(region + "-schema-tool", classpath, options,
                runtime.line().schemaToolClass(), arguments, Map.of("METASTORE_HOME", runtime.distributionDirectory().toString()),
                workDirectory, logFile);
        try (ChildJvm tool = ChildJvm.start(spec)) {
            int status = tool.awaitExit(timeout);
            if (status != 0) {
                throw failure(region, status < 0 ? "no result within " + timeout : "exit status " + status, logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(region, "interrupted", logFile);
        }
        LOG.info("region {} metastore schema created in {} ms", region, (System.nanoTime() - started) / 1_000_000);
    }

    private static List<String> arguments(String databaseType, MetastoreSettings settings) {
        return List.of("-dbType", databaseType, "-initSchema",
                "-url", settings.get("javax.jdo.option.ConnectionURL"),
                "-driver", settings.get("javax.jdo.option.ConnectionDriverName"),
                "-userName", settings.get("javax.jdo.option.ConnectionUserName"),
                "-passWord", settings.get("javax.jdo.option.ConnectionPassword"));
    }

    private static StraitException failure(String region, String reason, Path logFile) {
        return StraitException.external("Cannot create the metastore schema of region " + region + ": " + reason
                + " (log " + logFile + "; last lines below)\n" + LogTail.of(logFile, LOG_TAIL_LINES), null);
    }
}
