package io.strait.sql.dashboard;

import static io.strait.sql.dashboard.DashboardWorkload.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's read-only queries over {@link DashboardWorkload} on MariaDB. */
class DashboardQueriesTest {
    private static final DashboardQueries.Link LINK = new DashboardQueries.Link(DashboardWorkload.LINK,
            "region-a", "region-b");
    private static TestingMariaDb db;
    private static DashboardWorkload workload;
    private static DashboardQueries queries;

    @BeforeAll
    static void seed() {
        db = TestingMariaDb.create();
        workload = DashboardWorkload.seed(db.dataSource(), new TestingClock(NOW));
        queries = new DashboardQueries(db.dataSource());
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void linkSummary() {
        Map<String, Object> link = queries.links(List.of(LINK), NOW).get(0);
        assertThat(link.get("jobsByState")).isEqualTo(Map.of("SUCCEEDED", 3L, "PENDING", 1L, "BLOCKED", 1L,
                "FAILED", 1L));
        assertThat(link).containsEntry("unsettledJobs", 1L).containsEntry("failedJobs", 1L)
                .containsEntry("blockedJobs", 1L).containsEntry("unverifiableJobs", 0L)
                .containsEntry("filesVerified", 2L).containsEntry("bytesVerified", 300L)
                .containsEntry("plannedThroughEvent", 6L);
        Map<String, Object> lag = (Map<String, Object>) link.get("lagMs");
        assertThat((Map<String, Object>) lag.get("hour")).containsEntry("jobs", 3).containsEntry("p50", 2_000L)
                .containsEntry("p95", 3_000L).containsEntry("p99", 3_000L);
        assertThat((Map<String, Object>) lag.get("week")).containsEntry("jobs", 3);
        Map<String, Object> reconcile = (Map<String, Object>) link.get("reconcile");
        assertThat(reconcile).containsEntry("tablesScanned", 2L).containsEntry("consistent", 1L)
                .containsEntry("divergent", 1L).containsEntry("divergences", 1L);
        assertThat(reconcile.get("divergencesByClass")).isEqualTo(Map.of("MISSING_PARTITION", 1L));
    }

    @Test
    void lagSeriesHasTheCommitsInTheirBucket() {
        List<Map<String, Object>> series = queries.lagSeries(DashboardWorkload.LINK, NOW, DashboardQueries.HOUR, 24);
        assertThat(series).hasSize(24);
        assertThat(series.get(23)).containsEntry("jobs", 3).containsEntry("p99", 3_000L);
        assertThat(series.get(0)).containsEntry("jobs", 0);
    }

    @Test
    void tablesWaitingOrUnchanged() {
        Map<String, Map<String, Object>> byTable = new java.util.HashMap<>();
        queries.tables("", NOW, 100).forEach(table -> byTable.put(table.get("table").toString(), table));
        assertThat(byTable.get("orders")).containsEntry("status", "WAITING").containsEntry("unsettledJobs", 1L)
                .containsEntry("lastSourceEventId", 2L)
                .containsEntry("lastSourceCapturedAtMs", DashboardWorkload.capturedAt(2))
                .containsEntry("lagMs", NOW - DashboardWorkload.capturedAt(4));
        assertThat(byTable.get("customers")).containsEntry("status", "NO_CHANGE_SINCE").containsEntry("lagMs", 0L)
                .containsEntry("lastSourceEventId", 3L);
        assertThat(byTable.get("returns")).containsEntry("blockedOrFailedJobs", 1L)
                .containsEntry("status", "NEEDS_OPERATOR");
        assertThat(queries.tables("cust", NOW, 100)).extracting(table -> table.get("table")).containsExactly("customers");
        assertThat(queries.tables("_", NOW, 100)).isEmpty();
    }

    @Test
    void tablesJudgedAgainstTheLinkSla() {
        Map<String, String> tight = sla(java.time.Duration.ofMinutes(10));
        assertThat(tight).containsEntry("orders", "BREACHED").containsEntry("customers", "ON_TIME")
                .as("a failed or blocked change not applied counts").containsEntry("returns", "BREACHED")
                .as("a blocked table is reported apart, not judged").containsEntry("acid", "ON_TIME");
        assertThat(sla(java.time.Duration.ofMinutes(25))).as("19m56s is past 75% of 25m")
                .containsEntry("orders", "AT_RISK").containsEntry("customers", "ON_TIME");
        assertThat(sla(java.time.Duration.ofHours(4))).containsEntry("orders", "ON_TIME")
                .containsEntry("returns", "ON_TIME");
        Map<String, Object> orders = queries.tables(List.of(new DashboardQueries.Link(LINK.name(), LINK.source(),
                LINK.target(), java.time.Duration.ofMinutes(10))), "orders", NOW, 10).get(0);
        assertThat(orders).containsEntry("slaDeadlineMs", DashboardWorkload.capturedAt(4) + 600_000L);
        assertThat((String) orders.get("slaWhy")).contains("past the SLA of 10m");
        assertThat(queries.tables("customers", NOW, 10).get(0)).containsEntry("slaDeadlineMs", null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void linkCountsBreachesNowAndProjected() {
        Map<String, Object> tight = (Map<String, Object>) queries.links(List.of(new DashboardQueries.Link(
                LINK.name(), LINK.source(), LINK.target(), java.time.Duration.ofMinutes(10))), NOW).get(0).get("sla");
        assertThat(tight).containsEntry("slaMs", 600_000L).containsEntry("breachesNow", 2L)
                .containsEntry("breachesProjected", 0L);
        Map<String, Object> loose = (Map<String, Object>) queries.links(List.of(new DashboardQueries.Link(
                LINK.name(), LINK.source(), LINK.target(), java.time.Duration.ofMinutes(25))), NOW).get(0).get("sla");
        assertThat(loose).containsEntry("breachesNow", 0L).containsEntry("breachesProjected", 2L);
    }

    private static Map<String, String> sla(java.time.Duration sla) {
        Map<String, String> byTable = new java.util.HashMap<>();
        queries.tables(List.of(new DashboardQueries.Link(LINK.name(), LINK.source(), LINK.target(), sla)), "", NOW,
                100).forEach(table -> byTable.put(table.get("table").toString(), (String) table.get("sla")));
        return byTable;
    }

    @Test
    void jobsFiltered() {
        assertThat(queries.jobs("", "", "", 100)).hasSize(6);
        assertThat(queries.jobs("SUCCEEDED", "sales.orders", DashboardWorkload.LINK, 100)).hasSize(2);
        assertThat(queries.jobs("FAILED", "", "", 100)).singleElement()
                .satisfies(job -> assertThat(job).containsEntry("lastError", "metastore of region-b unreachable"));
        assertThat(queries.jobs("", "sales", "other-link", 100)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneJobWithHistoryAndFiles() {
        Map<String, Object> job = queries.job(workload.jobIds.get(0)).orElseThrow();
        assertThat(((List<Map<String, Object>>) job.get("transitions"))).extracting(row -> row.get("to"))
                .containsExactly("PENDING", "PLANNED", "COPYING", "COPIED", "VERIFIED", "COMMITTED", "SUCCEEDED");
        assertThat(((List<Map<String, Object>>) job.get("files"))).extracting(row -> row.get("sourceChecksum"),
                row -> row.get("targetChecksum")).hasSize(2)
                .contains(org.assertj.core.groups.Tuple.tuple("crc32c:0a0b0c0d", "crc32c:0a0b0c0d"));
        assertThat(((List<Map<String, Object>>) job.get("files"))).extracting(row -> row.get("path"),
                row -> row.get("verifiedBy"), row -> row.get("reused")).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("part-0.parquet", "TARGET_REREAD", false),
                        org.assertj.core.groups.Tuple.tuple("part-1.parquet", "SAME_FILE", true));
        assertThat(queries.job(999_999)).isEmpty();
    }

    @Test
    void reconcileScansWithDivergences() {
        List<Map<String, Object>> scans = queries.reconcile(10);
        assertThat(scans).hasSize(2);
        assertThat(scans.get(0)).containsEntry("table", "orders").containsEntry("status", "DIVERGENT");
        assertThat(scans.get(0).get("divergences")).asList().hasSize(1);
    }

    @Test
    void freshness() {
        assertThat(fresh("orders", "ds=2024-01-01", 2)).isTrue();
        assertThat(fresh("orders", "ds=2024-01-02", 6)).isTrue();
        assertThat(fresh("orders", "ds=2024-01-03", 4)).isFalse();
        assertThat(fresh("orders", "", 3)).isTrue();
        assertThat(fresh("orders", "", 4)).isFalse();
        assertThat(fresh("customers", "", 6)).isTrue();
        assertThat(fresh("customers", "", 7)).as("event 7 is not planned yet").isFalse();
        assertThat(fresh("returns", "", 6)).as("its job failed").isFalse();
        assertThat(queries.freshness(LINK, "sales", "orders", "", Optional.empty(),
                Optional.of(DashboardWorkload.capturedAt(3))).get("fresh")).isEqualTo(true);
        assertThat(queries.freshness(LINK, "sales", "orders", "", Optional.empty(),
                Optional.of(DashboardWorkload.capturedAt(4))).get("fresh")).isEqualTo(false);
        Map<String, Object> answer = queries.freshness(LINK, "sales", "orders", "", Optional.of(4L), Optional.empty());
        assertThat(answer.get("watermark")).isEqualTo(Map.of("lastSourceEventId", 2L,
                "lastSourceCapturedAtMs", DashboardWorkload.capturedAt(2),
                "lastCommittedAtMs", DashboardWorkload.capturedAt(2) + 3_000));
    }

    @Test
    void reachable() {
        assertThat(queries.reachable()).isTrue();
    }

    private static boolean fresh(String table, String partition, long event) {
        return (Boolean) queries.freshness(LINK, "sales", table, partition, Optional.of(event), Optional.empty())
                .get("fresh");
    }

    @Test
    void aPartitionChangedAgainAndAgainIsJudgedByItsOldestChangeNotApplied() {
        try (TestingMariaDb own = TestingMariaDb.create()) {
            io.strait.sql.job.JdbcJobStore jobs = new io.strait.sql.job.JdbcJobStore(own.dataSource(),
                    new TestingClock(NOW));
            io.strait.common.job.ObjectRef partition = new io.strait.common.job.ObjectRef("sales", "orders",
                    List.of("2026-01-01"));
            long hour = 3_600_000L;
            // a change every hour for five hours: each new job supersedes the pending one (coalescing)
            for (int change = 0; change < 5; change++) {
                jobs.createJobs("a-to-b", change, change + 1, List.of(new io.strait.common.job.NewJob("a-to-b",
                        io.strait.common.job.JobKind.SYNC_PARTITION, partition, change + 1,
                        NOW - (5 - change) * hour)));
            }
            DashboardQueries.Link link = new DashboardQueries.Link("a-to-b", "region-a", "region-b");

            Map<String, Object> table = new DashboardQueries(own.dataSource()).tables(List.of(link), "orders", NOW,
                    10).get(0);

            assertThat(table).as("the newest change is 1 h old, the oldest waiting 5 h: past the 4 h SLA")
                    .containsEntry("sla", "BREACHED").containsEntry("slaDeadlineMs", NOW - 5 * hour + 4 * hour);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOverviewShowsTheSourceListenersAndWhatTheyHoldInTheirSpools() throws Exception {
        try (TestingMariaDb own = TestingMariaDb.create()) {
            try (java.sql.Connection connection = own.dataSource().getConnection();
                    java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO listener_instance"
                            + " (instance_id, region, started_at_ms, last_contact_at_ms, spool_depth, spooled_tables,"
                            + " stopped_at_ms) VALUES (?, ?, 1, ?, ?, '', ?)")) {
                Object[][] instances = {{"hms-1:1:a", "region-a", NOW, 3, 0L}, {"hms-2:2:b", "region-a", NOW, 4, 0L},
                    {"hms-1:0:c", "region-a", NOW - 60_000, 9, NOW - 60_000}, {"hms-9:9:d", "region-b", NOW, 5, 0L}};
                for (Object[] instance : instances) {
                    insert.setString(1, (String) instance[0]);
                    insert.setString(2, (String) instance[1]);
                    insert.setLong(3, (Long) instance[2]);
                    insert.setInt(4, (Integer) instance[3]);
                    insert.setLong(5, (Long) instance[4]);
                    insert.executeUpdate();
                }
            }

            Map<String, Object> link = new DashboardQueries(own.dataSource()).links(List.of(LINK), NOW).get(0);

            assertThat((List<Map<String, Object>>) link.get("sourceListeners")).extracting(row -> row.get("instance"))
                    .containsExactly("hms-1:1:a", "hms-2:2:b");
            assertThat(link).containsEntry("spooledEvents", 7L);
        }
    }
}
