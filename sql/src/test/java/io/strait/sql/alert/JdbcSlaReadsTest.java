package io.strait.sql.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.alert.SlaObject;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobOrigin;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.TableRef;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which changes count as unapplied for the SLA, on MariaDB, one partition per case. */
class JdbcSlaReadsTest {
    private static final String LINK = "a-to-b";
    private static final long NOW = 1_780_000_000_000L;
    private static final TableRef ORDERS = TableRef.of("sales", "orders");

    private TestingMariaDb db;
    private TestingClock clock;
    private JdbcJobStore jobs;
    private long cursor;

    @BeforeEach
    void start() {
        db = TestingMariaDb.create();
        clock = new TestingClock(NOW);
        jobs = new JdbcJobStore(db.dataSource(), clock);
    }

    @AfterEach
    void stop() {
        db.close();
    }

    @Test
    void unappliedChangesByObject() {
        job("pending", 100);
        move(job("two-waiting", 200), JobState.FAILED);
        job("two-waiting", 150);
        move(job("failed", 300), JobState.FAILED);
        ReplicationJob copying = jobs.transition(JobTransitionRequest.of(jobs.find(job("unverifiable", 310))
                .orElseThrow(), JobState.PLANNED, "claimed"));
        copying = jobs.transition(JobTransitionRequest.of(copying, JobState.COPYING, "copying"));
        copying = jobs.transition(JobTransitionRequest.of(copying, JobState.COPIED, "copied"));
        jobs.transition(JobTransitionRequest.of(copying, JobState.UNVERIFIABLE, "no checksum"));
        move(job("blocked", 400), JobState.BLOCKED);
        move(job("cancelled", 500), JobState.CANCELLED);
        succeed(job("succeeded", 600), NOW - 10);
        move(job("covered-by-a-later-success", 700), JobState.FAILED);
        succeed(job("covered-by-a-later-success", 710), NOW - 5);
        succeed(job("success-of-an-older-change-covers-nothing", 850), NOW - 1);
        job("success-of-an-older-change-covers-nothing", 800);
        job("superseded-waits-in-its-newer-job", 1_000);
        job("superseded-waits-in-its-newer-job", 900);
        job("superseded-applied", 1_100);
        succeed(job("superseded-applied", 1_050), NOW - 2);
        jobs.createRepairJobs(LINK, List.of(new NewJob(LINK, JobKind.SYNC_PARTITION, partition("repair-only"),
                cursor, NOW - 900, JobOrigin.REPAIR)));

        Map<String, JdbcSlaReads.Unapplied> unapplied = new JdbcSlaReads(db.dataSource()).unapplied(LINK).stream()
                .collect(Collectors.toMap(found -> found.object().partition(), found -> found));

        assertThat(unapplied).containsOnlyKeys("pending", "two-waiting", "failed", "unverifiable",
                "success-of-an-older-change-covers-nothing", "superseded-waits-in-its-newer-job");
        assertThat(unapplied.get("superseded-waits-in-its-newer-job").oldestCapturedAtMs())
                .as("the superseded change is older than the one carrying it").isEqualTo(NOW - 1_000);
        assertThat(unapplied.get("superseded-waits-in-its-newer-job").jobs()).isEqualTo(2);
        assertThat(unapplied.get("pending").oldestCapturedAtMs()).isEqualTo(NOW - 100);
        assertThat(unapplied.get("pending").object()).isEqualTo(new SlaObject(LINK, "sales", "orders", "pending"));
        assertThat(unapplied.get("two-waiting").jobs()).isEqualTo(2);
        assertThat(unapplied.get("two-waiting").oldestCapturedAtMs()).isEqualTo(NOW - 200);
        assertThat(unapplied.get("failed").jobs()).isEqualTo(1);
    }

    @Test
    void typicalLagIsTheP95OfRecentEventJobs() {
        JdbcSlaReads reads = new JdbcSlaReads(db.dataSource());
        assertThat(reads.typicalLag(LINK, NOW - 3_600_000L)).isEqualTo(Duration.ZERO);
        for (int i = 1; i <= 20; i++) {
            succeed(job("p" + i, i * 1_000L), NOW);
        }
        succeed(job("long-ago", 99_000_000L), NOW - 7_200_000L);

        assertThat(reads.typicalLag(LINK, NOW - 3_600_000L)).isEqualTo(Duration.ofSeconds(19));
    }

    private long job(String partition, long ageMs) {
        long id = jobs.createJobs(LINK, cursor, cursor + 1, List.of(new NewJob(LINK, JobKind.SYNC_PARTITION,
                partition(partition), cursor + 1, NOW - ageMs))).get(0);
        cursor++;
        return id;
    }

    private static ObjectRef partition(String value) {
        return ObjectRef.partition(PartitionRef.of(ORDERS, List.of(value)));
    }

    private void move(long id, JobState state) {
        jobs.transition(JobTransitionRequest.of(jobs.find(id).orElseThrow(), state, "test"));
    }

    private void succeed(long id, long committedAt) {
        ReplicationJob planned = jobs.transition(JobTransitionRequest.of(jobs.find(id).orElseThrow(),
                JobState.PLANNED, "claimed"));
        ReplicationJob committed = jobs.transition(JobTransitionRequest.of(planned, JobState.COMMITTED, "published")
                .withCommittedAt(committedAt));
        jobs.transition(JobTransitionRequest.of(committed, JobState.SUCCEEDED, "done"));
    }
}
