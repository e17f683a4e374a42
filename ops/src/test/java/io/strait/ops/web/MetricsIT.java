package io.strait.ops.web;

import static io.strait.sql.dashboard.DashboardWorkload.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.ops.alerts.SlaAlerts;
import io.strait.sql.SampleValues;
import io.strait.sql.dashboard.DashboardWorkload;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} after a known workload prepared in MariaDB through the real stores: {@link DashboardWorkload}
 * (6 jobs, 2 verified files of 300 bytes, 2 scans, 1 divergence), 30 events captured in region-a in the last 30
 * seconds, and one SLA evaluation with a 10-minute SLA (the PENDING job of sales.orders and the FAILED job of
 * sales.returns breach it; the BLOCKED one does not count).
 */
class MetricsIT {
    private static TestingMariaDb db;
    private static DashboardServer server;
    private static String metrics;

    @BeforeAll
    static void prepare() throws Exception {
        db = TestingMariaDb.create();
        TestingClock clock = new TestingClock(NOW);
        DashboardWorkload.seed(db.dataSource(), clock);
        JdbcEventLog events = new JdbcEventLog(db.dataSource(), clock);
        for (int i = 1; i <= 30; i++) {
            events.append(new CapturedEvent(SampleValues.REGION_A, EventType.ALTER_TABLE, "sales", "orders",
                    NOW - i * 1_000L, CapturedEvent.ORIGIN_WRITER,
                    EventSnapshot.ofTable(SampleValues.ordersTable("file:/warehouse/a/sales.db/orders"))));
        }
        clock.setMillis(NOW);
        StraitConfig config = new StraitConfigLoader().parse("""
                store: {jdbc-url: "%s"}
                regions:
                  region-a: {metastore-uri: "thrift://127.0.0.1:1", roots: {warehouse: "file:/warehouse/a"}}
                  region-b: {metastore-uri: "thrift://127.0.0.1:1", roots: {warehouse: "file:/warehouse/b"}}
                links:
                  - {name: a-to-b, source: region-a, target: region-b, sla: 10m}
                """.formatted(db.jdbcUrl()), "metrics-test.yaml");
        SlaAlerts.evaluator(config, db.dataSource(), clock).evaluate();
        server = DashboardServer.start(config, "127.0.0.1", 0, db.dataSource(), clock);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        metrics = answer.body();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        db.close();
    }

    @Test
    void backlogByStatePerLink() {
        assertThat(metrics).contains("strait_jobs{link=\"a-to-b\",state=\"SUCCEEDED\"} 3.0",
                "strait_jobs{link=\"a-to-b\",state=\"PENDING\"} 1.0", "strait_jobs{link=\"a-to-b\",state=\"FAILED\"} 1.0",
                "strait_jobs{link=\"a-to-b\",state=\"BLOCKED\"} 1.0", "strait_jobs{link=\"a-to-b\",state=\"COPYING\"} 0.0");
    }

    @Test
    void lagPercentilesAndTheirJobCountPerLink() {
        assertThat(metrics).contains(
                "strait_replication_lag_seconds{link=\"a-to-b\",quantile=\"0.50\",window=\"hour\"} 2.0",
                "strait_replication_lag_seconds{link=\"a-to-b\",quantile=\"0.99\",window=\"day\"} 3.0",
                "strait_replication_lag_jobs{link=\"a-to-b\",window=\"hour\"} 3.0");
    }

    @Test
    void filesAndBytesCopiedAndVerificationOutcomes() {
        assertThat(metrics).contains("strait_files{link=\"a-to-b\",verification=\"VERIFIED\"} 2.0",
                "strait_files{link=\"a-to-b\",verification=\"MISMATCH\"} 0.0", "strait_files_copied{link=\"a-to-b\"} 2.0",
                "strait_bytes_copied{link=\"a-to-b\"} 300.0", "strait_files_verified{link=\"a-to-b\"} 2.0",
                "strait_bytes_verified{link=\"a-to-b\"} 300.0");
    }

    @Test
    void slaBreaches() {
        assertThat(metrics).contains("strait_sla_alerts_open{link=\"a-to-b\",state=\"BREACHED\"} 2.0",
                "strait_sla_alerts_open{link=\"a-to-b\",state=\"PROJECTED\"} 0.0", "strait_sla_breaches{link=\"a-to-b\"} 2.0");
    }

    @Test
    void captureRatePerRegion() {
        assertThat(metrics).contains("strait_events_captured_per_second{region=\"region-a\"} 0.1");
    }

    @Test
    void reconcileAccuracyAndDivergencesByClass() {
        assertThat(metrics).contains("strait_reconcile_tables{link=\"a-to-b\",status=\"CONSISTENT\"} 1.0",
                "strait_reconcile_tables{link=\"a-to-b\",status=\"DIVERGENT\"} 1.0",
                "strait_reconcile_tables{link=\"a-to-b\",status=\"FAILED\"} 0.0",
                "strait_reconcile_consistent_ratio{link=\"a-to-b\"} 0.5",
                "strait_divergences{class=\"MISSING_PARTITION\",link=\"a-to-b\"} 1.0",
                "strait_state_store_up 1.0");
    }

    @Test
    void jvmBasics() {
        assertThat(metrics).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "process_uptime_seconds", "system_cpu_count");
    }

    @Test
    void everyDeclaredStraitMetricIsExposedAndNoOther() {
        assertThat(DashboardMetrics.STRAIT_METRICS).allSatisfy(name ->
                assertThat(metrics).as(name).containsPattern("(?m)^" + Pattern.quote(name) + "[{ ]"));
        assertThat(Pattern.compile("(?m)^(strait_[a-z_]+)[{ ]").matcher(metrics).results().map(match -> match.group(1))
                .distinct().toList()).allSatisfy(name -> assertThat(DashboardMetrics.STRAIT_METRICS).contains(name));
    }
}
