package io.strait.sync;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * An S3-compatible server (S3Proxy over a local filesystem blob store) in its own process on a free port of this
 * machine, with AWS signature authentication and one bucket; its jar comes from the build
 * ({@code strait.test.s3proxy.jar}). A missing jar or a server that does not start fails the test. Shared with
 * other modules' tests through this module's test jar.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "strait-test";
    public static final String SECRET_KEY = "strait-test-secret";

    private final Process process;
    private final int port;
    private final String bucket;

    private S3ProxyServer(Process process, int port, String bucket) {
        this.process = process;
        this.port = port;
        this.bucket = bucket;
    }

    public static S3ProxyServer start(Path directory, String bucket) throws Exception {
        String jar = System.getProperty("strait.test.s3proxy.jar", "");
        if (jar.isEmpty() || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("S3Proxy jar not found at '" + jar + "' (system property"
                    + " strait.test.s3proxy.jar): run the test through Maven's integration-test phase");
        }
        Path blobs = directory.resolve("blobs");
        Files.createDirectories(blobs.resolve(bucket));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Properties properties = new Properties();
        properties.putAll(Map.of(
                "s3proxy.endpoint", "http://127.0.0.1:" + port,
                "s3proxy.authorization", "aws-v2-or-v4",
                "s3proxy.identity", ACCESS_KEY,
                "s3proxy.credential", SECRET_KEY,
                "jclouds.provider", "filesystem",
                "jclouds.filesystem.basedir", blobs.toString(),
                "jclouds.identity", ACCESS_KEY,
                "jclouds.credential", SECRET_KEY));
        Path configuration = directory.resolve("s3proxy.conf");
        try (OutputStream out = Files.newOutputStream(configuration)) {
            properties.store(out, "S3Proxy of the s3a tests");
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar, "--properties", configuration.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("s3proxy.log").toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, port, bucket);
        try {
            server.awaitPort(directory.resolve("s3proxy.log"));
            return server;
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    /** {@code s3a://<bucket>} */
    public String bucketUri() {
        return "s3a://" + bucket;
    }

    /** The s3a settings of a region on this server. */
    public Map<String, String> s3aSettings() {
        return Map.ofEntries(
                Map.entry("fs.s3a.endpoint", "http://127.0.0.1:" + port),
                Map.entry("fs.s3a.endpoint.region", "us-east-1"),
                Map.entry("fs.s3a.path.style.access", "true"),
                Map.entry("fs.s3a.connection.ssl.enabled", "false"),
                Map.entry("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider"),
                Map.entry("fs.s3a.access.key", ACCESS_KEY),
                Map.entry("fs.s3a.secret.key", SECRET_KEY),
                Map.entry("fs.s3a.attempts.maximum", "2"),
                Map.entry("fs.s3a.retry.limit", "2"),
                // multipart uploads from 5 MB on (S3's smallest part), so the tests' large files use them
                Map.entry("fs.s3a.multipart.size", "5M"),
                Map.entry("fs.s3a.multipart.threshold", "5M"));
    }

    private void awaitPort(Path log) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("S3Proxy did not listen on port " + port + " within 60 s: "
                + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
