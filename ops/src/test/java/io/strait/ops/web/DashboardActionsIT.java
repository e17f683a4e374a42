package io.strait.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.sql.control.JdbcLinkControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mutating endpoints over HTTP on MariaDB: authorised by the token, acting as the CLI does, recorded. */
class DashboardActionsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private DashboardFixture fixture;

    @BeforeEach
    void start() {
        fixture = DashboardFixture.start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private HttpResponse<String> post(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.url(path)))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return fixture.send(request.build());
    }

    private JsonNode job(long id) {
        return parse(fixture.get("/api/jobs/" + id).body());
    }

    @Test
    void retryNeedsTheTokenAndIsRecordedWithWhoAndWhy() {
        long failed = fixture.workload.jobIds.get(5);
        assertThat(post("/api/jobs/" + failed + "/retry", null, "{\"reason\": \"x\"}").statusCode()).isEqualTo(401);
        assertThat(post("/api/jobs/" + failed + "/retry", "wrong", "{\"reason\": \"x\"}").statusCode())
                .isEqualTo(401);
        assertThat(job(failed).get("state").asText()).as("refused: nothing moved").isEqualTo("FAILED");

        HttpResponse<String> retried = post("/api/jobs/" + failed + "/retry", DashboardFixture.TOKEN,
                "{\"reason\": \"region-b metastore is back\", \"by\": \"alice\"}");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(parse(retried.body()).get("state").asText()).isEqualTo("PENDING");
        JsonNode last = lastTransition(failed);
        assertThat(last.get("from").asText()).isEqualTo("FAILED");
        assertThat(last.get("reason").asText())
                .isEqualTo("operator alice via dashboard from 127.0.0.1: retry: region-b metastore is back");

        HttpResponse<String> again = post("/api/jobs/" + failed + "/retry", DashboardFixture.TOKEN, null);
        assertThat(again.statusCode()).as("PENDING cannot be retried").isEqualTo(409);
        assertThat(parse(again.body()).get("message").asText()).contains("is PENDING");
        assertThat(post("/api/jobs/987654/retry", DashboardFixture.TOKEN, null).statusCode()).isEqualTo(404);
        assertThat(post("/api/jobs/" + failed + "/retry", DashboardFixture.TOKEN, "[1").statusCode())
                .isEqualTo(400);
    }

    @Test
    void cancelNeedsAReason() {
        long pending = fixture.workload.jobIds.get(3);
        HttpResponse<String> noReason = post("/api/jobs/" + pending + "/cancel", DashboardFixture.TOKEN, "{}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(parse(noReason.body()).get("error").asText()).contains("reason");
        HttpResponse<String> cancelled = post("/api/jobs/" + pending + "/cancel", DashboardFixture.TOKEN,
                "{\"reason\": \"partition rebuilt by hand\"}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(job(pending).get("state").asText()).isEqualTo("CANCELLED");
        assertThat(lastTransition(pending).get("reason").asText())
                .isEqualTo("operator dashboard from 127.0.0.1: cancel: partition rebuilt by hand");
    }

    @Test
    void pauseAndResumeALink() {
        HttpResponse<String> paused = post("/api/links/a-to-b/pause", DashboardFixture.TOKEN,
                "{\"reason\": \"maintenance\"}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        JdbcLinkControl control = new JdbcLinkControl(fixture.db.dataSource());
        assertThat(control.state("a-to-b")).hasValueSatisfying(state -> {
            assertThat(state.paused()).isTrue();
            assertThat(state.changedBy()).isEqualTo("dashboard from 127.0.0.1");
            assertThat(state.reason()).isEqualTo("maintenance");
        });
        JsonNode link = parse(fixture.get("/api/links").body()).get(0);
        assertThat(link.get("paused").asBoolean()).isTrue();
        assertThat(link.get("pause").get("reason").asText()).isEqualTo("maintenance");
        assertThat(parse(fixture.get("/api/why?table=sales.orders").body()).get("reason").asText())
                .isEqualTo("PAUSED");
        assertThat(post("/api/links/a-to-b/resume", DashboardFixture.TOKEN, null).statusCode()).isEqualTo(200);
        assertThat(control.isPaused("a-to-b")).isFalse();
        assertThat(post("/api/links/nope/pause", DashboardFixture.TOKEN, null).statusCode()).isEqualTo(404);
        assertThat(post("/api/links/a-to-b/pause", null, null).statusCode()).isEqualTo(401);
        assertThat(control.isPaused("a-to-b")).isFalse();
    }

    private JsonNode lastTransition(long id) {
        JsonNode transitions = job(id).get("transitions");
        return transitions.get(transitions.size() - 1);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
