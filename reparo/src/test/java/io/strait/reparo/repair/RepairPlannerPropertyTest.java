package io.strait.reparo.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.TableRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

class RepairPlannerPropertyTest {
    private static final int EXAMPLES = 300;

    @Test
    void thePlanIsTheSameForTheSameDivergencesInAnyOrder() {
        theory().forAll(divergenceLists(), longs().all(), extraObjects()).checkAssert((divergences, seed, extra) -> {
            List<Divergence> shuffled = new ArrayList<>(divergences);
            Collections.shuffle(shuffled, new Random(seed));
            RepairPlanner planner = new RepairPlanner(extra);

            RepairPlan plan = planner.plan("a-to-b", divergences);

            assertThat(planner.plan("a-to-b", shuffled)).isEqualTo(plan);
            assertThat(planner.plan("a-to-b", shuffled).text()).isEqualTo(plan.text());
        });
    }

    @Test
    void everyObjectGetsAtMostOneActionOrIsLeftAndNeverBoth() {
        theory().forAll(divergenceLists(), extraObjects()).checkAssert((divergences, extra) -> {
            RepairPlan plan = new RepairPlanner(extra).plan("a-to-b", divergences);
            List<ObjectRef> objects = new ArrayList<>();
            plan.actions().forEach(action -> objects.add(action.object()));
            plan.left().forEach(left -> objects.add(left.object()));

            assertThat(objects).doesNotHaveDuplicates();
        });
    }

    @Test
    void noPartitionActionUnderATableThatIsReplicatedOrDroppedWhole() {
        theory().forAll(divergenceLists(), extraObjects()).checkAssert((divergences, extra) -> {
            RepairPlan plan = new RepairPlanner(extra).plan("a-to-b", divergences);
            Set<TableRef> whole = new HashSet<>();
            plan.actions().stream().filter(action -> action.kind().coversEveryPartition())
                    .forEach(action -> whole.add(action.object().tableRef()));

            assertThat(plan.actions()).filteredOn(action -> action.object().level() == ObjectRef.Level.PARTITION)
                    .allSatisfy(action -> assertThat(whole).doesNotContain(action.object().tableRef()));
        });
    }

    @Test
    void everyDivergenceIsCoveredByAnActionOrALeftObject() {
        theory().forAll(divergenceLists(), extraObjects()).checkAssert((divergences, extra) -> {
            RepairPlan plan = new RepairPlanner(extra).plan("a-to-b", divergences);
            Set<DivergenceClass> covered = new HashSet<>(plan.repairedClasses());
            plan.left().forEach(left -> covered.addAll(left.causes()));

            divergences.forEach(divergence -> assertThat(covered).contains(divergence.divergenceClass()));
            assertThat(plan.actions()).noneMatch(action -> extra == ExtraObjects.KEEP
                    && action.kind().removesExtraObject());
        });
    }

    private static QuickTheory theory() {
        return qt().withExamples(EXAMPLES);
    }

    private static Gen<ExtraObjects> extraObjects() {
        return arbitrary().enumValues(ExtraObjects.class);
    }

    /** Divergences over a few tables and partitions, so that objects often get several. */
    private static Gen<List<Divergence>> divergenceLists() {
        return lists().of(divergences()).ofSizeBetween(0, 25);
    }

    private static Gen<Divergence> divergences() {
        Gen<TableRef> tables = arbitrary().pick(TableRef.of("sales", "orders"), TableRef.of("sales", "items"),
                TableRef.of("web", "events"));
        Gen<List<String>> partitions = integers().between(0, 3)
                .map(value -> value == 0 ? List.<String>of() : List.of(Integer.toString(value)));
        Gen<String> paths = arbitrary().pick("", "part-0", "part-1");
        return arbitrary().enumValues(DivergenceClass.class).zip(tables, partitions, paths,
                (divergenceClass, table, values, path) -> new Divergence(divergenceClass, table,
                        presenceOnTable(divergenceClass) ? List.of() : values, path, ""));
    }

    /** Classes the diff only reports on tables (never with partition values). */
    private static boolean presenceOnTable(DivergenceClass divergenceClass) {
        return divergenceClass == DivergenceClass.MISSING_TABLE || divergenceClass == DivergenceClass.EXTRA_TABLE
                || divergenceClass == DivergenceClass.PARTITION_KEY_DRIFT
                || divergenceClass == DivergenceClass.MISSING_DATABASE
                || divergenceClass == DivergenceClass.DATABASE_DRIFT;
    }
}
