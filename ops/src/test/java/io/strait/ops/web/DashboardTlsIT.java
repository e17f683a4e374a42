package io.strait.ops.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.error.StraitException;
import io.strait.sql.testing.TestingMariaDb;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard with {@code http.tls}: HTTPS with the key store's certificate (a client trusting it reads
 * {@code /health}), no plain HTTP on the same port; without a key store, plain HTTP beyond this machine is refused.
 */
class DashboardTlsIT {
    private static final String PASSWORD = "dashboard-key-s3cret";

    @TempDir
    Path work;

    @Test
    void servesHttpsWithTheKeyStoresCertificateAndNoPlainHttp() throws Exception {
        Path keyStore = work.resolve("dashboard.p12");
        keytool("-genkeypair", "-alias", "dashboard", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        Path certificate = work.resolve("dashboard.crt");
        keytool("-exportcert", "-alias", "dashboard", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        Path trustStore = work.resolve("trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "dashboard", "-file", certificate.toString(), "-keystore",
                trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        Files.writeString(work.resolve("key-password"), PASSWORD);

        try (TestingMariaDb db = TestingMariaDb.create()) {
            StraitConfig config = config(db.jdbcUrl(), """
                    http:
                      tls:
                        key-store: %s
                        key-store-password: "${file:%s}"
                    """.formatted(keyStore, work.resolve("key-password")));
            try (DashboardServer server = DashboardServer.start(config, "127.0.0.1", 0, db.dataSource(),
                    Clock.systemUTC())) {
                HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(trustStore))
                        .connectTimeout(Duration.ofSeconds(5)).build();
                HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(URI.create(
                        "https://127.0.0.1:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
                assertThat(health.body()).contains("\"stateStore\"");

                HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + "/health")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
                HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                        + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
                        .as("a client that does not trust the certificate").isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void plainHttpBeyondThisMachineIsRefusedUnlessAllowed() throws Exception {
        try (TestingMariaDb db = TestingMariaDb.create()) {
            StraitConfig plain = config(db.jdbcUrl(), "");
            assertThatThrownBy(() -> DashboardServer.start(plain, "0.0.0.0", 0, db.dataSource(), Clock.systemUTC()))
                    .isInstanceOf(StraitException.class).hasMessageContaining("plain HTTP at 0.0.0.0")
                    .hasMessageContaining("http.tls.key-store");

            StraitConfig allowed = config(db.jdbcUrl(), "http: {insecure-plain-http: true}");
            try (DashboardServer server = DashboardServer.start(allowed, "0.0.0.0", 0, db.dataSource(),
                    Clock.systemUTC())) {
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
            }
        }
    }

    private static SSLContext trusting(Path trustStore) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static StraitConfig config(String jdbcUrl, String http) {
        return new StraitConfigLoader().parse("""
                store: {jdbc-url: "%s"}
                regions:
                  region-a: {metastore-uri: "thrift://127.0.0.1:1", roots: {warehouse: "file:/warehouse/a"}}
                  region-b: {metastore-uri: "thrift://127.0.0.1:1", roots: {warehouse: "file:/warehouse/b"}}
                links:
                  - {name: a-to-b, source: region-a, target: region-b}
                %s
                """.formatted(jdbcUrl, http), "dashboard-tls-test.yaml");
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
