package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.ops.alerts.LogCapture;
import io.strait.ops.alerts.WebhookReceiver;
import io.strait.ops.demo.TwoRegionYaml;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.ops.web.DashboardServer;
import io.strait.ops.web.HealthProbes;
import io.strait.regionio.ThriftMetastoreGateway;
import io.strait.sql.StoreUrls;
import io.strait.sql.control.JdbcLinkControl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret anywhere: a real replication between two metastore processes with a state store password (a MariaDB
 * user of its own), an HTTP token and a webhook header secret configured. While a change is held back (the link
 * paused) its SLA of 1 ms is breached, the alert is delivered with the secret header and resolved after the link is
 * resumed. Then every page, API answer, {@code /metrics}, {@code /health} (all components up: state store, both
 * metastores, the scheduler) and every log line of the process (root logger at INFO) is checked for the secrets.
 */
class NoSecretIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String STORE_PASSWORD = "store-pw-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String HTTP_TOKEN = "http-token-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String HEADER_SECRET = "Bearer hook-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> SECRETS = List.of(STORE_PASSWORD, HTTP_TOKEN, HEADER_SECRET);
    private static final TableRef TABLE = TableRef.of("sales", "orders");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private String serverUrl;
    private java.util.Properties root;
    private String user;

    @org.junit.jupiter.api.AfterEach
    void dropUser() throws Exception {
        if (user == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(serverUrl, root);
                Statement statement = connection.createStatement()) {
            for (String host : List.of("%", "localhost", "127.0.0.1")) {
                statement.execute("DROP USER IF EXISTS '" + user + "'@'" + host + "'");
            }
        }
    }

    @Test
    void noSecretInAnyPageAnswerMetricOrLogLine() throws Exception {
        List<String> answers = new ArrayList<>();
        List<String> logLines;
        try (LogCapture log = LogCapture.everything(Level.INFO)) {
            try (TwoRegionPipeline pipeline = new TwoRegionPipeline(work, "sales.*");
                    WebhookReceiver receiver = new WebhookReceiver()) {
                user = createUser(pipeline);
                Path configFile = work.resolve("strait-secret.yaml");
                Files.writeString(configFile, yaml(pipeline, user, receiver));
                StraitConfig config = new StraitConfigLoader().load(configFile);
                String scheduler = "strait-nosecret-" + System.nanoTime();
                try (StraitRuntime strait = StraitRuntime.open(config, scheduler, Clock.systemUTC());
                        DashboardServer dashboard = DashboardServer.start(config, "127.0.0.1", 0,
                                strait.stateStore().dataSource(), Clock.systemUTC(), HealthProbes.all(config,
                                        strait.stateStore().dataSource(), scheduler, Clock.systemUTC()));
                        SourceWriter writer = new SourceWriter(pipeline.regionA.metastoreUri(),
                                pipeline.regionA.externalRoot(), TABLE.database(), TABLE.table());
                        ThriftMetastoreGateway regionB = ThriftMetastoreGateway.connect(RegionId.of("b"),
                                pipeline.regionB.metastoreUri())) {
                    strait.start();
                    writer.createTableWithPartitions(List.of("2026-01-01", "2026-01-02"));
                    await().atMost(WAIT).untilAsserted(() -> {
                        assertThat(regionB.getTable(TABLE)).as("replica table created").isPresent();
                        assertThat(regionB.listPartitions(TABLE)).hasSize(2);
                    });
                    await().atMost(WAIT).until(strait::isDrained);

                    JdbcLinkControl links = new JdbcLinkControl(strait.stateStore().dataSource());
                    links.set("a-to-b", true, "no-secret-test", "hold a change back", System.currentTimeMillis());
                    writer.insertFile("2026-01-02", 2_048);
                    await().atMost(WAIT).untilAsserted(() -> assertThat(states(receiver)).contains("BREACHED"));
                    links.set("a-to-b", false, "no-secret-test", "let it through", System.currentTimeMillis());
                    await().atMost(WAIT).untilAsserted(() -> assertThat(states(receiver)).contains("RESOLVED"));
                    assertThat(receiver.accepted()).allSatisfy(request ->
                            assertThat(request.authorization()).as("the header secret is sent").isEqualTo(HEADER_SECRET));

                    HttpResponse<String> health = get(dashboard, "/health");
                    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
                    JsonNode components = JSON.readTree(health.body()).get("components");
                    assertThat(components.get("stateStore").asText()).isEqualTo("UP");
                    assertThat(components.get("metastore:a").asText()).isEqualTo("UP");
                    assertThat(components.get("metastore:b").asText()).isEqualTo("UP");
                    assertThat(components.get("scheduler").asText()).isEqualTo("UP");
                    HttpResponse<String> mutation = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + dashboard.port() + "/api/jobs/1"))
                            .header("Authorization", "Bearer " + HTTP_TOKEN)
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(mutation.statusCode()).as("the token is configured and accepted").isNotEqualTo(401);

                    long job = JSON.readTree(get(dashboard, "/api/jobs").body()).get(0).get("id").asLong();
                    for (String path : List.of("/", "/tables", "/jobs", "/jobs/" + job, "/reconcile", "/api/links",
                            "/api/tables", "/api/jobs", "/api/jobs/" + job, "/api/reconcile", "/api/alerts",
                            "/api/freshness?table=sales.orders&asOfEvent=1", "/metrics", "/health")) {
                        HttpResponse<String> answer = get(dashboard, path);
                        assertThat(answer.statusCode()).as(path).isEqualTo(200);
                        answers.add(path + "\n" + answer.headers().map() + "\n" + answer.body());
                    }
                    answers.add(config.toString());
                }
            }
            logLines = log.lines();
        }
        assertThat(answers).hasSize(15).allSatisfy(answer -> assertThat(answer).doesNotContain(SECRETS));
        assertThat(logLines).as("the process logged its work").anySatisfy(line ->
                assertThat(line).contains("SLA alert").contains("BREACHED"));
        assertThat(logLines).anySatisfy(line -> assertThat(line).contains("delivered"));
        assertThat(logLines).allSatisfy(line -> assertThat(line).doesNotContain(SECRETS));
    }

    private static List<String> states(WebhookReceiver receiver) {
        return receiver.accepted().stream().map(request -> {
            try {
                return JSON.readTree(request.body()).get("state").asText();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    private static HttpResponse<String> get(DashboardServer dashboard, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + dashboard.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String yaml(TwoRegionPipeline pipeline, String user, WebhookReceiver receiver) {
        String base = new TwoRegionYaml(pipeline.store.jdbcUrl(), user, STORE_PASSWORD, pipeline.regionA,
                pipeline.regionB, "sales.*", Duration.ofMillis(300)).render();
        String withSla = base.replace("    include: [\"sales.*\"]\n", "    include: [\"sales.*\"]\n    sla: 1ms\n");
        assertThat(withSla).contains("sla: 1ms");
        return withSla + """
                http: {enabled: false, address: 127.0.0.1, port: 0, token: "%s"}
                alerts:
                  interval: 1s
                  retry-backoff: 50ms
                  retry-backoff-max: 500ms
                  webhooks:
                    - url: "%s"
                      headers: {Authorization: "%s"}
                """.formatted(HTTP_TOKEN, receiver.url("/strait-alerts"), HEADER_SECRET);
    }

    /** A MariaDB user of the test database with {@link #STORE_PASSWORD}, created by the test's root user. */
    private String createUser(TwoRegionPipeline pipeline) throws Exception {
        String name = "strait_s" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        root = new java.util.Properties();
        root.setProperty("user", pipeline.store.user());
        root.setProperty("password", pipeline.store.password());
        serverUrl = StoreUrls.serverOf(pipeline.store.jdbcUrl());
        try (Connection connection = DriverManager.getConnection(serverUrl, root);
                Statement statement = connection.createStatement()) {
            for (String host : List.of("%", "localhost", "127.0.0.1")) {
                statement.execute("CREATE USER '" + name + "'@'" + host + "' IDENTIFIED BY '" + STORE_PASSWORD + "'");
                statement.execute("GRANT ALL ON `" + pipeline.store.databaseName() + "`.* TO '" + name + "'@'" + host
                        + "'");
            }
        }
        return name;
    }
}
