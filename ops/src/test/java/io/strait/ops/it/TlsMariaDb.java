package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A private, throwaway MariaDB server that accepts TLS connections only ({@code --require-secure-transport}), with a
 * certificate of a test CA generated with openssl, on a free port and a data folder of its own. Root has no
 * password. {@link #trustStore} makes a PKCS12 trust store of a CA with keytool.
 */
final class TlsMariaDb implements AutoCloseable {
    private final Path folder;
    private final Process server;
    private final int port;

    private TlsMariaDb(Path folder, Process server, int port) {
        this.folder = folder;
        this.server = server;
        this.port = port;
    }

    static TlsMariaDb start(Path folder) throws Exception {
        Path certificates = Files.createDirectories(folder.resolve("certificates"));
        certificateAuthority(certificates, "ca");
        run(certificates, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server-key.pem",
                "-out", "server.csr", "-subj", "/CN=localhost");
        Files.writeString(certificates.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        run(certificates, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
                "-CAcreateserial", "-days", "2", "-sha256", "-extfile", "server.ext", "-out", "server.pem");
        Path data = folder.resolve("data");
        run(folder, "mariadb-install-db", "--no-defaults", "--datadir=" + data, "--user=root",
                "--auth-root-authentication-method=normal", "--skip-test-db");
        int port = freePort();
        Process server = new ProcessBuilder("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + data,
                "--user=root", "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + folder.resolve("sock"),
                "--pid-file=" + folder.resolve("pid"), "--innodb-buffer-pool-size=64M", "--skip-log-bin",
                "--ssl-ca=" + certificates.resolve("ca.pem"), "--ssl-cert=" + certificates.resolve("server.pem"),
                "--ssl-key=" + certificates.resolve("server-key.pem"), "--require-secure-transport=ON")
                .redirectErrorStream(true).redirectOutput(folder.resolve("server.log").toFile()).start();
        TlsMariaDb started = new TlsMariaDb(folder, server, port);
        try {
            Awaitility.await("the private MariaDB at port " + port).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> answers(port));
        } catch (RuntimeException notStarted) {
            started.close();
            throw new AssertionError("the private MariaDB did not start: " + Files.readString(
                    folder.resolve("server.log")), notStarted);
        }
        return started;
    }

    /** A CA key ({@code name-key.pem}) and self-signed certificate ({@code name.pem}) in {@code folder}. */
    static void certificateAuthority(Path folder, String name) throws Exception {
        run(folder, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout",
                name + "-key.pem", "-out", name + ".pem", "-subj", "/CN=Strait test " + name);
    }

    /** A PKCS12 trust store holding CA certificate {@code caPem}, protected by {@code password}. */
    static Path trustStore(Path caPem, Path store, String password) throws Exception {
        run(store.getParent(), "keytool", "-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(),
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password);
        return store;
    }

    Path caCertificate() {
        return folder.resolve("certificates/ca.pem");
    }

    /** The server URL (no database). */
    String serverUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/";
    }

    @Override
    public void close() throws Exception {
        server.destroy();
        if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(List.of(command)).directory(directory.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ":\n" + output).isZero();
    }
}
