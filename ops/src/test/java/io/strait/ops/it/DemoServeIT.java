package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.ops.cli.StraitCli;
import io.strait.sql.testing.TestingMariaDb;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strait demo --serve}: after the report it prints the dashboard's address and serves it (pages, API,
 * {@code /health} with both metastores and the scheduler up) until SIGINT, then stops its services and exits 0.
 */
class DemoServeIT {
    private static final Pattern ADDRESS = Pattern.compile("dashboard at http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path work;

    @Test
    void servesTheDashboardAfterTheReportUntilSigint() throws Exception {
        StringWriter output = new StringWriter();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (TestingMariaDb store = TestingMariaDb.create();
                PrintWriter out = new PrintWriter(output, true); PrintWriter err = new PrintWriter(output, true)) {
            Future<Integer> demo = thread.submit(() -> StraitCli.run(out, err, "demo", "--workspace",
                    work.resolve("demo").toString(), "--store", store.jdbcUrl(), "--store-user", store.user(),
                    "--store-password-file", java.nio.file.Files.writeString(work.resolve("store-password"),
                            store.password()).toString(), "--partitions", "20", "--serve", "--port", "0"));
            await().atMost(Duration.ofMinutes(10)).until(() -> ADDRESS.matcher(output.toString()).find() || demo.isDone());
            Matcher address = ADDRESS.matcher(output.toString());
            assertThat(address.find()).as(output.toString()).isTrue();
            assertThat(output.toString().indexOf("result:")).as("the report comes first")
                    .isLessThan(address.start());
            String base = "http://127.0.0.1:" + address.group(1);

            HttpResponse<String> health = get(base + "/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonNode components = new ObjectMapper().readTree(health.body()).get("components");
            assertThat(components.get("metastore:a").asText()).isEqualTo("UP");
            assertThat(components.get("metastore:b").asText()).isEqualTo("UP");
            assertThat(components.get("scheduler").asText()).isEqualTo("UP");
            assertThat(get(base + "/").statusCode()).isEqualTo(200);
            assertThat(get(base + "/api/links").body()).contains("\"a-to-b\"");
            assertThat(get(base + "/metrics").body()).contains("strait_jobs{link=\"a-to-b\",state=\"SUCCEEDED\"}");
            assertThat(demo.isDone()).as("still serving").isFalse();

            sun.misc.Signal.raise(new sun.misc.Signal("INT"));

            assertThat(demo.get(5, TimeUnit.MINUTES)).as(output.toString()).isZero();
            assertThat(output.toString()).contains("stopping the dashboard");
            assertThatThrownBy(() -> get(base + "/health")).as("no longer served").isInstanceOf(IOException.class);
        } finally {
            thread.shutdownNow();
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
