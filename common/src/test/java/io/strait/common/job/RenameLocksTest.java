package io.strait.common.job;

import static io.strait.common.job.TestJobs.job;
import static io.strait.common.job.TestJobs.partition;
import static io.strait.common.job.TestJobs.rename;
import static io.strait.common.job.TestJobs.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.metastore.TableRef;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A RENAME_TABLE job locks both names of its table in the job DAG. */
class RenameLocksTest {
    private static final ReplicationJob RENAME_T_TO_U = rename(10, JobState.PENDING, "db", "t", "u");

    static Stream<Arguments> conflictCases() {
        return Stream.of(
                Arguments.of(job(1, JobState.PENDING, table("db", "t")), true),
                Arguments.of(job(1, JobState.PENDING, table("db", "u")), true),
                Arguments.of(job(1, JobState.PENDING, partition("db", "t", "1")), true),
                Arguments.of(job(1, JobState.PENDING, partition("db", "u", "1")), true),
                Arguments.of(job(1, JobState.PENDING, ObjectRef.database("db")), true),
                Arguments.of(job(1, JobState.PENDING, table("db", "v")), false),
                Arguments.of(job(1, JobState.PENDING, partition("db", "v", "1")), false),
                Arguments.of(job(1, JobState.PENDING, ObjectRef.database("other")), false),
                Arguments.of(job(1, JobState.PENDING, table("other", "t")), false),
                Arguments.of(rename(1, JobState.PENDING, "db", "u", "v"), true),
                Arguments.of(rename(1, JobState.PENDING, "db", "t", "w"), true),
                Arguments.of(rename(1, JobState.PENDING, "db", "v", "w"), false));
    }

    @ParameterizedTest
    @MethodSource("conflictCases")
    void aRenameConflictsWithJobsOfEitherName(ReplicationJob other, boolean expected) {
        assertThat(JobDag.conflicts(RENAME_T_TO_U, other)).isEqualTo(expected);
        assertThat(JobDag.conflicts(other, RENAME_T_TO_U)).isEqualTo(expected);
    }

    static Stream<Arguments> runnableCases() {
        return Stream.of(
                // earlier jobs of the old name or of the new name run first
                Arguments.of(List.of(job(1, JobState.PENDING, partition("db", "t", "1")),
                        rename(2, JobState.PENDING, "db", "t", "u")), List.of(1L)),
                Arguments.of(List.of(job(1, JobState.COPYING, table("db", "u")),
                        rename(2, JobState.PENDING, "db", "t", "u")), List.of()),
                // later jobs of either name wait for the rename
                Arguments.of(List.of(rename(1, JobState.PENDING, "db", "t", "u"),
                        job(2, JobState.PENDING, partition("db", "u", "1")),
                        job(3, JobState.PENDING, table("db", "t")),
                        job(4, JobState.PENDING, table("db", "v"))), List.of(1L, 4L)),
                // a rename in flight holds both names even against older pending jobs
                Arguments.of(List.of(job(1, JobState.PENDING, table("db", "t")),
                        rename(2, JobState.PLANNED, "db", "t", "u"),
                        job(3, JobState.PENDING, partition("db", "u", "1"))), List.of()),
                // a settled rename holds nothing back
                Arguments.of(List.of(rename(1, JobState.BLOCKED, "db", "t", "u"),
                        job(2, JobState.PENDING, table("db", "t")),
                        job(3, JobState.PENDING, partition("db", "u", "1"))), List.of(2L, 3L)));
    }

    @ParameterizedTest
    @MethodSource("runnableCases")
    void runnableJobsAroundARename(List<ReplicationJob> unfinished, List<Long> expected) {
        assertThat(JobDag.runnable(unfinished)).extracting(ReplicationJob::id).containsExactlyElementsOf(expected);
    }

    @Test
    void aClaimTakesARenameWithUnrelatedJobsButNotWithJobsOfItsNames() {
        List<ReplicationJob> unfinished = List.of(rename(1, JobState.PENDING, "db", "t", "u"),
                job(2, JobState.PENDING, table("db", "x")), job(3, JobState.PENDING, partition("db", "t", "1")));
        List<ReplicationJob> taken = JobDag.claimOrder(unfinished, 10, 4, job -> job.id());

        assertThat(taken).extracting(ReplicationJob::id).containsExactly(1L, 2L);
    }

    @Test
    void aRenameIsNeverCoalescedNorCoalescesOthers() {
        NewJob renameJob = NewJob.rename("a-to-b", TableRef.of("db", "t"), TableRef.of("db", "u"), 5, 0);
        NewJob sync = new NewJob("a-to-b", JobKind.SYNC_TABLE, table("db", "u"), 6, 0);
        NewJob drop = new NewJob("a-to-b", JobKind.DROP_TABLE, table("db", "u"), 6, 0);

        assertThat(JobCoalescing.covers(sync, rename(1, JobState.PENDING, "db", "t", "u"))).isFalse();
        assertThat(JobCoalescing.covers(drop, rename(1, JobState.PENDING, "db", "t", "u"))).isFalse();
        assertThat(JobCoalescing.covers(renameJob, job(1, JobState.PENDING, table("db", "u")))).isFalse();
    }

    @Test
    void onlyARenameCarriesAPreviousNameAndItDiffersFromTheNewOne() {
        assertThatThrownBy(() -> new NewJob("a-to-b", JobKind.SYNC_TABLE, table("db", "u"), 1, 0, JobOrigin.EVENT,
                TableRef.of("db", "t"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NewJob.rename("a-to-b", TableRef.of("db", "t"), TableRef.of("db", "t"), 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewJob("a-to-b", JobKind.RENAME_TABLE, table("db", "u"), 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(NewJob.rename("a-to-b", TableRef.of("db", "t"), TableRef.of("other", "u"), 1, 0).lockedObjects())
                .containsExactly(table("other", "u"), table("db", "t"));
    }
}
