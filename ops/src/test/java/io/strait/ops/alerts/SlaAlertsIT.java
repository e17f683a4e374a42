package io.strait.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.common.alert.AlertMessage;
import io.strait.common.alert.AlertState;
import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.TableRef;
import io.strait.ops.web.DashboardServer;
import io.strait.sql.alert.JdbcAlertOutbox;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SLA alerts on a real MariaDB state store with a real HTTP receiver: jobs whose capture times breach a 10-minute
 * SLA raise exactly one alert per breach however often and by however many evaluators they are judged, one
 * resolution after the job succeeds, deliveries retried through a 500, and a delivery that keeps failing stays
 * visible in the outbox. The clock is a test clock: nothing waits on time.
 */
class SlaAlertsIT {
    private static final String LINK = "a-to-b";
    private static final long NOW = 1_780_000_000_000L;
    private static final long MINUTE = 60_000L;
    private static final String HEADER_SECRET = "Bearer hook-header-secret-4f1c";
    private static final String URL_SECRET = "url-secret-77ab";
    private static final TableRef ORDERS = TableRef.of("sales", "orders");
    private static final TableRef RETURNS = TableRef.of("sales", "returns");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestingMariaDb db;
    private TestingClock clock;
    private WebhookReceiver receiver;
    private JdbcJobStore jobs;
    private LogCapture log;

    @BeforeEach
    void start() {
        db = TestingMariaDb.create();
        clock = new TestingClock(NOW);
        receiver = new WebhookReceiver();
        jobs = new JdbcJobStore(db.dataSource(), clock);
        log = LogCapture.of("alert", Level.INFO);
    }

    @AfterEach
    void stop() {
        log.close();
        receiver.close();
        db.close();
    }

    @Test
    void oneAlertPerBreachAcrossEvaluatorsAndRepetitionsThenOneResolution() throws Exception {
        StraitConfig config = config(false);
        List<Long> ids = jobs.createJobs(LINK, 0, 3, List.of(
                partitionJob(1, "2024-01-01", NOW - 20 * MINUTE),
                partitionJob(2, "2024-01-02", NOW - MINUTE),
                new NewJob(LINK, JobKind.SYNC_TABLE, ObjectRef.table(RETURNS), 3, NOW - 30 * MINUTE)));
        jobs.transition(JobTransitionRequest.of(jobs.find(ids.get(2)).orElseThrow(), JobState.FAILED,
                "gave up after 3 attempts").withError("metastore of region-b unreachable"));
        SlaEvaluator first = SlaAlerts.evaluator(config, db.dataSource(), clock);
        SlaEvaluator second = SlaAlerts.evaluator(config, db.dataSource(), clock);

        List<AlertMessage> raised = raisedBySideBySideEvaluations(first, second);

        assertThat(raised).extracting(AlertMessage::state).containsOnly(AlertState.BREACHED);
        assertThat(raised).extracting(message -> message.table() + "/" + message.partition())
                .containsExactlyInAnyOrder("sales.orders/2024-01-01", "sales.returns/");
        assertThat(count("SELECT COUNT(*) FROM sla_alert")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM alert_delivery")).isEqualTo(2);
        assertThat(log.lines(Level.WARN)).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("SLA alert ").contains("BREACHED: link a-to-b table sales.").contains("SLA 600 s"));

        receiver.answerNext(500);
        AlertDispatcher dispatcher = SlaAlerts.dispatcher(config, db.dataSource(), "test-process", clock);
        assertThat(dispatcher.drainOnce()).as("both delivered, one after a retry").isEqualTo(2);
        assertThat(receiver.received()).hasSize(3);
        assertThat(receiver.received().get(0).answered()).isEqualTo(500);
        assertThat(receiver.received()).allSatisfy(request -> {
            assertThat(request.authorization()).isEqualTo(HEADER_SECRET);
            assertThat(request.path()).isEqualTo("/hook?token=" + URL_SECRET);
        });
        AlertMessage orders = raised.stream().filter(message -> message.table().equals("sales.orders")).findFirst()
                .orElseThrow();
        JsonNode body = JSON.readTree(receiver.accepted().stream().filter(request -> request.body()
                .contains("sales.orders")).findFirst().orElseThrow().body());
        assertThat(body.get("alertId").asLong()).isEqualTo(orders.alertId());
        assertThat(body.get("state").asText()).isEqualTo("BREACHED");
        assertThat(body.get("link").asText()).isEqualTo(LINK);
        assertThat(body.get("table").asText()).isEqualTo("sales.orders");
        assertThat(body.get("partition").asText()).isEqualTo("2024-01-01");
        assertThat(body.get("lagMs").asLong()).isEqualTo(20 * MINUTE);
        assertThat(body.get("slaMs").asLong()).isEqualTo(10 * MINUTE);
        assertThat(body.get("oldestUnappliedCapturedAtMs").asLong()).isEqualTo(NOW - 20 * MINUTE);
        assertThat(body.get("why").asText()).as("strait why's answer").contains("job " + ids.get(0))
                .contains("queued");
        JsonNode returns = JSON.readTree(receiver.accepted().stream().filter(request -> request.body()
                .contains("sales.returns")).findFirst().orElseThrow().body());
        assertThat(returns.get("why").asText()).containsIgnoringCase("failed")
                .contains("metastore of region-b unreachable");
        assertThat(new JdbcAlertOutbox(db.dataSource()).undelivered(10)).isEmpty();
        assertThat(new JdbcAlertOutbox(db.dataSource()).deliveriesOf(orders.alertId()))
                .extracting(delivery -> delivery.get("state")).containsExactly("DELIVERED");

        succeed(ids.get(0));
        clock.advanceMillis(MINUTE);
        List<AlertMessage> resolved = new ArrayList<>();
        List<AlertMessage> raisedAgain = new ArrayList<>();
        evaluateSideBySide(first, second, raisedAgain, resolved);

        assertThat(raisedAgain).isEmpty();
        assertThat(resolved).singleElement().satisfies(message -> {
            assertThat(message.alertId()).isEqualTo(orders.alertId());
            assertThat(message.state()).isEqualTo(AlertState.RESOLVED);
        });
        assertThat(count("SELECT COUNT(*) FROM sla_alert WHERE state = 'RESOLVED'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM sla_alert WHERE state = 'BREACHED'")).as("sales.returns still FAILED")
                .isEqualTo(1);
        assertThat(log.lines(Level.INFO)).filteredOn(line -> line.startsWith("SLA alert ")).singleElement()
                .satisfies(line -> assertThat(line).contains("RESOLVED"));
        assertThat(dispatcher.drainOnce()).isEqualTo(1);
        JsonNode resolution = JSON.readTree(receiver.accepted().get(receiver.accepted().size() - 1).body());
        assertThat(resolution.get("state").asText()).isEqualTo("RESOLVED");
        assertThat(resolution.get("alertId").asLong()).isEqualTo(orders.alertId());
        assertThat(first.evaluate().raised()).isEmpty();
        assertThat(second.evaluate().resolved()).isEmpty();
        assertThat(dispatcher.drainOnce()).isZero();
        assertThat(receiver.received()).hasSize(4);
        assertThat(log.lines()).allSatisfy(line -> assertThat(line).doesNotContain(HEADER_SECRET, URL_SECRET));
    }

    @Test
    void aProjectedBreachIsRaisedThenEscalatedUnderTheSameId() throws Exception {
        StraitConfig config = config(true);
        jobs.createJobs(LINK, 0, 1, List.of(partitionJob(1, "2024-01-01", NOW - 8 * MINUTE)));
        SlaEvaluator evaluator = SlaAlerts.evaluator(config, db.dataSource(), clock);

        List<AlertMessage> projected = evaluator.evaluate().raised();
        assertThat(evaluator.evaluate().raised()).isEmpty();
        clock.advanceMillis(3 * MINUTE);
        List<AlertMessage> breached = evaluator.evaluate().raised();
        assertThat(evaluator.evaluate().raised()).isEmpty();

        assertThat(projected).singleElement().satisfies(message ->
                assertThat(message.state()).isEqualTo(AlertState.PROJECTED));
        assertThat(breached).singleElement().satisfies(message -> {
            assertThat(message.state()).isEqualTo(AlertState.BREACHED);
            assertThat(message.alertId()).isEqualTo(projected.get(0).alertId());
            assertThat(message.lagMs()).isEqualTo(11 * MINUTE);
        });
        assertThat(count("SELECT COUNT(*) FROM sla_alert")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM alert_delivery")).isEqualTo(2);
    }

    @Test
    void aDeliveryThatKeepsFailingStaysInTheOutboxVisibleInTheApi() throws Exception {
        StraitConfig config = config(false);
        receiver.answerOtherwise(500);
        jobs.createJobs(LINK, 0, 1, List.of(partitionJob(1, "2024-01-01", NOW - 20 * MINUTE)));
        SlaAlerts.evaluator(config, db.dataSource(), clock).evaluate();
        AlertDispatcher dispatcher = SlaAlerts.dispatcher(config, db.dataSource(), "test-process", clock);
        JdbcAlertOutbox outbox = new JdbcAlertOutbox(db.dataSource());

        assertThat(dispatcher.drainOnce()).isZero();
        assertThat(receiver.received()).hasSize(AlertDispatcher.TRIES_PER_ROUND);
        assertThat(outbox.undelivered(10)).singleElement().satisfies(delivery -> {
            assertThat(delivery.get("attempts")).isEqualTo(3L);
            assertThat((String) delivery.get("lastError")).contains("answered HTTP 500");
            assertThat(delivery.get("target")).isEqualTo(receiver.url(""));
        });
        assertThat(dispatcher.drainOnce()).as("not due before its backoff").isZero();
        assertThat(receiver.received()).hasSize(3);

        clock.advanceMillis(MINUTE);
        assertThat(dispatcher.drainOnce()).isZero();
        assertThat(receiver.received()).hasSize(6);
        assertThat(outbox.undelivered(10)).singleElement().satisfies(delivery ->
                assertThat(delivery.get("attempts")).isEqualTo(6L));
        assertThat(log.lines(Level.WARN)).filteredOn(line -> line.startsWith("alert delivery")).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("kept in the outbox").contains("HTTP 500"));

        try (DashboardServer server = DashboardServer.start(config, "127.0.0.1", 0, db.dataSource(), clock)) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.port() + "/api/alerts")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode alerts = JSON.readTree(answer.body());
            assertThat(alerts.get("alerts")).hasSize(1);
            assertThat(alerts.get("alerts").get(0).get("state").asText()).isEqualTo("BREACHED");
            assertThat(alerts.get("undeliveredDeliveries")).hasSize(1);
            assertThat(alerts.get("undeliveredDeliveries").get(0).get("attempts").asLong()).isEqualTo(6);
            assertThat(answer.body()).doesNotContain(URL_SECRET, HEADER_SECRET);
        }

        receiver.answerOtherwise(200);
        clock.advanceMillis(MINUTE);
        assertThat(dispatcher.drainOnce()).isEqualTo(1);
        assertThat(outbox.undelivered(10)).isEmpty();
        assertThat(log.lines()).allSatisfy(line -> assertThat(line).doesNotContain(HEADER_SECRET, URL_SECRET));
    }

    private List<AlertMessage> raisedBySideBySideEvaluations(SlaEvaluator first, SlaEvaluator second)
            throws Exception {
        List<AlertMessage> raised = new ArrayList<>();
        List<AlertMessage> resolved = new ArrayList<>();
        evaluateSideBySide(first, second, raised, resolved);
        assertThat(resolved).isEmpty();
        return raised;
    }

    /** Both evaluators, each five times, on two threads at once. */
    private static void evaluateSideBySide(SlaEvaluator first, SlaEvaluator second, List<AlertMessage> raised,
            List<AlertMessage> resolved) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Callable<List<SlaEvaluator.Outcome>>> runs = new ArrayList<>();
            for (SlaEvaluator evaluator : List.of(first, second)) {
                runs.add(() -> {
                    List<SlaEvaluator.Outcome> outcomes = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        outcomes.add(evaluator.evaluate());
                    }
                    return outcomes;
                });
            }
            for (Future<List<SlaEvaluator.Outcome>> run : threads.invokeAll(runs)) {
                for (SlaEvaluator.Outcome outcome : run.get()) {
                    raised.addAll(outcome.raised());
                    resolved.addAll(outcome.resolved());
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private void succeed(long id) {
        ReplicationJob job = jobs.find(id).orElseThrow();
        ReplicationJob planned = jobs.transition(JobTransitionRequest.of(job, JobState.PLANNED, "claimed"));
        ReplicationJob committed = jobs.transition(JobTransitionRequest.of(planned, JobState.COMMITTED, "published")
                .withCommittedAt(clock.millis()));
        jobs.transition(JobTransitionRequest.of(committed, JobState.SUCCEEDED, "done"));
    }

    private StraitConfig config(boolean projected) {
        return new StraitConfigLoader().parse("""
                store: {jdbc-url: "%s"}
                regions:
                  region-a: {metastore-uri: "thrift://127.0.0.1:1", roots: {warehouse: "file:/warehouse/a"}}
                  region-b: {metastore-uri: "thrift://127.0.0.1:1", roots: {warehouse: "file:/warehouse/b"}}
                links:
                  - {name: a-to-b, source: region-a, target: region-b, sla: 10m}
                alerts:
                  projected: %s
                  retry-backoff: 10ms
                  retry-backoff-max: 50ms
                  webhooks:
                    - url: "%s"
                      headers: {Authorization: "%s"}
                """.formatted(db.jdbcUrl(), projected, receiver.url("/hook?token=" + URL_SECRET), HEADER_SECRET),
                "sla-alerts-test.yaml");
    }

    private static NewJob partitionJob(long event, String day, long capturedAt) {
        return new NewJob(LINK, JobKind.SYNC_PARTITION, ObjectRef.partition(PartitionRef.of(ORDERS, List.of(day))),
                event, capturedAt);
    }

    private long count(String sql) throws Exception {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
