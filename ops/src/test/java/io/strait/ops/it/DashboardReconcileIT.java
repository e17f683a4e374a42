package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.ops.web.DashboardServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/reconcile} against two real metastores: a table written in region A (its events captured, not
 * replicated: nothing runs) is found missing in region B, in flight, by the reconcile the dashboard started in the
 * background, and the scan is recorded in the state store.
 */
class DashboardReconcileIT {
    private static final String TOKEN = "reconcile-token-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anOperatorStartsAReconcileAndSeesItsScan() throws Exception {
        try (TwoRegionPipeline pipeline = new TwoRegionPipeline(work, "sales.*");
                SourceWriter writer = new SourceWriter(pipeline.regionA.metastoreUri(),
                        pipeline.regionA.externalRoot(), "sales", "orders")) {
            writer.createTableWithPartitions(List.of("2026-03-01"));
            Files.writeString(pipeline.configFile, Files.readString(pipeline.configFile)
                    + "http: {enabled: true, address: 127.0.0.1, port: 0, token: " + TOKEN + "}\n");
            StraitConfig config = new StraitConfigLoader().load(pipeline.configFile);
            try (DashboardServer server = DashboardServer.start(config, pipeline.store.dataSource(),
                    Clock.systemUTC())) {
                String base = "http://127.0.0.1:" + server.port();
                String body = "{\"link\": \"a-to-b\", \"tables\": [\"sales.orders\"], \"depth\": \"meta\","
                        + " \"reason\": \"after the outage\"}";
                assertThat(post(base, null, body).statusCode()).isEqualTo(401);
                HttpResponse<String> badDepth = post(base, TOKEN, "{\"link\": \"a-to-b\", \"depth\": \"deep\"}");
                assertThat(badDepth.statusCode()).as(badDepth.body()).isEqualTo(400);
                assertThat(post(base, TOKEN, "{\"link\": \"nope\"}").statusCode()).isEqualTo(400);
                assertThat(scans(base)).as("nothing started yet").isEmpty();

                HttpResponse<String> started = post(base, TOKEN, body);
                assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
                JsonNode answer = JSON.readTree(started.body());
                assertThat(answer.get("status").asText()).isEqualTo("STARTED");
                assertThat(answer.get("depth").asText()).isEqualTo("META");
                assertThat(answer.get("message").asText()).contains("dashboard from 127.0.0.1", "after the outage");

                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(scans(base)).isNotEmpty());
                JsonNode scan = scans(base).get(0);
                assertThat(scan.get("database").asText()).isEqualTo("sales");
                assertThat(scan.get("table").asText()).isEqualTo("orders");
                assertThat(scan.get("depth").asText()).isEqualToIgnoringCase("meta");
                assertThat(scan.get("inFlightCount").asInt()).as(scan.toString()).isEqualTo(1);
                JsonNode inFlight = scan.get("divergences").get(0);
                assertThat(inFlight.get("class").asText()).isEqualTo("IN_FLIGHT");
                assertThat(inFlight.get("detail").asText()).as("both metastores were compared")
                        .contains("not yet replicated", "MISSING_TABLE");
            }
        }
    }

    private HttpResponse<String> post(String base, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/reconcile"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode scans(String base) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/reconcile")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
