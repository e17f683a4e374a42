package io.strait.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.sql.testing.TestingMariaDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strait config check} (text, {@code --json}, {@code --online}) on files whose secrets come from
 * {@code ${env:}} and {@code ${file:}}: run as its own process with a real environment, no secret appears in its
 * output or its logs, valid file or not.
 */
class ConfigCheckSecretsTest {
    private static final String STORE_PASSWORD = "store-Pw-from-env-4711";
    private static final String TOKEN = "http-token-from-file-0815";
    private static final String HEADER = "webhook-header-from-env-9999";
    private static final String URL_SECRET = "url-path-secret-1234";

    @TempDir
    Path work;

    private record Result(int exitCode, String output) {
    }

    /** {@code strait} in a child JVM with {@code environment} added; stdout and stderr together. */
    private Result strait(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), StraitCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private Path config(String extraStore, String extra) throws IOException {
        Path tokenFile = work.resolve("http-token");
        Files.writeString(tokenFile, TOKEN + "\n");
        Path file = work.resolve("strait-" + System.nanoTime() + ".yaml");
        String server = System.getProperty(TestingMariaDb.URL_PROPERTY, TestingMariaDb.DEFAULT_SERVER_URL);
        Files.writeString(file, """
                store:
                  jdbc-url: "%s"
                  user: root
                  password: "${env:STRAIT_TEST_STORE_PASSWORD}"
                  %s
                regions:
                  a: {metastore-uri: "thrift://127.0.0.1:1", roots: {w: "file:/tmp/strait-a/w"}}
                  b: {metastore-uri: "thrift://127.0.0.1:1", roots: {w: "file:/tmp/strait-b/w"}}
                links:
                  - {name: a-to-b, source: a, target: b}
                http: {token: "${file:%s}"}
                alerts:
                  webhooks:
                    - url: "https://alerts.example.com/hooks/%s"
                      headers: {Authorization: "Bearer ${env:STRAIT_TEST_HEADER}"}
                %s
                """.formatted(io.strait.sql.StoreUrls.withDatabase(server, "strait_secrets_check"), extraStore,
                tokenFile, URL_SECRET, extra));
        return file;
    }

    private static void assertNoSecret(Result result) {
        assertThat(result.output()).doesNotContain(STORE_PASSWORD, TOKEN, HEADER, URL_SECRET);
    }

    @Test
    void noSecretAppearsInTheOutputOfAValidFile() throws Exception {
        Map<String, String> environment = Map.of("STRAIT_TEST_STORE_PASSWORD", STORE_PASSWORD,
                "STRAIT_TEST_HEADER", HEADER);
        String file = config("", "").toString();

        Result text = strait(environment, "config", "check", "--config", file);
        Result json = strait(environment, "config", "check", "--json", "--config", file);
        Result online = strait(environment, "config", "check", "--online", "--config", file);
        Result onlineJson = strait(environment, "config", "check", "--online", "--json", "--config", file);

        assertThat(text.exitCode()).as(text.output()).isZero();
        assertThat(text.output()).contains("ok, 2 region(s), 1 link(s)");
        assertThat(json.exitCode()).as(json.output()).isZero();
        assertThat(json.output()).contains("\"valid\" : true");
        assertThat(online.exitCode()).as("the store refuses the password, the metastores are down: "
                + online.output()).isEqualTo(2);
        assertThat(online.output()).contains("online: state store", "Access denied", "online: metastore of region a");
        assertThat(onlineJson.output()).contains("\"ok\" : false");
        List.of(text, json, online, onlineJson).forEach(ConfigCheckSecretsTest::assertNoSecret);
    }

    @Test
    void noSecretAppearsInTheProblemsOfABrokenFile() throws Exception {
        Map<String, String> environment = Map.of("STRAIT_TEST_STORE_PASSWORD", STORE_PASSWORD,
                "STRAIT_TEST_HEADER", HEADER);
        // a pool size read from the secret's variable: its "not a whole number" problem would echo the value
        String file = config("pool-size: \"${env:STRAIT_TEST_STORE_PASSWORD}\"",
                "scheduler: {job-workers: \"${env:STRAIT_TEST_HEADER}\"}").toString();

        Result text = strait(environment, "config", "check", "--config", file);
        Result json = strait(environment, "config", "check", "--json", "--config", file);
        Result missing = strait(Map.of(), "config", "check", "--json", "--config", file);

        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.output()).contains("store.pool-size", "not a whole number", "scheduler.job-workers");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.output()).contains("\"field\" : \"store.pool-size\"");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("environment variable STRAIT_TEST_STORE_PASSWORD",
                "\"field\" : \"store.password\"", "\"field\" : \"alerts.webhooks[0].headers.Authorization\"");
        List.of(text, json, missing).forEach(ConfigCheckSecretsTest::assertNoSecret);
    }
}
