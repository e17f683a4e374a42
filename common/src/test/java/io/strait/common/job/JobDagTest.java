package io.strait.common.job;

import static io.strait.common.job.TestJobs.job;
import static io.strait.common.job.TestJobs.partition;
import static io.strait.common.job.TestJobs.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.quicktheories.core.Gen;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobDagTest {
    static Stream<Arguments> conflictCases() {
        return Stream.of(
                Arguments.of(ObjectRef.database("db"), partition("db", "t", "1"), true),
                Arguments.of(ObjectRef.database("db"), ObjectRef.database("other"), false),
                Arguments.of(table("db", "t"), partition("db", "t", "1"), true),
                Arguments.of(table("db", "t"), table("db", "u"), false),
                Arguments.of(partition("db", "t", "1"), partition("db", "t", "1"), true),
                Arguments.of(partition("db", "t", "1"), partition("db", "t", "2"), false),
                Arguments.of(partition("db", "t", "1"), partition("db", "u", "1"), false),
                Arguments.of(partition("db", "t", "1"), partition("other", "t", "1"), false));
    }

    @ParameterizedTest
    @MethodSource("conflictCases")
    void conflictsFollowTheLockRules(ObjectRef left, ObjectRef right, boolean expected) {
        assertThat(JobDag.conflicts(left, right)).isEqualTo(expected);
        assertThat(JobDag.conflicts(right, left)).isEqualTo(expected);
    }

    @Test
    void laterJobsOnTheSameObjectWaitWhileUnrelatedOnesRun() {
        List<ReplicationJob> unfinished = List.of(
                job(5, JobState.PENDING, partition("db", "t", "2")),
                job(1, JobState.COPYING, partition("db", "t", "1")),
                job(2, JobState.PENDING, partition("db", "t", "1")),
                job(3, JobState.PENDING, partition("db", "u", "1")),
                job(4, JobState.PENDING, table("db", "t")));

        assertThat(JobDag.runnable(unfinished)).extracting(ReplicationJob::id).containsExactly(3L);
    }

    @Test
    void aTableJobRunsFirstAndItsPartitionsWaitForIt() {
        List<ReplicationJob> unfinished = List.of(
                job(1, JobState.PENDING, table("db", "t")),
                job(2, JobState.PENDING, partition("db", "t", "1")),
                job(3, JobState.PENDING, partition("db", "t", "2")));

        assertThat(JobDag.runnable(unfinished)).extracting(ReplicationJob::id).containsExactly(1L);
        assertThat(JobDag.runnable(unfinished.subList(1, 3))).extracting(ReplicationJob::id).containsExactly(2L, 3L);
    }

    @Test
    void retryWaitingJobsKeepLaterJobsOnTheirObjectWaiting() {
        List<ReplicationJob> unfinished = List.of(
                job(1, JobState.RETRY_WAIT, partition("db", "t", "1")),
                job(2, JobState.PENDING, partition("db", "t", "1")));

        assertThat(JobDag.runnable(unfinished)).isEmpty();
    }

    @Test
    void blockedAndTerminalJobsHoldNothingBackNeitherOnTheirObjectNorElsewhere() {
        List<ReplicationJob> unfinished = List.of(
                job(1, JobState.BLOCKED, table("db", "acid")),
                job(2, JobState.PENDING, partition("db", "acid", "1")),
                job(3, JobState.BLOCKED, ObjectRef.database("db")),
                job(4, JobState.SUCCEEDED, partition("db", "t", "1")),
                job(5, JobState.PENDING, partition("db", "t", "1")),
                job(6, JobState.PENDING, table("db", "u")));

        assertThat(JobDag.runnable(unfinished)).extracting(ReplicationJob::id).containsExactly(2L, 5L, 6L);
    }

    @Test
    void aJobInFlightHoldsItsObjectEvenAgainstAnOlderPendingJob() {
        List<ReplicationJob> unfinished = List.of(
                job(1, JobState.PENDING, partition("db", "t", "1")),
                job(2, JobState.COPYING, partition("db", "t", "1")),
                job(3, JobState.PENDING, partition("db", "t", "2")));

        assertThat(JobDag.runnable(unfinished)).extracting(ReplicationJob::id).containsExactly(3L);
    }

    @Test
    void aClaimTakesEarliestDeadlinesFirstAndKeepsTablesUnderTheirConcurrency() {
        List<ReplicationJob> unfinished = List.of(
                job(1, JobState.PENDING, partition("db", "big", "1")),
                job(2, JobState.PENDING, partition("db", "big", "2")),
                job(3, JobState.PENDING, partition("db", "big", "3")),
                job(4, JobState.PENDING, partition("db", "small", "1")),
                job(5, JobState.COPYING, partition("db", "busy", "1")),
                job(6, JobState.PENDING, partition("db", "busy", "2")));
        java.util.Map<Long, Long> deadlines = java.util.Map.of(1L, 10L, 2L, 20L, 3L, 30L, 4L, 40L, 5L, 0L, 6L, 5L);

        List<ReplicationJob> taken = JobDag.claimOrder(unfinished, 10, 2, job -> deadlines.get(job.id()));

        assertThat(taken).as("big is full after two; busy has one slot left").extracting(ReplicationJob::id)
                .containsExactly(6L, 1L, 2L, 4L);
        assertThat(JobDag.claimOrder(unfinished, 2, 2, job -> deadlines.get(job.id())))
                .extracting(ReplicationJob::id).containsExactly(6L, 1L);
        assertThat(JobDag.claimOrder(unfinished, 10, 3, job -> -job.id())).extracting(ReplicationJob::id)
                .containsExactly(6L, 4L, 3L, 2L, 1L);
    }

    @Test
    void aBatchedClaimFillsEachWorkersUnitWithPartitionsOfOneTableInDeadlineOrder() {
        List<ReplicationJob> unfinished = List.of(
                job(1, JobState.PENDING, partition("db", "t", "1")),
                job(2, JobState.PENDING, partition("db", "u", "1")),
                job(3, JobState.PENDING, partition("db", "t", "2")),
                job(4, JobState.PENDING, table("db", "v")),
                job(5, JobState.PENDING, partition("db", "t", "3")),
                job(6, JobState.PENDING, partition("db", "u", "2")),
                job(7, JobState.PENDING, partition("db", "t", "4")));

        ClaimUnits units = new ClaimUnits(2, 3);
        List<ReplicationJob> taken = JobDag.claimOrder(unfinished, units, 16, ReplicationJob::id);

        assertThat(taken).as("two workers: t's batch of three, then u's; the table job finds no worker")
                .extracting(ReplicationJob::id).containsExactly(1L, 2L, 3L, 5L, 6L);
        assertThat(units.units()).extracting(unit -> unit.stream().map(ReplicationJob::id).toList())
                .containsExactly(List.of(1L, 3L, 5L), List.of(2L, 6L));
        assertThat(JobDag.claimOrder(unfinished, new ClaimUnits(2, 3), 2, ReplicationJob::id))
                .as("table concurrency still counts jobs").extracting(ReplicationJob::id)
                .containsExactly(1L, 2L, 3L, 6L);
    }

    @Test
    void aBatchedClaimGivesTheDropsOfATableAUnitApartFromItsSyncs() {
        List<ReplicationJob> unfinished = List.of(
                job(1, JobState.PENDING, partition("db", "t", "1")),
                TestJobs.drop(2, JobState.PENDING, partition("db", "t", "9")),
                job(3, JobState.PENDING, partition("db", "t", "2")),
                TestJobs.drop(4, JobState.PENDING, partition("db", "t", "8")),
                TestJobs.drop(5, JobState.PENDING, partition("db", "u", "8")),
                TestJobs.drop(6, JobState.PENDING, partition("db", "t", "7")));

        ClaimUnits units = new ClaimUnits(2, 3);
        List<ReplicationJob> taken = JobDag.claimOrder(unfinished, units, 16, ReplicationJob::id);

        assertThat(taken).as("two workers: t's syncs, then t's drops; u's drop finds no worker")
                .extracting(ReplicationJob::id).containsExactly(1L, 2L, 3L, 4L, 6L);
        assertThat(units.units()).extracting(unit -> unit.stream().map(ReplicationJob::id).toList())
                .containsExactly(List.of(1L, 3L), List.of(2L, 4L, 6L));
    }

    @Test
    void nothingAClaimTakesConflictsWithAnotherTakenOrInFlightJob() {
        qt().forAll(jobSets()).checkAssert(jobs -> {
            List<ReplicationJob> taken = JobDag.claimOrder(jobs, 5, 2, ReplicationJob::id);
            List<ReplicationJob> holders = new ArrayList<>(jobs.stream()
                    .filter(job -> job.state().isInFlight()).toList());
            for (ReplicationJob job : taken) {
                assertThat(holders).noneMatch(holder -> JobDag.conflicts(holder.object(), job.object()));
                holders.add(job);
            }
        });
    }

    @Test
    void noTwoRunnableJobsConflictAndNoneHasAConflictingUnsettledPredecessor() {
        qt().forAll(jobSets()).checkAssert(jobs -> {
            for (ReplicationJob candidate : JobDag.runnable(jobs)) {
                assertThat(candidate.state()).isEqualTo(JobState.PENDING);
                assertThat(jobs).filteredOn(other -> other.id() < candidate.id() && !other.state().isSettled())
                        .noneMatch(other -> JobDag.conflicts(other.object(), candidate.object()));
            }
        });
    }

    @Test
    void theOldestPendingJobRunsWhenNothingEarlierIsUnfinished() {
        qt().forAll(jobSets()).checkAssert(jobs -> {
            List<ReplicationJob> pendingOnly = jobs.stream().filter(job -> job.state() == JobState.PENDING).toList();
            pendingOnly.stream().mapToLong(ReplicationJob::id).min().ifPresent(oldest ->
                    assertThat(JobDag.runnable(pendingOnly)).extracting(ReplicationJob::id).contains(oldest));
        });
    }

    private static Gen<List<ReplicationJob>> jobSets() {
        Gen<ObjectRef> objects = arbitrary().pick(List.of("d1", "d2")).zip(arbitrary().pick(List.of("", "t1", "t2")),
                arbitrary().pick(List.of("", "p1", "p2")), (db, table, value) -> table.isEmpty()
                        ? ObjectRef.database(db) : value.isEmpty() ? table(db, table) : partition(db, table, value));
        Gen<JobState> states = arbitrary().pick(List.of(JobState.PENDING, JobState.PENDING, JobState.COPYING,
                JobState.RETRY_WAIT, JobState.BLOCKED));
        Gen<Object[]> pairs = objects.zip(states, (object, state) -> new Object[] {object, state});
        return lists().of(pairs).ofSizeBetween(0, 12).map(list -> {
            List<ReplicationJob> jobs = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                jobs.add(job(i + 1, (JobState) list.get(i)[1], (ObjectRef) list.get(i)[0]));
            }
            return jobs;
        });
    }
}
