package io.strait.sql.job;

import static io.strait.sql.SampleValues.ORDERS;
import static io.strait.sql.SampleValues.REGION_A;
import static io.strait.sql.SampleValues.REGION_B;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.ReplicationEvent;
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
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcReconcileReadsTest {
    private static final AtomicInteger LINKS = new AtomicInteger();
    private static TestingMariaDb db;
    private static JdbcJobStore jobs;
    private static JdbcEventLog events;
    private static JdbcReconcileReads reads;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
        TestingClock clock = new TestingClock(1_000);
        jobs = new JdbcJobStore(db.dataSource(), clock);
        events = new JdbcEventLog(db.dataSource(), clock);
        reads = new JdbcReconcileReads(db.dataSource());
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void unsettledJobsAreTheTablesAndItsDatabasesJobsNeitherTerminalNorBlocked() {
        String link = "link-" + LINKS.incrementAndGet();
        List<Long> ids = jobs.createJobs(link, 0, 1, List.of(
                job(link, JobKind.SYNC_PARTITION, ObjectRef.partition(PartitionRef.of(ORDERS, List.of("1")))),
                job(link, JobKind.SYNC_TABLE, ObjectRef.table(ORDERS)),
                job(link, JobKind.SYNC_DATABASE, ObjectRef.database("sales")),
                job(link, JobKind.SYNC_TABLE, ObjectRef.table(TableRef.of("sales", "customers"))),
                job(link, JobKind.SYNC_PARTITION, ObjectRef.partition(PartitionRef.of(ORDERS, List.of("2")))),
                job(link, JobKind.SYNC_PARTITION, ObjectRef.partition(PartitionRef.of(ORDERS, List.of("3"))))));
        jobs.transition(JobTransitionRequest.of(jobs.find(ids.get(4)).orElseThrow(), JobState.CANCELLED, "x"));
        jobs.transition(JobTransitionRequest.of(jobs.find(ids.get(5)).orElseThrow(), JobState.BLOCKED, "acid"));
        jobs.createJobs("other-" + link, 0, 1, List.of(job("other-" + link, JobKind.SYNC_TABLE,
                ObjectRef.table(ORDERS))));

        assertThat(reads.unsettledJobs(link, ORDERS)).extracting(ReplicationJob::id)
                .containsExactly(ids.get(0), ids.get(1), ids.get(2));
    }

    @Test
    void aRenameIsUnsettledWorkOfBothItsNames() {
        String link = "link-" + LINKS.incrementAndGet();
        TableRef archived = TableRef.of("archive", "orders");
        long rename = jobs.createJobs(link, 0, 1, List.of(NewJob.rename(link, ORDERS, archived, 1, 1_000))).get(0);

        assertThat(reads.unsettledJobs(link, ORDERS)).extracting(ReplicationJob::id).containsExactly(rename);
        assertThat(reads.unsettledJobs(link, archived)).extracting(ReplicationJob::id).containsExactly(rename);
        assertThat(reads.unsettledJobs(link, TableRef.of("archive", "other"))).isEmpty();
    }

    @Test
    void eventsAfterAreTheWritersEventsOfTheTableOrItsDatabase() {
        long before = events.latestId(REGION_A);
        long mine = events.append(SampleValues.alterPartitionEvent(REGION_A, 5));
        CapturedEvent strait = SampleValues.createTableEvent(REGION_A, 6);
        events.append(new CapturedEvent(strait.sourceRegion(), strait.type(), strait.database(), strait.table(), 6,
                CapturedEvent.ORIGIN_STRAIT, strait.snapshot()));
        events.append(SampleValues.alterPartitionEvent(REGION_B, 7));
        CapturedEvent other = SampleValues.createTableEvent(REGION_A, 8);
        events.append(new CapturedEvent(REGION_A, other.type(), "sales", "customers", 8, other.origin(),
                other.snapshot()));

        List<ReplicationEvent> found = reads.eventsAfter(REGION_A, before, ORDERS);

        assertThat(found).extracting(ReplicationEvent::id).containsExactly(mine);
        assertThat(found.get(0).event().snapshot().partitions()).hasSize(2);
        assertThat(reads.eventsAfter(REGION_A, mine, ORDERS)).isEmpty();
    }

    @Test
    void verifiedCopiesAreTheVerifiedManifestRowsOfEachJobWithItsVersionFolder() {
        String link = "link-" + LINKS.incrementAndGet();
        List<NewJob> created = new ArrayList<>();
        for (int i = 0; i < JdbcReconcileReads.JOBS_PER_QUERY + 3; i++) {
            created.add(job(link, JobKind.SYNC_PARTITION, ObjectRef.partition(PartitionRef.of(ORDERS,
                    List.of(String.valueOf(i))))));
        }
        List<Long> ids = jobs.createJobs(link, 0, 1, created);
        long first = ids.get(0);
        long last = ids.get(ids.size() - 1);
        copied(first, List.of(new FileEntry("part-0", 3, 111), new FileEntry("part-1", 4, 222)),
                List.of(FileVerification.VERIFIED, FileVerification.MISMATCH));
        copied(last, List.of(new FileEntry("sub/part-0", 5, 333)), List.of(FileVerification.VERIFIED));

        Map<Long, JdbcReconcileReads.VerifiedCopy> copies = reads.verifiedCopies(ids);

        assertThat(copies).containsOnlyKeys(first, last);
        assertThat(copies.get(first).targetLocation()).isEqualTo("file:/b/ds=" + first + "/_strait_v" + first + "_1");
        assertThat(copies.get(first).files()).containsOnlyKeys("part-0").containsEntry("part-0",
                new JdbcReconcileReads.VerifiedFile(3, 111, "crc32c:0000000" + 3));
        assertThat(copies.get(last).files()).containsEntry("sub/part-0",
                new JdbcReconcileReads.VerifiedFile(5, 333, "crc32c:0000000" + 5));
        assertThat(reads.verifiedCopies(List.of())).isEmpty();
    }

    private static void copied(long jobId, List<FileEntry> files, List<FileVerification> outcomes) {
        ReplicationJob job = jobs.find(jobId).orElseThrow();
        String target = "file:/b/ds=" + jobId + "/_strait_v" + jobId + "_1";
        jobs.transition(JobTransitionRequest.of(job, JobState.PLANNED, "plan").withTargetLocation(target));
        jobs.savePlan(jobId, new JobPlan(null, null, null, "file:/a/ds=" + jobId, target, files),
                List.of(new CopyTask(jobId, 0, "file:/a/ds=" + jobId, target, files)));
        List<FileCopyResult> results = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            FileEntry file = files.get(i);
            String checksum = "crc32c:0000000" + file.sizeBytes();
            results.add(new FileCopyResult(file.relativePath(), file.sizeBytes(), checksum, checksum,
                    outcomes.get(i), ""));
        }
        jobs.recordCopyResult(new CopyTaskResult(jobId, 0, results));
    }

    private static NewJob job(String link, JobKind kind, ObjectRef object) {
        return new NewJob(link, kind, object, 1, 1);
    }
}
