package io.strait.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobOrigin;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransition;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.json.StraitJson;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.ops.control.LinkPauses;
import io.strait.common.job.JobDag;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.testing.TestingMariaDb;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operator commands (jobs, retry, cancel, pause, resume, housekeeping) through the CLI against a real MariaDB. */
class OperatorCommandsTest {
    private static final TableRef ORDERS = TableRef.of("sales", "orders");
    private static final TableRef USERS = TableRef.of("sales", "users");
    private static TestingMariaDb db;
    private static JdbcJobStore jobs;

    @TempDir
    Path work;

    private Path config;
    private String link;

    private record Result(int exitCode, String out, String err) {
        String all() {
            return out + "\n--- stderr ---\n" + err;
        }
    }

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
        jobs = new JdbcJobStore(db.dataSource(), Clock.systemUTC());
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void writeConfig() throws IOException {
        link = "l-" + UUID.randomUUID().toString().substring(0, 8);
        config = work.resolve("strait.yaml");
        Files.writeString(config, """
                store:
                  jdbc-url: "%s"
                  user: "%s"
                  password: "%s"
                  retention: {events: 30d, finished-jobs: 30d, batch-size: 2}
                regions:
                  a: {metastore-uri: "thrift://127.0.0.1:1", roots: {external: "file:/tmp/a"}}
                  b: {metastore-uri: "thrift://127.0.0.1:1", roots: {external: "file:/tmp/b"}}
                links:
                  - {name: %s, source: a, target: b}
                """.formatted(db.jdbcUrl(), db.user(), db.password(), link));
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StraitCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private long job(TableRef table, String partition) {
        return job(table, partition, JobKind.SYNC_PARTITION);
    }

    private long job(TableRef table, String partition, JobKind kind) {
        ObjectRef object = ObjectRef.partition(PartitionRef.of(table, List.of(partition)));
        return jobs.createRepairJobs(link, List.of(new NewJob(link, kind, object, 1,
                System.currentTimeMillis(), JobOrigin.REPAIR))).get(0);
    }

    private ReplicationJob move(long id, JobState to) {
        return jobs.transition(JobTransitionRequest.of(jobs.find(id).orElseThrow(), to, "test").withError(
                to == JobState.FAILED ? "disk full" : null));
    }

    @Test
    void jobsFiltersByStateInAnyCaseAndByTableAndPrintsJson() {
        long failedOrder = job(ORDERS, "1");
        move(failedOrder, JobState.FAILED);
        long pendingOrder = job(ORDERS, "2");
        long failedUser = job(USERS, "1");
        move(failedUser, JobState.FAILED);

        Result byState = run("jobs", "--config", config.toString(), "--state", "failed");
        assertThat(byState.exitCode()).as(byState.all()).isEqualTo(1);
        assertThat(byState.out()).containsPattern("(?m)^" + failedOrder + " .*sales\\.orders/1  disk full")
                .containsPattern("(?m)^" + failedUser + " .*sales\\.users/1  disk full")
                .doesNotContain("sales.orders/2");

        Result byTable = run("jobs", "--config", config.toString(), "--table", "sales.orders", "--json");
        assertThat(byTable.exitCode()).as(byTable.all()).isEqualTo(1);
        JsonNode json = new StraitJson().read(byTable.out(), JsonNode.class);
        assertThat(json.get("link").asText()).isEqualTo(link);
        assertThat(json.get("paused").asBoolean()).isFalse();
        assertThat(json.get("jobs").findValuesAsText("id")).containsExactly(String.valueOf(pendingOrder),
                String.valueOf(failedOrder));
        assertThat(json.get("jobs").get(1).get("state").asText()).isEqualTo("FAILED");
        assertThat(json.get("jobs").get(1).get("lastError").asText()).isEqualTo("disk full");

        Result both = run("jobs", "--config", config.toString(), "--table", "sales.users", "--state", "Pending");
        assertThat(both.exitCode()).as(both.all()).isZero();
        assertThat(both.out().lines()).hasSize(1);

        Result badTable = run("jobs", "--config", config.toString(), "--table", "orders");
        assertThat(badTable.exitCode()).isEqualTo(2);
        assertThat(badTable.err()).contains("--table 'orders'", "DB.TABLE");
    }

    @Test
    void retrySendsAFailedJobBackToPendingRecordingWhoAndWhy() {
        long id = job(ORDERS, "1");
        move(id, JobState.FAILED);

        Result result = run("retry", "--config", config.toString(), String.valueOf(id), "--by", "alice",
                "--reason", "disk replaced");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("FAILED -> PENDING");
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.PENDING);
        JobTransition last = lastTransition(id);
        assertThat(last.from()).isEqualTo(JobState.FAILED);
        assertThat(last.reason()).isEqualTo("operator alice: retry: disk replaced");
    }

    @Test
    void retryOfAnUnknownJobOrOfASucceededJobExitsOneNamingTheState() {
        Result unknown = run("retry", "--config", config.toString(), "987654321");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no job 987654321");

        long id = job(ORDERS, "1");
        move(id, JobState.SUPERSEDED);
        Result superseded = run("retry", "--config", config.toString(), String.valueOf(id));
        assertThat(superseded.exitCode()).isEqualTo(1);
        assertThat(superseded.err()).contains("job " + id + " is SUPERSEDED", "FAILED, BLOCKED, UNVERIFIABLE");
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.SUPERSEDED);
    }

    @Test
    void cancelNeedsAReasonRecordsItAndReleasesTheObjectForLaterJobs() {
        // a drop waiting to retry: a later sync of its partition never supersedes it (coalescing), it waits for it
        long first = job(ORDERS, "1", JobKind.DROP_PARTITION);
        ReplicationJob waiting = jobs.transition(JobTransitionRequest.of(move(first, JobState.PLANNED),
                JobState.RETRY_WAIT, "a failed attempt"));
        long later = job(ORDERS, "1");
        assertThat(JobDag.runnable(jobs.findUnfinished(link))).as("a job waiting to retry holds its object")
                .extracting(ReplicationJob::id).doesNotContain(later);

        Result noReason = run("cancel", "--config", config.toString(), String.valueOf(first));
        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(noReason.err()).contains("--reason");
        assertThat(jobs.find(first).orElseThrow().version()).isEqualTo(waiting.version());

        Result cancelled = run("cancel", "--config", config.toString(), String.valueOf(first), "--reason",
                "table rebuilt by hand", "--by", "bob");

        assertThat(cancelled.exitCode()).as(cancelled.all()).isZero();
        assertThat(jobs.find(first).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(lastTransition(first).reason()).isEqualTo("operator bob: cancel: table rebuilt by hand");
        assertThat(JobDag.runnable(jobs.findUnfinished(link))).as("the later job of the object may start now")
                .extracting(ReplicationJob::id).containsExactly(later);
    }

    @Test
    void cancelOfASucceededJobExitsOneNamingTheState() {
        long id = job(ORDERS, "1");
        ReplicationJob planned = move(id, JobState.PLANNED);
        ReplicationJob committed = jobs.transition(JobTransitionRequest.of(planned, JobState.COMMITTED, "test")
                .withCommittedAt(System.currentTimeMillis()));
        jobs.transition(JobTransitionRequest.of(committed, JobState.SUCCEEDED, "done"));

        Result result = run("cancel", "--config", config.toString(), String.valueOf(id), "--reason", "oops");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("job " + id + " is SUCCEEDED");
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void pauseStopsDispatchForEveryProcessIsShownByJobsAndReportAndResumeRestartsIt() {
        var gate = LinkPauses.gate(db.dataSource());
        assertThat(gate.allowsDispatch(link)).isTrue();

        Result paused = run("pause", "--config", config.toString(), link, "--by", "carol", "--reason",
                "target maintenance");

        assertThat(paused.exitCode()).as(paused.all()).isZero();
        assertThat(gate.allowsDispatch(link)).isFalse();
        assertThat(run("jobs", "--config", config.toString()).out()).contains("link " + link + " is PAUSED",
                "carol", "target maintenance");
        Result report = run("report", "--config", config.toString());
        assertThat(report.out()).as(report.all()).contains("is PAUSED");
        assertThat(new StraitJson().read(run("jobs", "--config", config.toString(), "--json").out(), JsonNode.class)
                .get("paused").asBoolean()).isTrue();

        Result resumed = run("resume", "--config", config.toString(), link);
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertThat(gate.allowsDispatch(link)).isTrue();
        assertThat(run("jobs", "--config", config.toString()).out()).doesNotContain("PAUSED");

        Result unknown = run("pause", "--config", config.toString(), "no-such-link");
        assertThat(unknown.exitCode()).as("a bad argument").isEqualTo(2);
        assertThat(unknown.err()).contains("no link 'no-such-link'", "name one of [" + link + "]");
    }

    @Test
    void housekeepingPrintsWhatADryRunWouldDeleteThenDeletesOnlyThat() throws SQLException {
        long old = job(ORDERS, "7");
        move(old, JobState.CANCELLED);
        long fresh = job(ORDERS, "8");
        move(fresh, JobState.CANCELLED);
        long unsettled = job(ORDERS, "9");
        age(old, Duration.ofDays(31));
        age(unsettled, Duration.ofDays(31));
        JdbcEventLog events = new JdbcEventLog(db.dataSource(), Clock.systemUTC());
        long oldEvent = events.append(event(RegionId.of("a"), Duration.ofDays(40)));
        long newest = events.append(event(RegionId.of("a"), Duration.ofDays(40)));
        jobs.createJobs(link, jobs.plannerCursor(link), newest, List.of());

        Result dryRun = run("housekeeping", "--config", config.toString(), "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
        assertThat(dryRun.out()).contains("would delete").contains("events of region a: ");
        assertThat(jobs.find(old)).isPresent();

        Result result = run("housekeeping", "--config", config.toString());

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("deleted");
        assertThat(jobs.find(old)).isEmpty();
        assertThat(jobs.history(old)).isEmpty();
        assertThat(jobs.find(fresh)).isPresent();
        assertThat(jobs.find(unsettled)).isPresent();
        assertThat(eventExists(oldEvent)).isFalse();
        assertThat(eventExists(newest)).isTrue();
    }

    private static CapturedEvent event(RegionId region, Duration age) {
        return new CapturedEvent(region, EventType.CREATE_DATABASE, "sales", "", System.currentTimeMillis()
                - age.toMillis(), CapturedEvent.ORIGIN_WRITER, EventSnapshot.ofDatabase(
                        new io.strait.common.metastore.DatabaseSnapshot("sales", "file:/tmp/a/sales.db", "",
                                java.util.Map.of())));
    }

    private static JobTransition lastTransition(long id) {
        List<JobTransition> history = jobs.history(id);
        return history.get(history.size() - 1);
    }

    private static void age(long jobId, Duration age) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE replication_job SET updated_at_ms = updated_at_ms - " + age.toMillis()
                    + " WHERE id = " + jobId);
        }
    }

    private static boolean eventExists(long id) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM hms_event WHERE id = " + id)) {
            rows.next();
            return rows.getLong(1) == 1;
        }
    }
}
