package io.strait.common.job;

import static io.strait.common.job.TestJobs.drop;
import static io.strait.common.job.TestJobs.job;
import static io.strait.common.job.TestJobs.partition;
import static io.strait.common.job.TestJobs.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

class ClaimUnitsTest {
    private static final ReplicationJob T1 = job(1, JobState.PENDING, partition("db", "t", "1"));
    private static final ReplicationJob T2 = job(2, JobState.PENDING, partition("db", "t", "2"));
    private static final ReplicationJob T3 = job(3, JobState.PENDING, partition("db", "t", "3"));
    private static final ReplicationJob U1 = job(4, JobState.PENDING, partition("db", "u", "1"));
    private static final ReplicationJob TABLE_V = job(5, JobState.PENDING, table("db", "v"));
    private static final ReplicationJob TABLE_W = job(6, JobState.PENDING, table("db", "w"));
    private static final ReplicationJob DATABASE = job(7, JobState.PENDING, ObjectRef.database("other"));
    private static final ReplicationJob DROP_T4 = drop(8, JobState.PENDING, partition("db", "t", "4"));
    private static final ReplicationJob DROP_T5 = drop(9, JobState.PENDING, partition("db", "t", "5"));
    private static final ReplicationJob DROP_T6 = drop(10, JobState.PENDING, partition("db", "t", "6"));
    private static final ReplicationJob DROP_U2 = drop(11, JobState.PENDING, partition("db", "u", "2"));

    static Stream<Arguments> groupings() {
        return Stream.of(
                // batch 1: every job is a unit
                Arguments.of(List.of(T1, T2, U1), 1, List.of(List.of(1L), List.of(2L), List.of(4L))),
                // partitions of one table together, up to the batch
                Arguments.of(List.of(T1, T2, T3), 2, List.of(List.of(1L, 2L), List.of(3L))),
                Arguments.of(List.of(T1, U1, T2, T3), 3, List.of(List.of(1L, 2L, 3L), List.of(4L))),
                // table and database jobs are units of their own, whatever the batch
                Arguments.of(List.of(TABLE_V, TABLE_W, DATABASE), 16, List.of(List.of(5L), List.of(6L),
                        List.of(7L))),
                Arguments.of(List.of(T1, TABLE_V, T2), 16, List.of(List.of(1L, 2L), List.of(5L))),
                // drops of one table go together too, up to the batch
                Arguments.of(List.of(DROP_T4, DROP_T5, DROP_T6), 2, List.of(List.of(8L, 9L), List.of(10L))),
                Arguments.of(List.of(DROP_T4, DROP_U2, DROP_T5), 4, List.of(List.of(8L, 9L), List.of(11L))),
                // never in a unit with the syncs of their table
                Arguments.of(List.of(T1, DROP_T4, T2, DROP_T5, DROP_T6), 8, List.of(List.of(1L, 2L),
                        List.of(8L, 9L, 10L))),
                // batch 1: every drop is a unit
                Arguments.of(List.of(DROP_T4, DROP_T5), 1, List.of(List.of(8L), List.of(9L))));
    }

    @ParameterizedTest
    @MethodSource("groupings")
    void partitionJobsOfOneTableGoTogetherUpToTheBatch(List<ReplicationJob> claimed, int batch,
            List<List<Long>> expected) {
        assertThat(ClaimUnits.of(claimed, batch)).extracting(unit -> unit.stream().map(ReplicationJob::id).toList())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void aClaimTakesJobsWhileAUnitCanHoldThem() {
        ClaimUnits units = new ClaimUnits(2, 2);
        assertThat(units.room()).isEqualTo(4);
        units.add(T1);
        assertThat(units.admits(U1)).as("a second unit is free").isTrue();
        units.add(U1);
        assertThat(units.admits(TABLE_V)).as("no unit left for a table job").isFalse();
        assertThat(units.admits(T2)).as("the open unit of table t has room").isTrue();
        assertThat(units.room()).isEqualTo(2);
        units.add(T2);
        assertThat(units.admits(T3)).as("table t's unit is full").isFalse();
        assertThat(units.full()).isFalse();
        units.add(job(8, JobState.PENDING, partition("db", "u", "2")));
        assertThat(units.full()).isTrue();
        assertThat(units.room()).isZero();
        assertThat(units.jobs()).isEqualTo(4);
        assertThatThrownBy(() -> units.add(T3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDropDoesNotJoinTheOpenUnitOfItsTablesSyncsButNeedsAUnitOfItsOwn() {
        ClaimUnits units = new ClaimUnits(1, 4);
        units.add(T1);
        assertThat(units.admits(T2)).as("the sync unit of table t has room").isTrue();
        assertThat(units.admits(DROP_T4)).as("no unit left for table t's drops").isFalse();
        assertThat(units.room()).isEqualTo(3);

        ClaimUnits two = new ClaimUnits(2, 4);
        two.add(DROP_T4);
        two.add(T1);
        two.add(DROP_T5);
        assertThat(two.units()).extracting(unit -> unit.stream().map(ReplicationJob::id).toList())
                .containsExactly(List.of(8L, 9L), List.of(1L));
    }

    @Test
    void onlyPartitionSyncsAndDropsAreBatchable() {
        assertThat(java.util.Arrays.stream(JobKind.values()).filter(ClaimUnits::batchable))
                .containsExactlyInAnyOrder(JobKind.SYNC_PARTITION, JobKind.DROP_PARTITION);
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> new ClaimUnits(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClaimUnits(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * On random claims: the units built while claiming are the ones the dispatcher gets back from the claimed jobs;
     * no unit exceeds the batch, holds two tables or two kinds, or batches anything but partition syncs or drops;
     * there are at most as many units as workers; and every job is in exactly one unit.
     */
    @Test
    void theDispatcherRegroupsExactlyTheUnitsOfTheClaim() {
        List<ObjectRef> objects = new ArrayList<>();
        for (String tableName : List.of("t", "u", "v")) {
            objects.add(table("db", tableName));
            for (int value = 0; value < 6; value++) {
                objects.add(partition("db", tableName, "p" + value));
            }
        }
        objects.add(ObjectRef.database("db2"));
        Gen<List<Integer>> picks = lists().of(integers().between(0, objects.size() - 1)).ofSizeBetween(0, 40);
        qt().withExamples(2_000).forAll(picks, integers().between(0, 6), integers().between(1, 5))
                .checkAssert((picked, workers, batch) -> {
                    ClaimUnits claim = new ClaimUnits(workers, batch);
                    List<ReplicationJob> taken = new ArrayList<>();
                    long id = 0;
                    for (int index : picked) {
                        ObjectRef object = objects.get(index);
                        // a partition's job is a drop one time in three
                        ReplicationJob candidate = object.level() == ObjectRef.Level.PARTITION && id % 3 == 2
                                ? drop(++id, JobState.PENDING, object) : job(++id, JobState.PENDING, object);
                        if (claim.admits(candidate)) {
                            claim.add(candidate);
                            taken.add(candidate);
                        }
                    }
                    List<List<ReplicationJob>> units = ClaimUnits.of(taken, batch);
                    assertThat(units).isEqualTo(claim.units());
                    assertThat(units).hasSizeLessThanOrEqualTo(workers);
                    Set<Long> seen = new HashSet<>();
                    for (List<ReplicationJob> unit : units) {
                        assertThat(unit).isNotEmpty().hasSizeLessThanOrEqualTo(batch);
                        if (unit.size() > 1) {
                            assertThat(unit).allSatisfy(job -> {
                                assertThat(job.kind()).isIn(JobKind.SYNC_PARTITION, JobKind.DROP_PARTITION)
                                        .isEqualTo(unit.get(0).kind());
                                assertThat(job.object().tableRef()).isEqualTo(unit.get(0).object().tableRef());
                            });
                        }
                        unit.forEach(job -> assertThat(seen.add(job.id())).isTrue());
                    }
                    assertThat(seen).hasSize(taken.size());
                });
    }
}
