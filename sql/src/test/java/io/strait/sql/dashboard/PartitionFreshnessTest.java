package io.strait.sql.dashboard;

import static io.strait.sql.SampleValues.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import io.strait.common.metastore.PartitionRef;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import io.strait.sql.watermark.JdbcTableWatermarks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A job's commit and success as one chain of moves, and the freshness it records per table and per partition
 * ({@link PartitionFreshness}), on MariaDB.
 */
class PartitionFreshnessTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final AtomicInteger LINKS = new AtomicInteger();
    private static TestingMariaDb db;
    private static TestingClock clock;
    private static JdbcJobStore store;
    private static PartitionFreshness freshness;
    private static JdbcTableWatermarks watermarks;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
        clock = new TestingClock(T0);
        store = new JdbcJobStore(db.dataSource(), clock);
        freshness = new PartitionFreshness(db.dataSource());
        watermarks = new JdbcTableWatermarks(db.dataSource());
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void aCommitAndItsSuccessAreOneChainWithAHistoryRowEach() {
        String link = newLink();
        ReplicationJob job = succeed(link, JobKind.SYNC_PARTITION, day("2024-01-01"), 5, T0 - 60_000);

        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.version()).isEqualTo(3);
        assertThat(store.history(job.id())).extracting(transition -> transition.from() + ">" + transition.to())
                .containsExactly("null>PENDING", "PENDING>PLANNED", "PLANNED>COMMITTED", "COMMITTED>SUCCEEDED");
        assertThat(watermarks.watermark(link, ORDERS).orElseThrow().lastSourceEventId()).isEqualTo(5);
    }

    @Test
    void aChainWhoseFirstMoveIsStaleChangesNothing() {
        String link = newLink();
        ReplicationJob job = claimed(link, JobKind.SYNC_PARTITION, day("2024-01-02"), 7, T0);
        JobTransitionRequest stale = new JobTransitionRequest(job.id(), JobState.PLANNED, job.version() - 1,
                JobState.COMMITTED, "metadata only", null, null, T0);

        assertThatThrownBy(() -> store.transitions(List.of(stale, stale.then(JobState.SUCCEEDED, "done"))))
                .isInstanceOf(StaleJobVersionException.class);
        assertThat(store.find(job.id()).orElseThrow().state()).isEqualTo(JobState.PLANNED);
        assertThat(store.history(job.id())).hasSize(2);
        assertThat(watermarks.watermark(link, ORDERS)).isEmpty();
        assertThat(freshness.partitions(new DashboardQueries.Link(link, "a", "b"), "sales", "orders", "", T0, 10))
                .extracting(partition -> partition.get("status")).containsExactly("WAITING");
    }

    @Test
    void aChainThatDoesNotFollowOnIsRefusedBeforeAnythingIsWritten() {
        String link = newLink();
        ReplicationJob job = claimed(link, JobKind.SYNC_PARTITION, day("2024-01-03"), 8, T0);
        JobTransitionRequest committed = JobTransitionRequest.of(job, JobState.COMMITTED, "metadata only");
        JobTransitionRequest skipping = new JobTransitionRequest(job.id(), JobState.COMMITTED, job.version() + 5,
                JobState.SUCCEEDED, "done", null, null, 0);

        assertThatThrownBy(() -> store.transitions(List.of(committed, skipping)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not follow");
        assertThat(store.find(job.id()).orElseThrow().state()).isEqualTo(JobState.PLANNED);
    }

    @Test
    void jobsSucceedingTogetherRecordTheFreshnessTheyWouldOneByOne() {
        String oneByOne = newLink();
        String together = newLink();
        List<List<JobTransitionRequest>> chains = new java.util.ArrayList<>();
        for (String link : List.of(oneByOne, together)) {
            List<ReplicationJob> jobs = List.of(
                    claimed(link, JobKind.SYNC_PARTITION, day("2024-03-01"), 22, T0 - 9_000),
                    claimed(link, JobKind.SYNC_PARTITION, day("2024-03-02"), 21, T0 - 8_000),
                    claimed(link, JobKind.SYNC_PARTITION, day("2024-03-01"), 20, T0 - 7_000));
            for (ReplicationJob job : jobs) {
                JobTransitionRequest committed = JobTransitionRequest.of(job, JobState.COMMITTED, "published")
                        .withCommittedAt(job.sourceCapturedAtMillis() + 500);
                List<JobTransitionRequest> chain = List.of(committed, committed.then(JobState.SUCCEEDED, "done"));
                if (link.equals(oneByOne)) {
                    store.transitions(chain);
                } else {
                    chains.add(chain);
                }
            }
        }

        assertThat(store.transitionsTogether(chains)).allSatisfy(outcome -> assertThat(outcome.job().state())
                .isEqualTo(JobState.SUCCEEDED));

        io.strait.sql.watermark.TableWatermark expected = watermarks.watermark(oneByOne, ORDERS).orElseThrow();
        io.strait.sql.watermark.TableWatermark actual = watermarks.watermark(together, ORDERS).orElseThrow();
        assertThat(List.of(actual.lastSourceEventId(), actual.lastCommittedAtMillis()))
                .isEqualTo(List.of(expected.lastSourceEventId(), expected.lastCommittedAtMillis()))
                .isEqualTo(List.of(22L, T0 - 9_000 + 500));
        assertThat(freshness.partitions(new DashboardQueries.Link(together, "a", "b"), "sales", "orders", "", T0, 10))
                .isEqualTo(freshness.partitions(new DashboardQueries.Link(oneByOne, "a", "b"), "sales", "orders", "",
                        T0, 10))
                .extracting(partition -> partition.get("lastSourceEventId")).containsExactlyInAnyOrder(22L, 21L);
    }

    @Test
    void eachPartitionShowsItsOwnWatermarkStatusAndSla() {
        String link = newLink();
        DashboardQueries.Link withSla = new DashboardQueries.Link(link, "a", "b", Duration.ofHours(1));
        succeed(link, JobKind.SYNC_PARTITION, day("2024-02-01"), 10, T0 - 3_600_000);
        succeed(link, JobKind.SYNC_PARTITION, day("2024-02-01"), 12, T0 - 1_800_000);
        succeed(link, JobKind.SYNC_PARTITION, day("2024-02-02"), 11, T0 - 3_000_000);
        createPending(link, day("2024-02-02"), 13, T0 - 3_500_000);
        createPending(link, day("2024-02-03"), 14, T0 - 60_000);
        long now = T0;

        List<Map<String, Object>> partitions = freshness.partitions(withSla, "sales", "orders", "", now, 10);

        assertThat(partitions).extracting(partition -> partition.get("partition"))
                .containsExactly("2024-02-02", "2024-02-03", "2024-02-01");
        Map<String, Object> waitingLong = partitions.get(0);
        assertThat(waitingLong).containsEntry("status", "WAITING").containsEntry("lastSourceEventId", 11L)
                .containsEntry("lastSourceCapturedAtMs", T0 - 3_000_000).containsEntry("unsettledJobs", 1L)
                .containsEntry("lagMs", 3_500_000L).containsEntry("sla", "AT_RISK");
        assertThat(partitions.get(1)).containsEntry("status", "WAITING").containsEntry("lastSourceEventId", null)
                .containsEntry("sla", "ON_TIME").containsEntry("values", List.of("2024-02-03"));
        assertThat(partitions.get(2)).containsEntry("status", "NO_CHANGE_SINCE")
                .containsEntry("lastSourceEventId", 12L).containsEntry("lastSourceCapturedAtMs", T0 - 1_800_000)
                .containsEntry("lagMs", 0L).containsEntry("sla", "ON_TIME");
        assertThat(freshness.partitions(withSla, "sales", "orders", "02-01", now, 10))
                .extracting(partition -> partition.get("partition")).containsExactly("2024-02-01");
    }

    @Test
    void anOlderEventNeverMovesAPartitionWatermarkBack() {
        String link = newLink();
        succeed(link, JobKind.SYNC_PARTITION, day("2024-03-01"), 20, T0 - 1_000);
        succeed(link, JobKind.SYNC_PARTITION, day("2024-03-01"), 19, T0 - 5_000);

        assertThat(freshness.partitions(new DashboardQueries.Link(link, "a", "b"), "sales", "orders", "", T0, 10))
                .singleElement().satisfies(partition -> assertThat(partition)
                        .containsEntry("lastSourceEventId", 20L).containsEntry("lastSourceCapturedAtMs", T0 - 1_000));
    }

    @Test
    void aDroppedPartitionAndADroppedTableLeaveNoPartitionRows() {
        String link = newLink();
        DashboardQueries.Link plain = new DashboardQueries.Link(link, "a", "b");
        succeed(link, JobKind.SYNC_PARTITION, day("2024-04-01"), 30, T0);
        succeed(link, JobKind.SYNC_PARTITION, day("2024-04-02"), 31, T0);
        succeed(link, JobKind.DROP_PARTITION, day("2024-04-01"), 32, T0);

        assertThat(freshness.partitions(plain, "sales", "orders", "", T0, 10))
                .extracting(partition -> partition.get("partition")).containsExactly("2024-04-02");

        succeed(link, JobKind.DROP_TABLE, ObjectRef.table(ORDERS), 33, T0);

        assertThat(freshness.partitions(plain, "sales", "orders", "", T0, 10)).isEmpty();
        assertThat(watermarks.watermark(link, ORDERS).orElseThrow().lastSourceEventId()).isEqualTo(33);
    }

    @Test
    void aRenamedTableTakesItsPartitionsFreshnessToItsNewName() {
        String link = newLink();
        DashboardQueries.Link plain = new DashboardQueries.Link(link, "a", "b");
        succeed(link, JobKind.SYNC_PARTITION, day("2024-05-01"), 40, T0 - 2_000);
        succeed(link, JobKind.SYNC_PARTITION, day("2024-05-02"), 41, T0 - 1_000);
        io.strait.common.metastore.TableRef renamed = io.strait.common.metastore.TableRef.of("sales", "orders_v2");
        long id = store.createJobs(link, store.plannerCursor(link), store.plannerCursor(link) + 1,
                List.of(NewJob.rename(link, ORDERS, renamed, 42, T0))).get(0);
        ReplicationJob planned = store.transition(JobTransitionRequest.of(store.find(id).orElseThrow(),
                JobState.PLANNED, "claimed"));
        JobTransitionRequest committed = JobTransitionRequest.of(planned, JobState.COMMITTED, "renamed in place")
                .withCommittedAt(T0 + 500);
        store.transitions(List.of(committed, committed.then(JobState.SUCCEEDED, "done")));

        assertThat(freshness.partitions(plain, "sales", "orders", "", T0, 10)).isEmpty();
        assertThat(freshness.partitions(plain, "sales", "orders_v2", "", T0, 10))
                .extracting(partition -> partition.get("partition"), partition -> partition.get("lastSourceEventId"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("2024-05-01", 40L),
                        org.assertj.core.groups.Tuple.tuple("2024-05-02", 41L));
        assertThat(watermarks.watermark(link, renamed).orElseThrow().lastSourceEventId()).isEqualTo(42);
    }

    private static ObjectRef day(String day) {
        return ObjectRef.partition(PartitionRef.of(ORDERS, List.of(day)));
    }

    private static void createPending(String link, ObjectRef object, long eventId, long capturedAt) {
        store.createJobs(link, store.plannerCursor(link), store.plannerCursor(link) + 1,
                List.of(new NewJob(link, JobKind.SYNC_PARTITION, object, eventId, capturedAt)));
    }

    private static ReplicationJob claimed(String link, JobKind kind, ObjectRef object, long eventId,
            long capturedAt) {
        long id = store.createJobs(link, store.plannerCursor(link), store.plannerCursor(link) + 1,
                List.of(new NewJob(link, kind, object, eventId, capturedAt))).get(0);
        return store.transition(JobTransitionRequest.of(store.find(id).orElseThrow(), JobState.PLANNED, "claimed"));
    }

    private static ReplicationJob succeed(String link, JobKind kind, ObjectRef object, long eventId,
            long capturedAt) {
        ReplicationJob planned = claimed(link, kind, object, eventId, capturedAt);
        JobTransitionRequest committed = JobTransitionRequest.of(planned, JobState.COMMITTED, "metadata only")
                .withCommittedAt(capturedAt + 500);
        return store.transitions(List.of(committed, committed.then(JobState.SUCCEEDED, "done")));
    }

    private static String newLink() {
        return "freshness-" + LINKS.incrementAndGet();
    }
}
