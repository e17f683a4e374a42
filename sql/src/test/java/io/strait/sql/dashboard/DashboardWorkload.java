package io.strait.sql.dashboard;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.divergence.ReconcileScan.Status;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobPlan;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionId;
import io.strait.sql.SampleValues;
import io.strait.sql.divergence.JdbcDivergenceStore;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.watermark.JdbcTableWatermarks;
import java.util.List;
import javax.sql.DataSource;

/**
 * A known workload for the dashboard's tests, written through the real stores on link {@value #LINK}
 * (region-a to region-b), all at {@link #NOW} (the clock is left there):
 *
 * <ul>
 *   <li>events 1..6 of region-a, event {@code n} captured at {@code NOW - 20 min + n s};</li>
 *   <li>job of event 1: sales.orders partition 2024-01-01, SUCCEEDED, lag 1 s, two files verified (100 and 200
 *       bytes);</li>
 *   <li>job of event 2: sales.orders partition 2024-01-02, SUCCEEDED, lag 3 s;</li>
 *   <li>job of event 3: table sales.customers, SUCCEEDED, lag 2 s;</li>
 *   <li>job of event 4: sales.orders partition 2024-01-03, PENDING (sales.orders is waiting);</li>
 *   <li>job of event 5: table sales.acid, BLOCKED; job of event 6: table sales.returns, FAILED;</li>
 *   <li>watermarks: sales.orders at event 2, sales.customers at event 3; planner cursor at 6;</li>
 *   <li>reconcile: sales.customers CONSISTENT; sales.orders DIVERGENT with one MISSING_PARTITION.</li>
 * </ul>
 */
public final class DashboardWorkload {
    public static final String LINK = "a-to-b";
    public static final RegionId SOURCE = SampleValues.REGION_A;
    public static final RegionId TARGET = SampleValues.REGION_B;
    public static final long NOW = 1_780_000_000_000L;
    public static final TableRef ORDERS = TableRef.of("sales", "orders");
    public static final TableRef CUSTOMERS = TableRef.of("sales", "customers");

    /** Ids of the jobs, by the event they replicate (index 0 is event 1). */
    public final List<Long> jobIds;

    private DashboardWorkload(List<Long> jobIds) {
        this.jobIds = jobIds;
    }

    public static long capturedAt(long event) {
        return NOW - 20 * 60_000L + event * 1_000L;
    }

    public static DashboardWorkload seed(DataSource dataSource, TestingClock clock) {
        JdbcEventLog events = new JdbcEventLog(dataSource, clock);
        JdbcJobStore jobs = new JdbcJobStore(dataSource, clock);
        List<NewJob> planned = List.of(
                partitionJob(1, "2024-01-01"), partitionJob(2, "2024-01-02"),
                new NewJob(LINK, JobKind.SYNC_TABLE, ObjectRef.table(CUSTOMERS), 3, capturedAt(3)),
                partitionJob(4, "2024-01-03"),
                new NewJob(LINK, JobKind.SYNC_TABLE, ObjectRef.table(TableRef.of("sales", "acid")), 5, capturedAt(5)),
                new NewJob(LINK, JobKind.SYNC_TABLE, ObjectRef.table(TableRef.of("sales", "returns")), 6,
                        capturedAt(6)));
        List<Long> ids = new java.util.ArrayList<>();
        for (long event = 1; event <= 6; event++) {
            clock.setMillis(capturedAt(event) + 50);
            events.append(new CapturedEvent(SOURCE, EventType.ALTER_TABLE, "sales", "orders", capturedAt(event),
                    CapturedEvent.ORIGIN_WRITER,
                    EventSnapshot.ofTable(SampleValues.ordersTable("file:/warehouse/a/sales.db/orders"))));
            clock.setMillis(capturedAt(event) + 200);
            ids.addAll(jobs.createJobs(LINK, event - 1, event, List.of(planned.get((int) event - 1))));
        }
        succeed(jobs, clock, ids.get(0), 1_000, true);
        succeed(jobs, clock, ids.get(1), 3_000, false);
        succeed(jobs, clock, ids.get(2), 2_000, false);
        clock.setMillis(capturedAt(5) + 1_000);
        ReplicationJob acid = jobs.transition(JobTransitionRequest.of(jobs.find(ids.get(4)).orElseThrow(),
                JobState.PLANNED, "claimed"));
        jobs.transition(JobTransitionRequest.of(acid, JobState.BLOCKED, "ACID table").withError(
                "sales.acid is a transactional (ACID) table: Strait cannot replicate it faithfully"));
        clock.setMillis(capturedAt(6) + 60_000);
        jobs.transition(JobTransitionRequest.of(jobs.find(ids.get(5)).orElseThrow(), JobState.FAILED,
                "gave up after 3 attempts").withError("metastore of region-b unreachable"));
        JdbcTableWatermarks watermarks = new JdbcTableWatermarks(dataSource);
        watermarks.recordWatermark(LINK, ORDERS, 2, capturedAt(2) + 3_000);
        watermarks.recordWatermark(LINK, CUSTOMERS, 3, capturedAt(3) + 2_000);
        JdbcDivergenceStore scans = new JdbcDivergenceStore(dataSource);
        scans.record(new ReconcileScan(SOURCE, TARGET, CUSTOMERS, NOW - 5 * 60_000L, NOW - 4 * 60_000L,
                Status.CONSISTENT, 1, 3, List.of(), ""));
        scans.record(new ReconcileScan(SOURCE, TARGET, ORDERS, NOW - 5 * 60_000L, NOW - 4 * 60_000L,
                Status.DIVERGENT, 3, 6, List.of(new Divergence(DivergenceClass.MISSING_PARTITION, ORDERS,
                List.of("2024-01-03"), "", "partition missing on target")), ""));
        clock.setMillis(NOW);
        return new DashboardWorkload(ids);
    }

    /**
     * Adds a day of history for charts and screenshots: {@value #HISTORY_JOBS} SUCCEEDED jobs of table
     * sales.clicks (events 7 onwards, planner cursor moved past them), two per hour over the 24 hours before
     * {@link #NOW}, with lags from 4 s to a few minutes. Leaves the clock at {@link #NOW}.
     */
    public static void seedHistory(DataSource dataSource, TestingClock clock) {
        JdbcJobStore jobs = new JdbcJobStore(dataSource, clock);
        TableRef clicks = TableRef.of("sales", "clicks");
        long cursor = 6;
        for (int hour = 23; hour >= 0; hour--) {
            for (int half = 0; half < 2; half++) {
                long captured = NOW - hour * 3_600_000L - 3_000_000L + half * 1_500_000L;
                long lag = 4_000 + (long) (Math.abs(Math.sin(hour * 0.7 + half)) * 90_000) + (hour % 6 == 0 ? 150_000
                        : 0);
                clock.setMillis(captured + 200);
                long id = jobs.createJobs(LINK, cursor, cursor + 1, List.of(new NewJob(LINK, JobKind.SYNC_PARTITION,
                        ObjectRef.partition(PartitionRef.of(clicks, List.of("h" + hour + "-" + half))), cursor + 1,
                        captured))).get(0);
                cursor++;
                succeed(jobs, clock, id, lag, false);
                new JdbcTableWatermarks(dataSource).recordWatermark(LINK, clicks, cursor, captured + lag);
            }
        }
        clock.setMillis(NOW);
    }

    public static final int HISTORY_JOBS = 48;

    private static NewJob partitionJob(long event, String day) {
        return new NewJob(LINK, JobKind.SYNC_PARTITION, ObjectRef.partition(PartitionRef.of(ORDERS, List.of(day))),
                event, capturedAt(event));
    }

    private static void succeed(JdbcJobStore jobs, TestingClock clock, long jobId, long lagMillis,
            boolean withFiles) {
        ReplicationJob job = jobs.find(jobId).orElseThrow();
        clock.setMillis(job.sourceCapturedAtMillis() + 300);
        ReplicationJob planned = jobs.transition(JobTransitionRequest.of(job, JobState.PLANNED, "claimed"));
        ReplicationJob last = planned;
        if (withFiles) {
            List<FileEntry> files = List.of(new FileEntry("part-0.parquet", 100, 1),
                    new FileEntry("part-1.parquet", 200, 1));
            String target = "file:/warehouse/b/sales.db/orders/ds=2024-01-01/_strait_v" + jobId + "_1";
            jobs.savePlan(jobId, new JobPlan(null, null, null, "file:/warehouse/a/sales.db/orders/ds=2024-01-01",
                    target, files), List.of(new CopyTask(jobId, 0, "file:/a", target, files)));
            jobs.recordCopyResult(new CopyTaskResult(jobId, 0, List.of(
                    new FileCopyResult("part-0.parquet", 100, "crc32c:0a0b0c0d", "crc32c:0a0b0c0d",
                            FileVerification.VERIFIED, "").verifiedBy(
                                    io.strait.common.copy.VerificationMethod.TARGET_REREAD),
                    new FileCopyResult("part-1.parquet", 200, "crc32c:1a1b1c1d", "crc32c:1a1b1c1d",
                            FileVerification.VERIFIED, "", true).verifiedBy(
                                    io.strait.common.copy.VerificationMethod.SAME_FILE))));
            last = jobs.transition(JobTransitionRequest.of(last, JobState.COPYING, "copying 2 files in 1 task")
                    .withTargetLocation(target));
            last = jobs.transition(JobTransitionRequest.of(last, JobState.COPIED, "every task copied"));
            last = jobs.transition(JobTransitionRequest.of(last, JobState.VERIFIED, "2 files verified"));
        }
        clock.setMillis(job.sourceCapturedAtMillis() + lagMillis);
        ReplicationJob committed = jobs.transition(JobTransitionRequest.of(last, JobState.COMMITTED, "published")
                .withCommittedAt(job.sourceCapturedAtMillis() + lagMillis));
        jobs.transition(JobTransitionRequest.of(committed, JobState.SUCCEEDED, "done"));
    }
}
