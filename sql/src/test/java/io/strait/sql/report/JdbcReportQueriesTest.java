package io.strait.sql.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.divergence.ReconcileScan.Status;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobPlan;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionId;
import io.strait.common.report.ReplicationReport;
import io.strait.sql.SampleValues;
import io.strait.sql.divergence.JdbcDivergenceStore;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Report figures from data seeded through the real stores. */
class JdbcReportQueriesTest {
    private static final String LINK = "a-to-b";
    private static final String OTHER_LINK = "a-to-c";
    private static final RegionId SOURCE = SampleValues.REGION_A;
    private static final RegionId TARGET = SampleValues.REGION_B;

    private static TestingMariaDb db;
    private static JdbcJobStore jobs;
    private static ReplicationReport report;

    @BeforeAll
    static void seedAndReport() {
        db = TestingMariaDb.create();
        TestingClock clock = new TestingClock(1_700_000_000_000L);
        jobs = new JdbcJobStore(db.dataSource(), clock);
        seedEvents(new JdbcEventLog(db.dataSource(), clock));
        seedJobs();
        seedFiles();
        seedBlockedJobs();
        seedScans(new JdbcDivergenceStore(db.dataSource()));
        report = new JdbcReportQueries(db.dataSource()).report(LINK, SOURCE);
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void eventsOfTheSourceRegionByType() {
        assertThat(report.eventsByType()).isEqualTo(Map.of("CREATE_TABLE", 3L, "ALTER_PARTITION", 2L));
        assertThat(report.totalEvents()).isEqualTo(5);
    }

    @Test
    void jobsOfTheLinkByState() {
        assertThat(report.jobsByState()).isEqualTo(
                Map.of("SUCCEEDED", 100L, "PENDING", 2L, "FAILED", 1L, "COMMITTED", 1L, "BLOCKED", 3L));
        assertThat(report.blockedJobs()).isEqualTo(3);
    }

    @Test
    void blockedTablesOfTheLinkOnceEachWithTheReasonOfTheirNewestBlockedJob() {
        assertThat(report.blockedTables()).containsExactly(
                Map.entry("db.acid", "acid, newest"),
                Map.entry("db.mv", "materialized view"));
    }

    @Test
    void aFailedFileOfAnAttemptANewerJobSupersededIsNotCountedAsNotVerified() {
        String link = "superseded-" + System.nanoTime();
        NewJob first = new NewJob(link, JobKind.SYNC_PARTITION, ObjectRef.partition(
                io.strait.common.metastore.PartitionRef.of(SampleValues.ORDERS, List.of("day-9"))), 9, 5_000,
                io.strait.common.job.JobOrigin.REPAIR);
        long attempt = jobs.createRepairJobs(link, List.of(first)).get(0);
        jobs.savePlan(attempt, plan(List.of(file("m", 5))), List.of(task(attempt, 0, List.of(file("m", 5)))));
        jobs.recordCopyResult(new CopyTaskResult(attempt, 0, List.of(result("m", 5, FileVerification.MISMATCH))));
        JdbcReportQueries queries = new JdbcReportQueries(db.dataSource());
        assertThat(queries.report(link, SOURCE).filesNotVerified()).as("while the attempt may still publish")
                .isEqualTo(1);

        jobs.createRepairJobs(link, List.of(new NewJob(link, first.kind(), first.object(), 10, 6_000,
                io.strait.common.job.JobOrigin.REPAIR)));

        assertThat(jobs.find(attempt).orElseThrow().state()).isEqualTo(JobState.SUPERSEDED);
        assertThat(queries.report(link, SOURCE).filesNotVerified()).isZero();
    }

    @Test
    void lagPercentilesOverSucceededJobsOnly() {
        assertThat(report.lagP50Millis()).isEqualTo(50);
        assertThat(report.lagP99Millis()).isEqualTo(99);
    }

    @Test
    void filesOfTheLastManifestOfEachJob() {
        assertThat(report.filesVerified()).isEqualTo(3);
        assertThat(report.bytesVerified()).isEqualTo(100 + 250 + 7);
        assertThat(report.filesNotVerified()).isEqualTo(3);
    }

    @Test
    void divergencesOfTheLatestCompletedScanOfEachTable() {
        assertThat(report.divergences()).isEqualTo(2 + 3);
    }

    @Test
    void emptyLinkReportsZeros() {
        ReplicationReport empty = new JdbcReportQueries(db.dataSource()).report("nothing", RegionId.of("nowhere"));

        assertThat(empty).isEqualTo(new ReplicationReport(Map.of(), Map.of(), 0, 0, 0, 0, 0, 0));
    }

    private static void seedEvents(JdbcEventLog log) {
        IntStream.range(0, 3).forEach(i -> log.append(SampleValues.createTableEvent(SOURCE, i)));
        IntStream.range(0, 2).forEach(i -> log.append(SampleValues.alterPartitionEvent(SOURCE, i)));
        IntStream.range(0, 4).forEach(i -> log.append(SampleValues.createTableEvent(TARGET, i)));
    }

    /** 100 SUCCEEDED jobs with lags 1..100 ms in shuffled order; others that must not count. */
    private static void seedJobs() {
        List<Long> lags = new ArrayList<>(LongStream.rangeClosed(1, 100).boxed().toList());
        Collections.shuffle(lags, new Random(7));
        List<NewJob> newJobs = new ArrayList<>();
        for (int i = 0; i < lags.size(); i++) {
            newJobs.add(new NewJob(LINK, JobKind.SYNC_TABLE, ObjectRef.table(TableRef.of("db", "t" + i)), i + 1,
                    1_000_000L + 37L * i));
        }
        newJobs.add(newJob(LINK, 101));
        newJobs.add(newJob(LINK, 102));
        newJobs.add(newJob(LINK, 103));
        newJobs.add(newJob(LINK, 104));
        List<Long> ids = jobs.createJobs(LINK, 0, 104, newJobs);
        for (int i = 0; i < lags.size(); i++) {
            succeed(ids.get(i), lags.get(i));
        }
        commitOnly(ids.get(100), 900_000);
        fail(ids.get(101));
        long otherLinkJob = jobs.createJobs(OTHER_LINK, 0, 1, List.of(newJob(OTHER_LINK, 1))).get(0);
        succeed(otherLinkJob, 5_000);
    }

    /** Two partition jobs of one table and a table job of another end BLOCKED; one of another link too. */
    private static void seedBlockedJobs() {
        TableRef acid = TableRef.of("db", "acid");
        List<Long> ids = jobs.createJobs(LINK, 104, 107, List.of(
                new NewJob(LINK, JobKind.SYNC_PARTITION, ObjectRef.partition(
                        io.strait.common.metastore.PartitionRef.of(acid, List.of("1"))), 105, 5_000),
                new NewJob(LINK, JobKind.SYNC_TABLE, ObjectRef.table(TableRef.of("db", "mv")), 106, 5_000),
                new NewJob(LINK, JobKind.SYNC_PARTITION, ObjectRef.partition(
                        io.strait.common.metastore.PartitionRef.of(acid, List.of("2"))), 107, 5_000)));
        block(ids.get(0), "acid, oldest");
        block(ids.get(1), "materialized view");
        block(ids.get(2), "acid, newest");
        long otherLinkJob = jobs.createJobs(OTHER_LINK, 2, 3, List.of(new NewJob(OTHER_LINK, JobKind.SYNC_TABLE,
                ObjectRef.table(TableRef.of("db", "elsewhere")), 3, 5_000))).get(0);
        block(otherLinkJob, "other link");
    }

    private static void block(long jobId, String reason) {
        ReplicationJob planned = jobs.transition(JobTransitionRequest.of(jobs.find(jobId).orElseThrow(),
                JobState.PLANNED, "plan"));
        jobs.transition(JobTransitionRequest.of(planned, JobState.BLOCKED, reason).withError(reason));
    }

    /** Job 103: four results and one pending file; job 104 planned twice, only its last manifest counts. */
    private static void seedFiles() {
        long mixed = jobs.findUnfinished(LINK).stream().filter(job -> job.sourceEventId() == 103).findFirst()
                .orElseThrow().id();
        List<FileEntry> files = List.of(file("a", 100), file("b", 250), file("c", 1), file("d", 1), file("e", 1),
                file("f", 1));
        jobs.savePlan(mixed, plan(files), List.of(task(mixed, 0, files.subList(0, 2)),
                task(mixed, 1, files.subList(2, 4)), task(mixed, 2, files.subList(4, 5)),
                task(mixed, 3, files.subList(5, 6))));
        jobs.recordCopyResult(new CopyTaskResult(mixed, 0, List.of(result("a", 100, FileVerification.VERIFIED),
                result("b", 250, FileVerification.VERIFIED))));
        jobs.recordCopyResult(new CopyTaskResult(mixed, 1, List.of(result("c", 1, FileVerification.MISMATCH),
                result("d", 1, FileVerification.UNVERIFIABLE))));
        jobs.recordCopyResult(new CopyTaskResult(mixed, 2, List.of(result("e", 0, FileVerification.FAILED))));

        long replanned = jobs.findUnfinished(LINK).stream().filter(job -> job.sourceEventId() == 104).findFirst()
                .orElseThrow().id();
        List<FileEntry> first = List.of(file("x", 1_000), file("y", 1_000));
        jobs.savePlan(replanned, plan(first), List.of(task(replanned, 0, first)));
        jobs.recordCopyResult(new CopyTaskResult(replanned, 0, List.of(result("x", 1_000, FileVerification.VERIFIED),
                result("y", 1_000, FileVerification.VERIFIED))));
        jobs.savePlan(replanned, plan(List.of(file("z", 7))), List.of(task(replanned, 0, List.of(file("z", 7)))));
        jobs.recordCopyResult(new CopyTaskResult(replanned, 0, List.of(result("z", 7, FileVerification.VERIFIED))));

        long otherLinkJob = jobs.createJobs(OTHER_LINK, 1, 2, List.of(newJob(OTHER_LINK, 2))).get(0);
        jobs.savePlan(otherLinkJob, plan(List.of(file("o", 10_000))),
                List.of(task(otherLinkJob, 0, List.of(file("o", 10_000)))));
        jobs.recordCopyResult(new CopyTaskResult(otherLinkJob, 0,
                List.of(result("o", 10_000, FileVerification.VERIFIED))));
    }

    private static void seedScans(JdbcDivergenceStore store) {
        TableRef first = TableRef.of("db", "first");
        TableRef second = TableRef.of("db", "second");
        store.record(scan(SOURCE, first, Status.DIVERGENT, 4));
        store.record(scan(SOURCE, first, Status.DIVERGENT, 2));
        store.record(scan(SOURCE, second, Status.DIVERGENT, 3));
        store.record(scan(SOURCE, second, Status.FAILED, 0));
        store.record(scan(SOURCE, TableRef.of("db", "third"), Status.CONSISTENT, 0));
        store.record(scan(RegionId.of("elsewhere"), first, Status.DIVERGENT, 10));
    }

    private static void succeed(long jobId, long lagMillis) {
        ReplicationJob job = jobs.find(jobId).orElseThrow();
        ReplicationJob committed = commit(job, job.sourceCapturedAtMillis() + lagMillis);
        jobs.transition(JobTransitionRequest.of(committed, JobState.SUCCEEDED, "done"));
    }

    private static void commitOnly(long jobId, long lagMillis) {
        ReplicationJob job = jobs.find(jobId).orElseThrow();
        commit(job, job.sourceCapturedAtMillis() + lagMillis);
    }

    private static ReplicationJob commit(ReplicationJob job, long committedAt) {
        ReplicationJob planned = jobs.transition(JobTransitionRequest.of(job, JobState.PLANNED, "plan"));
        return jobs.transition(JobTransitionRequest.of(planned, JobState.COMMITTED, "commit")
                .withCommittedAt(committedAt));
    }

    private static void fail(long jobId) {
        jobs.transition(JobTransitionRequest.of(jobs.find(jobId).orElseThrow(), JobState.FAILED, "broken"));
    }

    private static NewJob newJob(String link, long eventId) {
        return new NewJob(link, JobKind.SYNC_PARTITION,
                ObjectRef.partition(io.strait.common.metastore.PartitionRef.of(SampleValues.ORDERS,
                        List.of("day-" + eventId))), eventId, 5_000);
    }

    private static ReconcileScan scan(RegionId source, TableRef table, Status status, int divergenceCount) {
        List<Divergence> divergences = IntStream.range(0, divergenceCount).mapToObj(i -> new Divergence(
                DivergenceClass.MISSING_PARTITION, table, List.of("p" + i), "", "missing on target")).toList();
        return new ReconcileScan(source, TARGET, table, 1, 2, status, 3, 4, divergences,
                status == Status.FAILED ? "metastore unreachable" : "");
    }

    private static JobPlan plan(List<FileEntry> files) {
        return new JobPlan(null, null, null, "file:/a", "file:/b/_strait_v1_1", files);
    }

    private static CopyTask task(long jobId, int index, List<FileEntry> files) {
        return new CopyTask(jobId, index, "file:/a", "file:/b/_strait_v1_1", files);
    }

    private static FileEntry file(String name, long size) {
        return new FileEntry(name, size, 1);
    }

    private static FileCopyResult result(String name, long size, FileVerification verification) {
        return new FileCopyResult(name, size, "crc32c:00000001", "crc32c:00000001", verification, "");
    }
}
