package io.strait.reparo.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.divergence.DivergenceClass;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobOrigin;
import io.strait.common.job.JobState;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.RegionId;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepairRunTest {
    private static final String LINK = "a-to-b";
    private static final RegionId B = RegionId.of("b");
    private static final TableRef ORDERS = TableRef.of("sales", "orders");
    private static final ObjectRef DAY_1 = ObjectRef.partition(PartitionRef.of(ORDERS, List.of("1")));
    private static final ObjectRef DAY_2 = ObjectRef.partition(PartitionRef.of(ORDERS, List.of("2")));

    private final InMemoryMetastoreGateway target = new InMemoryMetastoreGateway(B);
    private final InMemoryRegionFileSystem targetFiles = new InMemoryRegionFileSystem(B);

    @Test
    void jobsAnEarlierRunLeftUnfinishedAreAwaitedNotCreatedAgain() {
        TestingJobStore jobs = new TestingJobStore(job -> JobState.SUCCEEDED);
        long finished = jobs.existing(new NewJob(LINK, JobKind.SYNC_PARTITION, DAY_1, 5, 0, JobOrigin.BOOTSTRAP),
                JobState.SUCCEEDED);
        long stillPending = jobs.existing(new NewJob(LINK, JobKind.SYNC_PARTITION, DAY_2, 5, 0,
                JobOrigin.BOOTSTRAP), JobState.RETRY_WAIT);
        RepairPlan plan = new RepairPlan(LINK, List.of(
                new RepairAction(RepairActionKind.SYNC_PARTITION, DAY_1, Set.of(DivergenceClass.MISSING_PARTITION)),
                new RepairAction(RepairActionKind.SYNC_PARTITION, DAY_2, Set.of(DivergenceClass.MISSING_PARTITION))),
                List.of());

        List<Long> ids = run(jobs, JobOrigin.BOOTSTRAP).submit(plan, 9);

        assertThat(jobs.created()).singleElement().satisfies(created -> assertThat(created)
                .extracting(NewJob::object).containsExactly(DAY_1));
        assertThat(ids).contains(stillPending).doesNotContain(finished).hasSize(2);
    }

    @Test
    void theDataOfADroppedObjectIsQuarantinedOnlyWhenItsDropSucceeded() throws IOException {
        givenExtraPartitions();
        TestingJobStore jobs = new TestingJobStore(job -> {
            if (job.object().equals(DAY_1)) {
                target.dropPartition(DAY_1.partitionRef());
                return JobState.SUCCEEDED;
            }
            return JobState.FAILED;
        });
        RepairPlan plan = new RepairPlan(LINK, List.of(
                new RepairAction(RepairActionKind.DROP_PARTITION, DAY_1, Set.of(DivergenceClass.EXTRA_PARTITION)),
                new RepairAction(RepairActionKind.DROP_PARTITION, DAY_2, Set.of(DivergenceClass.EXTRA_PARTITION))),
                List.of());

        RepairOutcome outcome = run(jobs, JobOrigin.REPAIR).run(plan, 9, Duration.ofSeconds(5),
                RepairRun.Progress.none());

        assertThat(outcome.settled()).isTrue();
        assertThat(outcome.jobs()).extracting(ReplicationJob::state).containsExactly(JobState.SUCCEEDED,
                JobState.FAILED);
        assertThat(outcome.unsuccessful()).extracting(ReplicationJob::object).containsExactly(DAY_2);
        assertThat(outcome.quarantine()).extracting(QuarantineResult::moved).containsExactly(true, false);
        assertThat(outcome.quarantine().get(1).detail()).isEqualTo("its drop job 2 ended FAILED");
        assertThat(targetFiles.exists("file:/b/.strait-quarantine/job-1/sales/orders/ds=1/part-0")).isTrue();
        assertThat(targetFiles.exists("file:/b/sales.db/orders/ds=1")).isFalse();
        assertThat(targetFiles.exists("file:/b/sales.db/orders/ds=2/part-0")).isTrue();
    }

    @Test
    void waitingPollsOnlyTheJobsStillOpenAndReadsTheFullProgressOnlyForItsLines() {
        TestingJobStore jobs = new TestingJobStore(job -> JobState.PENDING);
        jobs.settleOneJobPerPoll(JobState.SUCCEEDED);
        ObjectRef day3 = ObjectRef.partition(PartitionRef.of(ORDERS, List.of("3")));
        RepairPlan plan = new RepairPlan(LINK, List.of(
                new RepairAction(RepairActionKind.SYNC_PARTITION, DAY_1, Set.of(DivergenceClass.MISSING_PARTITION)),
                new RepairAction(RepairActionKind.SYNC_PARTITION, DAY_2, Set.of(DivergenceClass.MISSING_PARTITION)),
                new RepairAction(RepairActionKind.SYNC_PARTITION, day3, Set.of(DivergenceClass.MISSING_PARTITION))),
                List.of());
        List<String> lines = new ArrayList<>();

        RepairOutcome outcome = run(jobs, JobOrigin.REPAIR).run(plan, 9, Duration.ofSeconds(30),
                new RepairRun.Progress(Duration.ofDays(1), lines::add));

        assertThat(outcome.settled()).isTrue();
        assertThat(jobs.unsettledPolls()).extracting(List::size).containsExactly(3, 3, 2, 1);
        assertThat(jobs.progressReads()).as("one progress line, at the end").isEqualTo(1);
        assertThat(lines).last().asString().contains("objects 3/3");
    }

    @Test
    void aPlanThatDropsIsNotSubmittedWithoutWaiting() {
        RepairPlan plan = new RepairPlan(LINK, List.of(new RepairAction(RepairActionKind.DROP_TABLE,
                ObjectRef.table(ORDERS), Set.of(DivergenceClass.EXTRA_TABLE))), List.of());

        assertThatThrownBy(() -> run(new TestingJobStore(job -> JobState.SUCCEEDED), JobOrigin.REPAIR)
                .submit(plan, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private RepairRun run(TestingJobStore jobs, JobOrigin origin) {
        return new RepairRun(LINK, origin, jobs, new InMemoryMetastoreGateway(RegionId.of("a")),
                new Quarantine(target, targetFiles, Map.of("external", "file:/b")), Clock.systemUTC());
    }

    private void givenExtraPartitions() throws IOException {
        target.createDatabase(new DatabaseSnapshot("sales", "file:/b/sales.db", "", Map.of()));
        target.createTable(new TableSnapshot(ORDERS, TableSnapshot.EXTERNAL_TABLE, "file:/b/sales.db/orders",
                List.of(ColumnSpec.of("id", "bigint")), List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of(), "hive"));
        for (String day : List.of("1", "2")) {
            target.addPartition(partition(day));
            targetFiles.write("file:/b/sales.db/orders/ds=" + day + "/part-0", new byte[] {1});
        }
    }

    private static PartitionSnapshot partition(String day) {
        return new PartitionSnapshot(PartitionRef.of(ORDERS, List.of(day)), "file:/b/sales.db/orders/ds=" + day,
                StorageFormat.PARQUET, Map.of());
    }
}
