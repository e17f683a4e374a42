package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.config.StraitConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code store.tls} against a private MariaDB that accepts TLS connections only, with a certificate of a test CA:
 * verify-ca with a trust store of that CA (its password by {@code ${file:}}) migrates and reports,
 * over an encrypted connection, never showing the password; plain connections and a trust store of another CA are
 * refused in one line (exit 2).
 */
class StoreTlsIT {
    private static final String TRUST_PASSWORD = "trust-store-s3cret";

    @TempDir
    static Path work;
    private static TlsMariaDb server;
    private static Path trustStore;
    private static Path otherTrustStore;

    @BeforeAll
    static void startServer() throws Exception {
        server = TlsMariaDb.start(Files.createDirectories(work.resolve("server")));
        trustStore = TlsMariaDb.trustStore(server.caCertificate(), work.resolve("trust.p12"), TRUST_PASSWORD);
        Path other = Files.createDirectories(work.resolve("other-ca"));
        TlsMariaDb.certificateAuthority(other, "other");
        otherTrustStore = TlsMariaDb.trustStore(other.resolve("other.pem"), work.resolve("other-trust.p12"),
                TRUST_PASSWORD);
        Files.writeString(work.resolve("trust-password"), TRUST_PASSWORD + "\n");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void verifyCaWithTheServersCaMigratesAndReportsOverAnEncryptedConnection() throws Exception {
        Path config = verifiedConfig("verified");

        CliCapture.Result migrate = CliCapture.run("migrate", "--create-database", "--config", config.toString());
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        CliCapture.Result check = CliCapture.run("report", "--config", config.toString());
        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(migrate.all() + check.all()).doesNotContain(TRUST_PASSWORD);

        String url = new StraitConfigLoader().load(config).store().connectionUrl();
        try (Connection connection = DriverManager.getConnection(url, root());
                Statement statement = connection.createStatement();
                ResultSet cipher = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
            assertThat(cipher.next()).isTrue();
            assertThat(cipher.getString(2)).as("the TLS cipher of Strait's connection").isNotBlank();
        }
    }

    @Test
    void aPlainConnectionIsRefusedByTheServerInOneLine() throws Exception {
        Path config = config("plain", """
                  tls:
                    mode: disabled
                """);

        CliCapture.Result migrate = CliCapture.run("migrate", "--create-database", "--config", config.toString());

        assertThat(migrate.exitCode()).as(migrate.all()).isEqualTo(2);
        assertThat(migrate.err()).contains("strait migrate: ").doesNotContain("\tat ");
    }

    @Test
    void aTrustStoreOfAnotherCaIsRefused() throws Exception {
        Path config = config("other-ca", """
                  tls:
                    mode: verify-ca
                    trust-store: %s
                    trust-store-password: "${file:%s}"
                """.formatted(otherTrustStore, work.resolve("trust-password")));

        CliCapture.Result migrate = CliCapture.run("migrate", "--create-database", "--config", config.toString());

        assertThat(migrate.exitCode()).as(migrate.all()).isEqualTo(2);
        assertThat(migrate.all()).doesNotContain(TRUST_PASSWORD).doesNotContain("\tat ");
    }

    /**
     * The metastore listener with its typed TLS settings ({@code strait.store.tls.*}, the trust store's password as
     * a metastore setting) records a real metastore's event in the TLS-only store, over a verified connection.
     */
    @Test
    void theListenerInAMetastoreRecordsEventsOverVerifiedTls() throws Exception {
        Path config = verifiedConfig("listener");
        CliCapture.Result migrate = CliCapture.run("migrate", "--create-database", "--config", config.toString());
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        io.strait.common.config.StraitConfig.StoreConfig store = new StraitConfigLoader().load(config).store();
        java.util.Map<String, String> settings = new java.util.HashMap<>(io.strait.ops.demo.ListenerPlugin.settings(
                io.strait.common.region.RegionId.of("a"), store.jdbcUrl(), "root", "", work.resolve("spool")));
        settings.put("strait.store.tls.mode", "verify-ca");
        settings.put("strait.store.tls.trust-store", trustStore.toString());
        settings.put("strait.store.tls.trust-store-password", TRUST_PASSWORD);

        try (io.strait.embedded.EmbeddedRegion region = io.strait.embedded.EmbeddedRegion.builder("a",
                        work.resolve("region-a")).extraClasspath(io.strait.ops.demo.ListenerPlugin.classpath())
                .configuration(settings).start()) {
            org.apache.hadoop.conf.Configuration conf = org.apache.hadoop.hive.metastore.conf.MetastoreConf
                    .newMetastoreConf();
            org.apache.hadoop.hive.metastore.conf.MetastoreConf.setVar(conf,
                    org.apache.hadoop.hive.metastore.conf.MetastoreConf.ConfVars.THRIFT_URIS, region.metastoreUri());
            try (org.apache.hadoop.hive.metastore.HiveMetaStoreClient client =
                    new org.apache.hadoop.hive.metastore.HiveMetaStoreClient(conf)) {
                client.createDatabase(new org.apache.hadoop.hive.metastore.api.Database("over_tls", "",
                        region.externalRootUri() + "/over_tls.db", new java.util.HashMap<>()));
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                    eventsOf(store.connectionUrl(), "over_tls") == 1);
            assertThat(Files.readString(region.logFile())).doesNotContain(TRUST_PASSWORD)
                    .contains("TLS verify-ca");
        }
    }

    private static long eventsOf(String url, String database) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, root());
                java.sql.PreparedStatement statement = connection.prepareStatement(
                        "SELECT COUNT(*) FROM hms_event WHERE db_name = ?")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private static Properties root() {
        Properties properties = new Properties();
        properties.setProperty("user", "root");
        properties.setProperty("password", "");
        return properties;
    }

    /** verify-ca with the server's CA, the trust store's password by {@code ${file:}}. */
    private static Path verifiedConfig(String database) throws Exception {
        return config(database, """
                  tls:
                    mode: verify-ca
                    trust-store: %s
                    trust-store-password: "${file:%s}"
                """.formatted(trustStore, work.resolve("trust-password")));
    }

    private static Path config(String database, String tlsSection) throws Exception {
        String yaml = """
                store:
                  jdbc-url: "%s"
                  user: root
                %s
                regions:
                  a: {metastore-uri: "thrift://127.0.0.1:1", roots: {warehouse: "file:///tmp/strait-tls-a"}}
                  b: {metastore-uri: "thrift://127.0.0.1:1", roots: {warehouse: "file:///tmp/strait-tls-b"}}
                links:
                  - {name: a-to-b, source: a, target: b}
                """.formatted(server.serverUrl() + "strait_tls_" + database.replace('-', '_'), tlsSection.stripTrailing());
        return Files.writeString(work.resolve(database + ".yaml"), yaml);
    }
}
