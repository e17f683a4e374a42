package io.strait.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.sql.dashboard.LatenessWorkload;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strait why}, {@code strait status} and the {@code --json} flags, on live state in MariaDB. */
class StatusWhyJsonCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestingMariaDb db;
    private static LatenessWorkload workload;

    @TempDir
    static Path work;

    private static Path config;

    private record Result(int exitCode, String out, String err) {
        String all() {
            return out + "\n--- stderr ---\n" + err;
        }

        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException(all(), e);
            }
        }
    }

    @BeforeAll
    static void seed() throws IOException {
        db = TestingMariaDb.create();
        workload = LatenessWorkload.seed(db.dataSource(), new TestingClock(LatenessWorkload.START));
        config = work.resolve("strait.yaml");
        Files.writeString(config, """
                store: {jdbc-url: "%s", user: "%s", password: "%s"}
                regions:
                  region-a: {metastore-uri: "thrift://127.0.0.1:1", roots: {external: "file:/tmp/a"}}
                  region-b: {metastore-uri: "thrift://127.0.0.1:1", roots: {external: "file:/tmp/b"}}
                  region-c: {metastore-uri: "thrift://127.0.0.1:1", roots: {external: "file:/tmp/c"}}
                links:
                  - {name: a-to-b, source: region-a, target: region-b, sla: 2h}
                  - {name: a-to-c, source: region-a, target: region-c}
                """.formatted(db.jdbcUrl(), db.user(), db.password()));
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StraitCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void whyAPartitionWaitsBehindALock() {
        Result why = run("why", "--config", config.toString(), "--link", "a-to-b", "sales.orders/ds=2024-01-01");
        assertThat(why.out()).as(why.all()).contains("sales.orders/2024-01-01 (link a-to-b): WAITING_BEHIND",
                "waits for job " + workload.copying, "holderState: COPYING");
        assertThat(why.out()).as("captured long before now, SLA 2h").contains("SLA: BREACHED");
        assertThat(why.exitCode()).isEqualTo(1);
    }

    @Test
    void whyAsJson() {
        Result paused = run("why", "--config", config.toString(), "--link", "a-to-c", "--json", "sales.orders");
        JsonNode answer = paused.json();
        assertThat(answer.get("reason").asText()).as(paused.all()).isEqualTo("PAUSED");
        assertThat(answer.get("details").get("pausedBy").asText()).isEqualTo("alice");
        Result never = run("why", "--config", config.toString(), "--link", "a-to-b", "--json", "sales.never");
        assertThat(never.json().get("reason").asText()).isEqualTo("NO_EVENT");
        assertThat(never.json().get("sla").get("waiting").asBoolean()).isFalse();
        assertThat(never.exitCode()).as(never.all()).isZero();
    }

    @Test
    void whyRefusesBadInputWithTheFix() {
        Result noTable = run("why", "--config", config.toString(), "--link", "a-to-b", "orders");
        assertThat(noTable.exitCode()).isEqualTo(2);
        assertThat(noTable.err()).contains("name it DB.TABLE").doesNotContain("\tat ");
        Result noLink = run("why", "--config", config.toString(), "sales.orders");
        assertThat(noLink.exitCode()).isEqualTo(2);
        assertThat(noLink.err()).contains("2 links", "a-to-b", "a-to-c").doesNotContain("\tat ");
    }

    @Test
    void statusShowsEveryLink() {
        Result status = run("status", "--config", config.toString());
        assertThat(status.exitCode()).as(status.all()).isEqualTo(1);
        assertThat(status.out()).contains("link a-to-b (region-a -> region-b)", "1 failed, 1 blocked",
                "link a-to-c (region-a -> region-c): PAUSED since", "by alice: maintenance of region-c",
                "SLA 2h:", "lag hour:");
        JsonNode json = run("status", "--config", config.toString(), "--json").json();
        JsonNode ab = json.get("links").get(0);
        assertThat(ab.get("link").asText()).isEqualTo("a-to-b");
        assertThat(ab.get("jobsByState").get("PENDING").asLong()).isEqualTo(3);
        assertThat(ab.get("sla").get("slaMs").asLong()).isEqualTo(7_200_000L);
        assertThat(ab.get("sla").get("breachesNow").asLong()).as("5 tables wait since long before now (sales.acid is blocked: apart)")
                .isEqualTo(5);
        assertThat(ab.get("paused").asBoolean()).isFalse();
        assertThat(ab.get("pause").isNull()).isTrue();
        assertThat(json.get("links").get(1).get("paused").asBoolean()).isTrue();
        assertThat(json.get("links").get(1).get("pause").get("by").asText()).isEqualTo("alice");
    }

    @Test
    void reportJobAndConfigCheckAsJson() throws IOException {
        Result report = run("report", "--config", config.toString(), "--link", "a-to-b", "--json");
        JsonNode figures = report.json();
        assertThat(figures.get("jobsByState").get("FAILED").asLong()).as(report.all()).isEqualTo(1);
        assertThat(figures.get("blockedTables").has("sales.acid")).isTrue();
        assertThat(report.exitCode()).isEqualTo(1);
        Result job = run("job", "--config", config.toString(), "--json", String.valueOf(workload.retrying));
        assertThat(job.json().get("state").asText()).as(job.all()).isEqualTo("RETRY_WAIT");
        assertThat(job.json().get("transitions")).extracting(t -> t.get("to").asText())
                .containsExactly("PENDING", "PLANNED", "RETRY_WAIT");
        assertThat(run("job", "--config", config.toString(), "--json", "987654").exitCode()).isEqualTo(1);
        Result check = run("config", "check", "--config", config.toString(), "--json");
        assertThat(check.exitCode()).isZero();
        assertThat(check.json().get("valid").asBoolean()).isTrue();
        assertThat(check.json().get("links").get(0).get("slaMs").asLong()).isEqualTo(7_200_000L);
        Path bad = work.resolve("bad.yaml");
        Files.writeString(bad, "store: {jdbc-url: \"jdbc:mysql://h/s\"}\nlinks: [{name: x, source: nowhere}]\n");
        Result invalid = run("config", "check", "--config", bad.toString(), "--json");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.json().get("valid").asBoolean()).isFalse();
        assertThat(invalid.json().get("problems").size()).isPositive();
        assertThat(invalid.json().get("problems").get(0).get("message").asText()).isNotBlank();
    }
}
