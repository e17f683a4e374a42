package io.strait.sql.dashboard;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
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
import io.strait.sql.SampleValues;
import io.strait.sql.control.JdbcLinkControl;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.testing.TestingClock;
import java.util.List;
import javax.sql.DataSource;

/**
 * Live state for "why is this late?", written through the real stores (events of region-a captured one second
 * apart from {@link #START}); the clock is left at {@link #NOW}:
 *
 * <ul>
 *   <li>job {@code copying}: SYNC_TABLE sales.orders, COPYING since {@code START + 10 s}, 100 of 400 bytes and 1 of
 *       2 files copied;</li>
 *   <li>job {@code waiting}: SYNC_PARTITION sales.orders/2024-01-01, PENDING behind {@code copying};</li>
 *   <li>jobs {@code queuedFirst} (sales.customers) and {@code queuedSecond} (sales.items): PENDING, runnable;</li>
 *   <li>job {@code retrying}: sales.returns, RETRY_WAIT after one attempt ("metastore of region-b unreachable");</li>
 *   <li>job {@code failed}: sales.refunds, FAILED ("gave up after 3 attempts");</li>
 *   <li>job {@code blocked}: sales.acid, BLOCKED (an ACID table);</li>
 *   <li>on link {@value #PAUSED_LINK} (region-a to region-c): job {@code paused}, sales.orders PENDING, the link
 *       paused by alice;</li>
 *   <li>sales.never: no event at all.</li>
 * </ul>
 */
public final class LatenessWorkload {
    public static final String LINK = "a-to-b";
    public static final String PAUSED_LINK = "a-to-c";
    public static final long START = 1_780_000_000_000L;
    public static final long NOW = START + 60_000L;

    public final long copying;
    public final long waiting;
    public final long queuedFirst;
    public final long queuedSecond;
    public final long retrying;
    public final long failed;
    public final long blocked;
    public final long paused;

    private LatenessWorkload(List<Long> ids) {
        this.copying = ids.get(0);
        this.waiting = ids.get(1);
        this.queuedFirst = ids.get(2);
        this.queuedSecond = ids.get(3);
        this.retrying = ids.get(4);
        this.failed = ids.get(5);
        this.blocked = ids.get(6);
        this.paused = ids.get(7);
    }

    public static long capturedAt(long event) {
        return START + event * 1_000L;
    }

    public static LatenessWorkload seed(DataSource dataSource, TestingClock clock) {
        JdbcEventLog events = new JdbcEventLog(dataSource, clock);
        JdbcJobStore jobs = new JdbcJobStore(dataSource, clock);
        TableRef orders = TableRef.of("sales", "orders");
        List<NewJob> planned = List.of(
                table(LINK, orders, 1),
                new NewJob(LINK, JobKind.SYNC_PARTITION, ObjectRef.partition(PartitionRef.of(orders,
                        List.of("2024-01-01"))), 2, capturedAt(2)),
                table(LINK, TableRef.of("sales", "customers"), 3),
                table(LINK, TableRef.of("sales", "items"), 4),
                table(LINK, TableRef.of("sales", "returns"), 5),
                table(LINK, TableRef.of("sales", "refunds"), 6),
                table(LINK, TableRef.of("sales", "acid"), 7),
                table(PAUSED_LINK, orders, 8));
        List<Long> ids = new java.util.ArrayList<>();
        for (long event = 1; event <= 8; event++) {
            clock.setMillis(capturedAt(event) + 50);
            events.append(new CapturedEvent(SampleValues.REGION_A, EventType.ALTER_TABLE, "sales", "orders",
                    capturedAt(event), CapturedEvent.ORIGIN_WRITER,
                    EventSnapshot.ofTable(SampleValues.ordersTable("file:/warehouse/a/sales.db/orders"))));
            NewJob job = planned.get((int) event - 1);
            String link = job.link();
            long cursor = jobs.plannerCursor(link);
            ids.addAll(jobs.createJobs(link, cursor, event, List.of(job)));
        }
        jobs.createJobs(LINK, jobs.plannerCursor(LINK), 8, List.of());
        clock.setMillis(START + 10_000);
        ReplicationJob copying = jobs.transition(JobTransitionRequest.of(jobs.find(ids.get(0)).orElseThrow(),
                JobState.PLANNED, "claimed"));
        List<FileEntry> files = List.of(new FileEntry("part-0.parquet", 100, 1),
                new FileEntry("part-1.parquet", 300, 1));
        String target = "file:/warehouse/b/sales.db/orders/_strait_v1";
        jobs.savePlan(copying.id(), new JobPlan(null, null, null, "file:/warehouse/a/sales.db/orders", target,
                files), List.of(new CopyTask(copying.id(), 0, "file:/a", target, files.subList(0, 1)),
                new CopyTask(copying.id(), 1, "file:/a", target, files.subList(1, 2))));
        jobs.transition(JobTransitionRequest.of(copying, JobState.COPYING, "copying 2 files in 2 tasks")
                .withTargetLocation(target));
        clock.setMillis(START + 30_000);
        jobs.recordCopyResult(new CopyTaskResult(copying.id(), 0, List.of(new FileCopyResult("part-0.parquet", 100,
                "crc32c:0a0b0c0d", "crc32c:0a0b0c0d", FileVerification.VERIFIED, ""))));
        clock.setMillis(START + 40_000);
        ReplicationJob retrying = jobs.transition(JobTransitionRequest.of(jobs.find(ids.get(4)).orElseThrow(),
                JobState.PLANNED, "claimed"));
        jobs.transition(JobTransitionRequest.of(retrying, JobState.RETRY_WAIT, "attempt 1 failed")
                .withError("metastore of region-b unreachable"));
        jobs.transition(JobTransitionRequest.of(jobs.find(ids.get(5)).orElseThrow(), JobState.FAILED,
                "gave up after 3 attempts").withError("gave up after 3 attempts: metastore of region-b unreachable"));
        ReplicationJob acid = jobs.transition(JobTransitionRequest.of(jobs.find(ids.get(6)).orElseThrow(),
                JobState.PLANNED, "claimed"));
        jobs.transition(JobTransitionRequest.of(acid, JobState.BLOCKED, "ACID table").withError(
                "sales.acid is a transactional (ACID) table: Strait cannot replicate it faithfully"));
        new JdbcLinkControl(dataSource).set(PAUSED_LINK, true, "alice", "maintenance of region-c", START + 45_000);
        clock.setMillis(NOW);
        return new LatenessWorkload(ids);
    }

    private static NewJob table(String link, TableRef table, long event) {
        return new NewJob(link, JobKind.SYNC_TABLE, ObjectRef.table(table), event, capturedAt(event));
    }
}
