package io.strait.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.sql.testing.TestingMariaDb;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code /health} answers 503 and names each failing component: the state store when it is down (a closed port),
 * the metastores of the configured regions and the scheduler. The all-up case, with real metastore processes and a
 * running scheduler, is in {@code io.strait.ops.it.NoSecretIT}.
 */
class HealthIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theStateStoreDownIsNamed() throws Exception {
        int closed = closedPort();
        StraitConfig config = config("jdbc:mysql://127.0.0.1:" + closed + "/strait", closed);
        com.mysql.cj.jdbc.MysqlDataSource unreachable = new com.mysql.cj.jdbc.MysqlDataSource();
        unreachable.setURL("jdbc:mysql://127.0.0.1:" + closed + "/strait?connectTimeout=500");

        JsonNode health = health(config, unreachable, 503);

        assertThat(health.get("status").asText()).isEqualTo("DOWN");
        assertThat(health.get("stateStore").asText()).isEqualTo("unreachable");
        assertThat(health.get("components").get("stateStore").asText()).isEqualTo("DOWN");
        assertThat(health.get("failing")).extracting(JsonNode::asText).contains("stateStore", "metastore:region-a",
                "metastore:region-b", "scheduler");
    }

    @Test
    void aReachableStateStoreWithoutMetastoresOrSchedulerNamesOnlyThose() throws Exception {
        int closed = closedPort();
        try (TestingMariaDb db = TestingMariaDb.create()) {
            JsonNode health = health(config(db.jdbcUrl(), closed), db.dataSource(), 503);

            assertThat(health.get("components").get("stateStore").asText()).isEqualTo("UP");
            assertThat(health.get("failing")).extracting(JsonNode::asText)
                    .containsExactly("metastore:region-a", "metastore:region-b", "scheduler");
        }
    }

    private static JsonNode health(StraitConfig config, DataSource dataSource, int expectedStatus) throws Exception {
        try (DashboardServer server = DashboardServer.start(config, "127.0.0.1", 0, dataSource, Clock.systemUTC(),
                HealthProbes.all(config, dataSource, "strait-health-test", Clock.systemUTC()))) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expectedStatus);
            return JSON.readTree(answer.body());
        }
    }

    private static StraitConfig config(String jdbcUrl, int closedPort) {
        return new StraitConfigLoader().parse("""
                store: {jdbc-url: "%s"}
                regions:
                  region-a: {metastore-uri: "thrift://127.0.0.1:%d", roots: {warehouse: "file:/warehouse/a"}}
                  region-b: {metastore-uri: "thrift://127.0.0.1:%d", roots: {warehouse: "file:/warehouse/b"}}
                links:
                  - {name: a-to-b, source: region-a, target: region-b}
                """.formatted(jdbcUrl, closedPort, closedPort), "health-test.yaml");
    }

    /** A port nothing listens on (bound, then released). */
    private static int closedPort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
