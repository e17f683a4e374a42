package io.strait.ops.web;

import static io.strait.sql.dashboard.DashboardWorkload.NOW;
import static io.strait.sql.dashboard.DashboardWorkload.capturedAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON API, /metrics, /health and the pages over HTTP, after the known workload, on MariaDB. */
class DashboardApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DashboardFixture fixture;

    @BeforeAll
    static void start() {
        fixture = DashboardFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void links() {
        JsonNode link = json("/api/links").get(0);
        assertThat(link.get("link").asText()).isEqualTo("a-to-b");
        assertThat(link.get("jobsByState").get("SUCCEEDED").asLong()).isEqualTo(3);
        assertThat(link.get("jobsByState").get("PENDING").asLong()).isEqualTo(1);
        assertThat(link.get("failedJobs").asLong()).isEqualTo(1);
        assertThat(link.get("blockedJobs").asLong()).isEqualTo(1);
        assertThat(link.get("lagMs").get("hour").get("p50").asLong()).isEqualTo(2_000);
        assertThat(link.get("lagMs").get("day").get("p99").asLong()).isEqualTo(3_000);
        assertThat(link.get("filesVerified").asLong()).isEqualTo(2);
        assertThat(link.get("bytesVerified").asLong()).isEqualTo(300);
        assertThat(link.get("reconcile").get("divergencesByClass").get("MISSING_PARTITION").asLong()).isEqualTo(1);
    }

    @Test
    void tablesWithSearch() {
        JsonNode tables = json("/api/tables?search=sales.ord");
        assertThat(tables).hasSize(1);
        JsonNode orders = tables.get(0);
        assertThat(orders.get("status").asText()).isEqualTo("WAITING");
        assertThat(orders.get("lastSourceEventId").asLong()).isEqualTo(2);
        assertThat(orders.get("lagMs").asLong()).isEqualTo(NOW - capturedAt(4));
        JsonNode customers = json("/api/tables?search=customers").get(0);
        assertThat(customers.get("status").asText()).isEqualTo("NO_CHANGE_SINCE");
        assertThat(customers.get("lastSourceCapturedAtMs").asLong()).isEqualTo(capturedAt(3));
    }

    @Test
    void partitionsOfATableWaitingFirst() {
        JsonNode answer = json("/api/partitions?table=sales.orders&link=a-to-b");
        assertThat(answer.get("table").asText()).isEqualTo("sales.orders");
        JsonNode partitions = answer.get("partitions");
        assertThat(partitions).extracting(partition -> partition.get("partition").asText())
                .containsExactly("2024-01-03", "2024-01-01", "2024-01-02");
        assertThat(partitions.get(0).get("status").asText()).isEqualTo("WAITING");
        assertThat(partitions.get(0).get("lastSourceEventId").isNull()).isTrue();
        assertThat(partitions.get(0).get("lagMs").asLong()).isEqualTo(NOW - capturedAt(4));
        assertThat(partitions.get(1).get("status").asText()).isEqualTo("NO_CHANGE_SINCE");
        assertThat(partitions.get(1).get("lastSourceEventId").asLong()).isEqualTo(1);
        assertThat(partitions.get(1).get("lastSourceCapturedAtMs").asLong()).isEqualTo(capturedAt(1));
        assertThat(partitions.get(2).get("values").get(0).asText()).isEqualTo("2024-01-02");
        assertThat(json("/api/partitions?table=sales.orders&search=01-02").get("partitions")).hasSize(1);
        assertThat(fixture.get("/api/partitions?table=orders").statusCode()).isEqualTo(400);
        assertThat(fixture.get("/api/partitions?table=sales.orders&link=nope").statusCode()).isEqualTo(400);
    }

    @Test
    void jobsFilteredAndOneJob() {
        assertThat(json("/api/jobs")).hasSize(6);
        assertThat(json("/api/jobs?state=succeeded&table=sales.orders&link=a-to-b")).hasSize(2);
        long id = fixture.workload.jobIds.get(0);
        JsonNode job = json("/api/jobs/" + id);
        assertThat(job.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.get("transitions")).extracting(t -> t.get("to").asText())
                .containsExactly("PENDING", "PLANNED", "COPYING", "COPIED", "VERIFIED", "COMMITTED", "SUCCEEDED");
        assertThat(job.get("files")).hasSize(2);
        assertThat(job.get("files").get(0).get("sourceChecksum").asText()).isEqualTo("crc32c:0a0b0c0d");
        assertThat(job.get("files").get(0).get("targetChecksum").asText()).isEqualTo("crc32c:0a0b0c0d");
        assertThat(fixture.get("/api/jobs/987654").statusCode()).isEqualTo(404);
        assertThat(fixture.get("/api/jobs/abc").statusCode()).isEqualTo(400);
    }

    @Test
    void reconcile() {
        JsonNode scans = json("/api/reconcile");
        assertThat(scans).hasSize(2);
        assertThat(scans.get(0).get("divergences").get(0).get("class").asText()).isEqualTo("MISSING_PARTITION");
    }

    @Test
    void freshness() {
        JsonNode reflected = json("/api/freshness?table=sales.orders&partition=ds%3D2024-01-01&asOfEvent=2");
        assertThat(reflected.get("fresh").asBoolean()).isTrue();
        assertThat(reflected.get("watermark").get("lastSourceEventId").asLong()).isEqualTo(2);
        assertThat(json("/api/freshness?table=sales.orders&asOfEvent=4").get("fresh").asBoolean()).isFalse();
        assertThat(json("/api/freshness?table=sales.orders&asOfTime=" + capturedAt(3)).get("fresh").asBoolean())
                .isTrue();
        assertThat(json("/api/freshness?table=sales.customers&link=a-to-b&asOfTime="
                + java.time.Instant.ofEpochMilli(capturedAt(6))).get("fresh").asBoolean()).isTrue();
        assertThat(fixture.get("/api/freshness?table=sales.orders").statusCode()).isEqualTo(400);
        assertThat(fixture.get("/api/freshness?table=orders&asOfEvent=1").statusCode()).isEqualTo(400);
        assertThat(fixture.get("/api/freshness?table=sales.orders&asOfEvent=1&link=nope").statusCode())
                .isEqualTo(400);
    }

    @Test
    void tablesAndLinksCarryTheSla() {
        JsonNode orders = json("/api/tables?search=sales.orders").get(0);
        assertThat(orders.get("sla").asText()).isEqualTo("ON_TIME");
        assertThat(orders.get("slaDeadlineMs").asLong()).isEqualTo(capturedAt(4) + 4 * 3_600_000L);
        assertThat(json("/api/tables?search=customers").get(0).get("slaDeadlineMs").isNull()).isTrue();
        JsonNode sla = json("/api/links").get(0).get("sla");
        assertThat(sla.get("slaMs").asLong()).isEqualTo(4 * 3_600_000L);
        assertThat(sla.get("breachesNow").asLong()).isZero();
        assertThat(sla.get("breachesProjected").asLong()).isZero();
    }

    @Test
    void whyEachTableIsLate() {
        JsonNode queued = json("/api/why?table=sales.orders&partition=ds%3D2024-01-03");
        assertThat(queued.get("reason").asText()).isEqualTo("QUEUED");
        assertThat(queued.get("object").asText()).isEqualTo("sales.orders/2024-01-03");
        assertThat(queued.get("details").get("jobId").asLong()).isEqualTo(fixture.workload.jobIds.get(3));
        assertThat(queued.get("details").get("queuePosition").asInt()).isEqualTo(1);
        assertThat(queued.get("sla").get("state").asText()).isEqualTo("ON_TIME");
        assertThat(queued.get("sla").get("waiting").asBoolean()).isTrue();
        JsonNode failed = json("/api/why?table=sales.returns&link=a-to-b");
        assertThat(failed.get("reason").asText()).isEqualTo("FAILED");
        assertThat(failed.get("details").get("error").asText()).isEqualTo("metastore of region-b unreachable");
        assertThat(json("/api/why?table=sales.acid").get("reason").asText()).isEqualTo("BLOCKED");
        JsonNode customers = json("/api/why?table=sales.customers");
        assertThat(customers.get("reason").asText()).isEqualTo("UP_TO_DATE");
        assertThat(customers.get("details").get("lastAppliedCapturedAtMs").asLong()).isEqualTo(capturedAt(3));
        assertThat(json("/api/why?table=sales.nothing").get("reason").asText()).isEqualTo("NO_EVENT");
        HttpResponse<String> bad = fixture.get("/api/why?table=orders");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(parse(bad.body()).get("error").asText()).contains("DB.TABLE");
        assertThat(fixture.get("/api/why?table=sales.orders&link=nope").statusCode()).isEqualTo(400);
        HttpResponse<String> page = fixture.get("/why?table=sales.returns");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=why-reason>FAILED<", "metastore of region-b unreachable");
        assertThat(fixture.get("/tables").body()).contains("href=\"/why?link=a-to-b&amp;table=sales.orders\"");
    }

    @Test
    void metrics() {
        HttpResponse<String> metrics = fixture.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("strait_jobs{link=\"a-to-b\",state=\"SUCCEEDED\"} 3.0")
                .contains("strait_jobs{link=\"a-to-b\",state=\"PENDING\"} 1.0")
                .contains("strait_replication_lag_seconds{link=\"a-to-b\",quantile=\"0.99\",window=\"hour\"} 3.0")
                .contains("strait_files_verified{link=\"a-to-b\"} 2.0")
                .contains("strait_bytes_verified{link=\"a-to-b\"} 300.0")
                .contains("strait_divergences{class=\"MISSING_PARTITION\",link=\"a-to-b\"} 1.0")
                .contains("strait_state_store_up 1.0")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void health() {
        HttpResponse<String> health = fixture.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(parse(health.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void healthAndMetricsWhenTheStateStoreIsDown() {
        com.mysql.cj.jdbc.MysqlDataSource unreachable = new com.mysql.cj.jdbc.MysqlDataSource();
        unreachable.setURL("jdbc:mysql://127.0.0.1:1/strait?connectTimeout=500");
        try (DashboardServer down = DashboardServer.start(fixture.config, "127.0.0.1", 0, unreachable,
                java.time.Clock.systemUTC())) {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + down.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(parse(health.body()).get("status").asText()).isEqualTo("DOWN");
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + down.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("strait_state_store_up 0.0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void pagesRender() {
        for (String path : List.of("/", "/tables?search=orders", "/jobs?state=FAILED", "/jobs/"
                + fixture.workload.jobIds.get(0), "/reconcile", "/why", "/why?table=sales.orders")) {
            HttpResponse<String> page = fixture.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).as(path).doesNotContain("http://", "https://cdn", "<script src");
        }
        assertThat(fixture.get("/no-such-page").statusCode()).isEqualTo(404);
    }

    @Test
    void noSecretInAnyAnswer() {
        for (String path : List.of("/", "/tables", "/jobs", "/reconcile", "/api/links", "/api/tables", "/api/jobs",
                "/api/reconcile", "/metrics", "/health", "/why?table=sales.orders", "/partitions?table=sales.orders",
                "/api/partitions?table=sales.orders", "/api/why?table=sales.returns",
                "/jobs/" + fixture.workload.jobIds.get(5))) {
            String body = fixture.get(path).body();
            assertThat(body).as(path).doesNotContain("store-password-never-shown", DashboardFixture.TOKEN);
        }
    }

    @Test
    void mutatingRequestsNeedTheToken() {
        HttpRequest anonymous = HttpRequest.newBuilder(URI.create(fixture.url("/api/jobs/1")))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(fixture.send(anonymous).statusCode()).isEqualTo(401);
        HttpRequest wrong = HttpRequest.newBuilder(URI.create(fixture.url("/api/jobs/1")))
                .header("Authorization", "Bearer nope").POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(fixture.send(wrong).statusCode()).isEqualTo(401);
        HttpRequest authorised = HttpRequest.newBuilder(URI.create(fixture.url("/api/jobs/1")))
                .header("Authorization", "Bearer " + DashboardFixture.TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(fixture.send(authorised).statusCode()).as("no action at that path").isEqualTo(405);
    }

    private static JsonNode json(String path) {
        HttpResponse<String> response = fixture.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return parse(response.body());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
