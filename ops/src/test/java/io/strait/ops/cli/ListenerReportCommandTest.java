package io.strait.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strait.common.json.StraitJson;
import io.strait.sql.listener.JdbcListenerLosses;
import io.strait.sql.testing.TestingMariaDb;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strait report} lists the source region's listener instances, silent ones apart, and their lost events. */
class ListenerReportCommandTest {
    @TempDir
    Path work;
    private TestingMariaDb db;
    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        db = TestingMariaDb.create();
        config = work.resolve("strait.yaml");
        Files.writeString(config, """
                store:
                  jdbc-url: "%s"
                  user: "%s"
                  password: "%s"
                regions:
                  a: {metastore-uri: "thrift://127.0.0.1:1", roots: {external: "file:/tmp/a"}, listener-silence: 1m}
                  b: {metastore-uri: "thrift://127.0.0.1:1", roots: {external: "file:/tmp/b"}}
                links:
                  - {name: a-to-b, source: a, target: b}
                """.formatted(db.jdbcUrl(), db.user(), db.password()));
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private void instance(String id, long lastContactAgoMillis, long latest, long spooledFrom, String tables,
            boolean spoolLost) throws SQLException {
        long now = System.currentTimeMillis();
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("INSERT INTO listener_instance"
                        + " (instance_id, region, version, host, started_at_ms, last_contact_at_ms, latest_seq,"
                        + " spooled_from_seq, spool_depth, spooled_tables, spool_lost_at_ms, stopped_at_ms,"
                        + " replaced_by) VALUES (?, 'a', '1.2.3', 'hms-1', ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, id);
            statement.setLong(2, now - 3_600_000);
            statement.setLong(3, now - lastContactAgoMillis);
            statement.setLong(4, latest);
            statement.setLong(5, spooledFrom);
            statement.setInt(6, spooledFrom == 0 ? 0 : (int) (latest - spooledFrom + 1));
            statement.setString(7, tables);
            statement.setLong(8, spoolLost ? now : 0);
            statement.setLong(9, spoolLost ? now : 0);
            statement.setString(10, spoolLost ? "hms-1:2:b" : "");
            statement.executeUpdate();
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StraitCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {
    }

    @Test
    void showsEachInstanceItsSilenceAndTheTablesToRepairAfterALoss() throws Exception {
        instance("hms-1:1:a", 1_000, 0, 0, "", false);
        instance("hms-2:1:c", 120_000, 0, 0, "", false);
        instance("hms-1:0:z", 5_000, 4, 3, "sales.orders", true);
        new JdbcListenerLosses(db.dataSource(), Clock.systemUTC()).check();
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("UPDATE listener_instance SET"
                        + " call_count = 5120, call_p50_us = 21, call_p99_us = 640, call_max_us = 9100"
                        + " WHERE instance_id = 'hms-1:1:a'")) {
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }

        Result text = run("report", "--config", config.toString());
        Result json = run("report", "--config", config.toString(), "--json");

        assertThat(text.exitCode()).as(text.out() + text.err()).isZero();
        assertThat(text.out()).contains("listeners:   3 instance(s) of region a, 1 silent for longer than 60s")
                .contains("LIVE hms-1:1:a version 1.2.3", "spool depth 0, latest sequence 0")
                .contains("adds to metastore calls (last 15 minutes): p50 0.02 ms, p99 0.64 ms, max 9.10 ms over"
                        + " 5120 call(s)")
                .contains("SILENT hms-2:1:c")
                .contains("STOPPED hms-1:0:z", "replaced by hms-1:2:b")
                .contains("lost events: 2 gap(s)")
                .contains("instance hms-1:0:z events 1..4", "tables sales.orders: strait reconcile --config "
                        + config + " --link a-to-b sales.orders --repair");
        JsonNode document = new StraitJson().read(json.out(), JsonNode.class);
        List<String> statuses = new ArrayList<>();
        document.get("listeners").forEach(row -> statuses.add(row.get("instance").asText() + " "
                + row.get("status").asText()));
        assertThat(statuses).containsExactlyInAnyOrder("hms-1:1:a LIVE", "hms-2:1:c SILENT", "hms-1:0:z STOPPED");
        assertThat(document.get("listenerSilenceMs").asLong()).isEqualTo(60_000);
        JsonNode callTimes = null;
        for (JsonNode row : document.get("listeners")) {
            if (row.get("instance").asText().equals("hms-1:1:a")) {
                callTimes = row.get("callTimes");
            }
        }
        assertThat(callTimes).as(document.get("listeners").toString()).isNotNull();
        assertThat(List.of(callTimes.get("calls").asLong(), callTimes.get("p50Us").asLong(),
                callTimes.get("p99Us").asLong(), callTimes.get("maxUs").asLong()))
                .as(document.get("listeners").toString()).containsExactly(5120L, 21L, 640L, 9100L);
        assertThat(document.get("lostEvents").get(0).get("tables").get(0).asText()).isEqualTo("sales.orders");
        assertThat(document.get("lostEvents").get(0).get("firstSequence").asLong()).isEqualTo(1);
    }
}
