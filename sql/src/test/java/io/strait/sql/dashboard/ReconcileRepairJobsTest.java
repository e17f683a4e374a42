package io.strait.sql.dashboard;

import static io.strait.sql.SampleValues.ORDERS;
import static io.strait.sql.SampleValues.REGION_A;
import static io.strait.sql.SampleValues.REGION_B;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.divergence.ReconcileScan.Status;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobOrigin;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.TableRef;
import io.strait.sql.divergence.JdbcDivergenceStore;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Reconcile page's data: each divergent scan with the repair jobs planned from it. */
class ReconcileRepairJobsTest {
    private static final long T0 = 1_780_000_000_000L;
    private static final String LINK = "a-to-b";

    private TestingMariaDb db;
    private TestingClock clock;

    @BeforeEach
    void createDatabase() {
        db = TestingMariaDb.create();
        clock = new TestingClock(T0);
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDivergentScanListsTheRepairJobsPlannedBeforeTheTablesNextScan() {
        JdbcDivergenceStore scans = new JdbcDivergenceStore(db.dataSource());
        JdbcJobStore jobs = new JdbcJobStore(db.dataSource(), clock);
        scans.record(new ReconcileScan(REGION_A, REGION_B, ORDERS, T0, T0 + 1_000, Status.DIVERGENT, 2, 2,
                List.of(new Divergence(DivergenceClass.MISSING_PARTITION, ORDERS, List.of("2024-01-01"), "",
                        "partition missing on target")), ""));
        clock.setMillis(T0 + 2_000);
        long repair = jobs.createRepairJobs(LINK, List.of(repairOf(ORDERS, "2024-01-01"))).get(0);
        long otherTable = jobs.createRepairJobs(LINK, List.of(repairOf(TableRef.of("sales", "items"), "x"))).get(0);
        jobs.createJobs(LINK, 0, 1, List.of(new NewJob(LINK, JobKind.SYNC_PARTITION, ObjectRef.partition(
                PartitionRef.of(ORDERS, List.of("2024-01-02"))), 1, T0)));
        scans.record(new ReconcileScan(REGION_A, REGION_B, ORDERS, T0 + 10_000, T0 + 11_000, Status.DIVERGENT, 2, 2,
                List.of(new Divergence(DivergenceClass.MISSING_PARTITION, ORDERS, List.of("2024-01-03"), "",
                        "partition missing on target")), ""));
        clock.setMillis(T0 + 12_000);
        long later = jobs.createRepairJobs(LINK, List.of(repairOf(ORDERS, "2024-01-03"))).get(0);

        List<Map<String, Object>> answer = new DashboardQueries(db.dataSource()).reconcile(10);

        assertThat(answer).hasSize(2);
        List<Map<String, Object>> newest = (List<Map<String, Object>>) answer.get(0).get("repairJobs");
        List<Map<String, Object>> first = (List<Map<String, Object>>) answer.get(1).get("repairJobs");
        assertThat(first).extracting(job -> job.get("id")).containsExactly(repair).doesNotContain(otherTable);
        assertThat(first.get(0)).containsEntry("kind", "SYNC_PARTITION").containsEntry("state", "PENDING")
                .containsEntry("origin", "REPAIR").containsEntry("partition", "2024-01-01")
                .containsEntry("link", LINK);
        assertThat(newest).extracting(job -> job.get("id")).containsExactly(later);
    }

    private static NewJob repairOf(TableRef table, String day) {
        return new NewJob(LINK, JobKind.SYNC_PARTITION, ObjectRef.partition(PartitionRef.of(table, List.of(day))), 0,
                0, JobOrigin.REPAIR);
    }
}
