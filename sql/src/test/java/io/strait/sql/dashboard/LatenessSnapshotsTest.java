package io.strait.sql.dashboard;

import static io.strait.sql.dashboard.LatenessWorkload.NOW;
import static io.strait.sql.dashboard.LatenessWorkload.START;
import static io.strait.sql.dashboard.LatenessWorkload.capturedAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.job.JobState;
import io.strait.common.report.Lateness;
import io.strait.common.report.LatenessExplainer;
import io.strait.common.report.LatenessReason;
import io.strait.common.report.LatenessSnapshot;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The snapshot of live state read from MariaDB, and what the explainer decides from it, for every live case. */
class LatenessSnapshotsTest {
    private static final DashboardQueries.Link LINK = new DashboardQueries.Link(LatenessWorkload.LINK, "region-a",
            "region-b", Duration.ofHours(4));
    private static final DashboardQueries.Link PAUSED = new DashboardQueries.Link(LatenessWorkload.PAUSED_LINK,
            "region-a", "region-c", Duration.ofHours(4));
    private static TestingMariaDb db;
    private static LatenessWorkload workload;
    private static LatenessSnapshots snapshots;

    @BeforeAll
    static void seed() {
        db = TestingMariaDb.create();
        TestingClock clock = new TestingClock(START);
        workload = LatenessWorkload.seed(db.dataSource(), clock);
        snapshots = new LatenessSnapshots(db.dataSource(), clock);
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private static Lateness why(DashboardQueries.Link link, String table, String partition) {
        return LatenessExplainer.explain(read(link, table, partition));
    }

    private static LatenessSnapshot read(DashboardQueries.Link link, String table, String partition) {
        return snapshots.read(link, "sales", table, partition, attempts -> Duration.ofSeconds(30L * attempts));
    }

    @Test
    void copyingWithProgress() {
        Lateness lateness = why(LINK, "orders", "");
        assertThat(lateness.reason()).isEqualTo(LatenessReason.COPYING);
        assertThat(lateness.details()).containsEntry("jobId", workload.copying).containsEntry("bytesDone", 100L)
                .containsEntry("bytesTotal", 400L).containsEntry("filesDone", 1L).containsEntry("filesTotal", 2L)
                .containsEntry("copyingSinceMs", START + 10_000)
                .containsEntry("bytesPerSecond", 100L * 1_000 / (NOW - START - 10_000));
        assertThat((Long) lateness.details().get("etaAtMs")).isGreaterThan(NOW);
    }

    @Test
    void waitingBehindTheTableLock() {
        Lateness lateness = why(LINK, "orders", "ds=2024-01-01");
        assertThat(lateness.reason()).isEqualTo(LatenessReason.WAITING_BEHIND);
        assertThat(lateness.object()).isEqualTo("sales.orders/2024-01-01");
        assertThat(lateness.details()).containsEntry("jobId", workload.waiting)
                .containsEntry("holderJobId", workload.copying).containsEntry("holderState", "COPYING");
        assertThat(why(LINK, "orders", "2024-01-02").reason()).as("another partition: the table job decides")
                .isEqualTo(LatenessReason.COPYING);
    }

    @Test
    void queuedInClaimOrder() {
        Lateness first = why(LINK, "customers", "");
        assertThat(first.reason()).isEqualTo(LatenessReason.QUEUED);
        assertThat(first.details()).containsEntry("queuePosition", 1).containsEntry("runnableJobs", 2)
                .containsEntry("deadlineAtMs", capturedAt(3) + Duration.ofHours(4).toMillis());
        assertThat(why(LINK, "items", "").details()).containsEntry("queuePosition", 2);
    }

    @Test
    void retryingWithTheNextAttempt() {
        Lateness lateness = why(LINK, "returns", "");
        assertThat(lateness.reason()).isEqualTo(LatenessReason.RETRYING);
        assertThat(lateness.details()).containsEntry("error", "metastore of region-b unreachable")
                .containsEntry("attempts", 1).containsEntry("nextAttemptAtMs", START + 40_000 + 30_000);
    }

    @Test
    void failedAndBlocked() {
        Lateness failed = why(LINK, "refunds", "");
        assertThat(failed.reason()).isEqualTo(LatenessReason.FAILED);
        assertThat((String) failed.details().get("error")).startsWith("gave up after 3 attempts");
        Lateness blocked = why(LINK, "acid", "");
        assertThat(blocked.reason()).isEqualTo(LatenessReason.BLOCKED);
        assertThat((String) blocked.details().get("rule")).contains("transactional (ACID) table");
        assertThat(blocked.sla().waiting()).as("reported apart, not judged").isFalse();
    }

    @Test
    void pausedLink() {
        LatenessSnapshot snapshot = read(PAUSED, "orders", "");
        assertThat(snapshot.pause()).hasValueSatisfying(pause -> assertThat(pause.by()).isEqualTo("alice"));
        Lateness lateness = LatenessExplainer.explain(snapshot);
        assertThat(lateness.reason()).isEqualTo(LatenessReason.PAUSED);
        assertThat(lateness.details()).containsEntry("jobId", workload.paused)
                .containsEntry("pauseReason", "maintenance of region-c");
    }

    @Test
    void noEventWithTheListenerLastContact() {
        Lateness lateness = why(LINK, "never", "");
        assertThat(lateness.reason()).isEqualTo(LatenessReason.NO_EVENT);
        assertThat(lateness.details()).containsAllEntriesOf(Map.of("listenerLastContactAtMs", capturedAt(8),
                "sourceRegion", "region-a"));
        assertThat(lateness.sla().waiting()).isFalse();
    }

    @Test
    void spooledAtTheSourceWhenARunningListenerHoldsTheTablesEvents() throws Exception {
        try (java.sql.Connection connection = db.dataSource().getConnection();
                java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO listener_instance"
                        + " (instance_id, region, started_at_ms, last_contact_at_ms, spool_depth, spooled_tables)"
                        + " VALUES ('hms-a:1:x', 'region-a', ?, ?, 3, 'sales.spooled')")) {
            insert.setLong(1, START);
            insert.setLong(2, NOW);
            insert.executeUpdate();
        }

        Lateness lateness = why(LINK, "spooled", "");

        assertThat(lateness.reason()).isEqualTo(LatenessReason.SPOOLED);
        assertThat(lateness.details()).containsEntry("spooledEvents", 3L);
        assertThat(why(LINK, "never", "").reason()).as("another table is not spooled").isEqualTo(
                LatenessReason.NO_EVENT);
    }

    @Test
    void theSnapshotCarriesTheJobAsStored() {
        LatenessSnapshot snapshot = read(LINK, "refunds", "");
        assertThat(snapshot.job()).hasValueSatisfying(job -> assertThat(job.state()).isEqualTo(JobState.FAILED));
        assertThat(snapshot.unplannedEvents()).isZero();
        assertThat(snapshot.everCaptured()).isTrue();
    }
}
