package io.strait.reparo.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.config.TableFilter;
import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.TableRef;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepairPlannerTest {
    private static final String LINK = "a-to-b";
    private static final TableRef ORDERS = TableRef.of("sales", "orders");
    private static final List<String> DAY = List.of("2024-01-01");
    private static final ObjectRef ORDERS_DAY = new ObjectRef("sales", "orders", DAY);

    /**
     * Expected action for a divergence of each class, on the table (first) and on a partition (second); empty: the
     * class never occurs there (or is left). Every class must be listed: a class added later fails here until its
     * repair is decided.
     */
    private static final Map<DivergenceClass, List<Optional<Expected>>> EXPECTED = expected();

    record Expected(RepairActionKind kind, ObjectRef object) {
    }

    @Test
    void everyDivergenceClassHasARuleAndAnExpectation() {
        for (DivergenceClass divergenceClass : DivergenceClass.values()) {
            assertThat(RepairPlanner.ruleFor(divergenceClass)).as("repair rule of " + divergenceClass).isPresent();
            assertThat(EXPECTED).as("expected repair of " + divergenceClass).containsKey(divergenceClass);
        }
    }

    @Test
    void eachClassIsRepairedOnTheRightObjectWithTheRightKind() {
        RepairPlanner planner = new RepairPlanner(ExtraObjects.DROP_TO_QUARANTINE);
        for (DivergenceClass divergenceClass : DivergenceClass.values()) {
            List<Optional<Expected>> expected = EXPECTED.get(divergenceClass);
            assertRepair(planner, new Divergence(divergenceClass, ORDERS, List.of(), pathFor(divergenceClass), ""),
                    expected.get(0));
            assertRepair(planner, new Divergence(divergenceClass, ORDERS, DAY, pathFor(divergenceClass), ""),
                    expected.get(1));
        }
    }

    private static void assertRepair(RepairPlanner planner, Divergence divergence, Optional<Expected> expected) {
        RepairPlan plan = planner.plan(LINK, List.of(divergence));
        if (expected.isEmpty()) {
            assertThat(plan.actions()).as(divergence.subject() + " " + divergence.divergenceClass()).isEmpty();
            assertThat(plan.left()).as(divergence.subject() + " " + divergence.divergenceClass()).hasSize(1);
            return;
        }
        assertThat(plan.actions()).as(divergence.subject() + " " + divergence.divergenceClass())
                .containsExactly(new RepairAction(expected.get().kind(), expected.get().object(),
                        Set.of(divergence.divergenceClass())));
        assertThat(plan.left()).isEmpty();
    }

    @Test
    void extraObjectsAreLeftWithoutAllowDelete() {
        RepairPlan plan = new RepairPlanner(ExtraObjects.KEEP).plan(LINK, List.of(
                divergence(DivergenceClass.EXTRA_TABLE, TableRef.of("sales", "old"), List.of()),
                divergence(DivergenceClass.EXTRA_PARTITION, ORDERS, DAY),
                divergence(DivergenceClass.MISSING_FILE, ORDERS, List.of("2024-01-02"))));

        assertThat(plan.actions()).extracting(RepairAction::kind).containsExactly(RepairActionKind.SYNC_PARTITION);
        assertThat(plan.left()).extracting(LeftObject::object)
                .containsExactly(ObjectRef.table(TableRef.of("sales", "old")), ORDERS_DAY);
        assertThat(plan.left()).allSatisfy(left -> assertThat(left.reason()).contains("--allow-delete"));
        assertThat(plan.text()).contains("LEFT", "sales.old", "EXTRA_TABLE", "--allow-delete");
    }

    @Test
    void divergencesOnOneObjectBecomeOneActionWithAllTheirCauses() {
        RepairPlan plan = new RepairPlanner(ExtraObjects.KEEP).plan(LINK, List.of(
                new Divergence(DivergenceClass.MISSING_FILE, ORDERS, DAY, "part-1", ""),
                new Divergence(DivergenceClass.DIFFERENT_FILE, ORDERS, DAY, "part-2", ""),
                divergence(DivergenceClass.PARAMETER_DRIFT, ORDERS, DAY)));

        assertThat(plan.actions()).containsExactly(new RepairAction(RepairActionKind.SYNC_PARTITION, ORDERS_DAY,
                Set.of(DivergenceClass.MISSING_FILE, DivergenceClass.DIFFERENT_FILE, DivergenceClass.PARAMETER_DRIFT)));
    }

    @Test
    void aReCreatedTableAbsorbsItsPartitionsAndWinsOverOtherTableDrifts() {
        RepairPlan plan = new RepairPlanner(ExtraObjects.KEEP).plan(LINK, List.of(
                divergence(DivergenceClass.SCHEMA_DRIFT, ORDERS, List.of()),
                divergence(DivergenceClass.PARTITION_KEY_DRIFT, ORDERS, List.of()),
                divergence(DivergenceClass.MISSING_PARTITION, ORDERS, DAY)));

        assertThat(plan.actions()).containsExactly(new RepairAction(RepairActionKind.RECREATE_TABLE,
                ObjectRef.table(ORDERS), Set.of(DivergenceClass.SCHEMA_DRIFT, DivergenceClass.PARTITION_KEY_DRIFT,
                        DivergenceClass.MISSING_PARTITION)));
    }

    @Test
    void actionsComeInJobOrderDatabasesThenEachTableThenItsPartitions() {
        TableRef events = TableRef.of("web", "events");
        RepairPlan plan = new RepairPlanner(ExtraObjects.KEEP).plan(LINK, List.of(
                divergence(DivergenceClass.MISSING_PARTITION, ORDERS, List.of("2")),
                divergence(DivergenceClass.MISSING_TABLE, events, List.of()),
                divergence(DivergenceClass.MISSING_DATABASE, events, List.of()),
                divergence(DivergenceClass.MISSING_PARTITION, ORDERS, List.of("10")),
                divergence(DivergenceClass.SCHEMA_DRIFT, ORDERS, List.of()),
                divergence(DivergenceClass.DATABASE_DRIFT, ORDERS, List.of())));

        assertThat(plan.actions()).extracting(action -> action.kind() + " " + action.object()).containsExactly(
                "SYNC_DATABASE sales", "SYNC_TABLE sales.orders", "SYNC_PARTITION sales.orders/10",
                "SYNC_PARTITION sales.orders/2", "SYNC_DATABASE web", "COPY_TABLE web.events");
    }

    @Test
    void anObjectInFlightGetsNoActionWhateverElseWasFoundOnIt() {
        RepairPlan plan = new RepairPlanner(ExtraObjects.KEEP).plan(LINK, List.of(
                divergence(DivergenceClass.IN_FLIGHT, ORDERS, DAY),
                divergence(DivergenceClass.MISSING_FILE, ORDERS, DAY)));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.left()).singleElement().satisfies(left -> assertThat(left.reason()).contains("in flight"));
    }

    @Test
    void aPlannerForAutomaticRepairLeavesTheClassesItIsNotAllowed() {
        RepairPlan plan = new RepairPlanner(ExtraObjects.KEEP, Set.of(DivergenceClass.MISSING_PARTITION),
                TableFilter.all()).plan(LINK,
                List.of(divergence(DivergenceClass.MISSING_PARTITION, ORDERS, DAY),
                        divergence(DivergenceClass.SCHEMA_DRIFT, ORDERS, List.of())));

        assertThat(plan.actions()).extracting(RepairAction::object).containsExactly(ORDERS_DAY);
        assertThat(plan.left()).singleElement().satisfies(left -> {
            assertThat(left.object()).isEqualTo(ObjectRef.table(ORDERS));
            assertThat(left.reason()).contains("links[].reconcile.repair");
        });
    }

    @Test
    void tablesTheLinkDoesNotReplicateAreLeft() {
        RepairPlanner planner = new RepairPlanner(ExtraObjects.KEEP, EnumSet.allOf(DivergenceClass.class),
                new TableFilter(List.of("sales.*"), List.of("sales.tmp_*")));

        RepairPlan plan = planner.plan(LINK, List.of(
                divergence(DivergenceClass.MISSING_TABLE, TableRef.of("sales", "tmp_load"), List.of()),
                divergence(DivergenceClass.MISSING_DATABASE, TableRef.of("web", "events"), List.of()),
                divergence(DivergenceClass.MISSING_TABLE, ORDERS, List.of())));

        assertThat(plan.actions()).extracting(action -> action.kind() + " " + action.object())
                .containsExactly("COPY_TABLE sales.orders");
        assertThat(plan.left()).extracting(left -> left.object().toString()).containsExactly("sales.tmp_load", "web");
    }

    @Test
    void theTextNamesEveryActionWithItsCauses() {
        RepairPlan plan = new RepairPlanner(ExtraObjects.DROP_TO_QUARANTINE).plan(LINK, List.of(
                divergence(DivergenceClass.EXTRA_PARTITION, ORDERS, DAY),
                new Divergence(DivergenceClass.DIFFERENT_FILE, ORDERS, List.of("2024-01-02"), "part-0", "")));

        assertThat(plan.text()).isEqualTo("""
                repair plan for link a-to-b: 2 action(s), 0 object(s) left as they are
                  DROP_PARTITION  sales.orders/2024-01-01                  EXTRA_PARTITION (drop the extra partition, \
                its data to the quarantine)
                  SYNC_PARTITION  sales.orders/2024-01-02                  DIFFERENT_FILE (replicate the partition \
                again)
                """);
    }

    private static Divergence divergence(DivergenceClass divergenceClass, TableRef table, List<String> values) {
        return new Divergence(divergenceClass, table, values, "", "");
    }

    private static String pathFor(DivergenceClass divergenceClass) {
        return divergenceClass.name().endsWith("_FILE") ? "part-00000" : "";
    }

    private static Map<DivergenceClass, List<Optional<Expected>>> expected() {
        Map<DivergenceClass, List<Optional<Expected>>> expected = new EnumMap<>(DivergenceClass.class);
        Optional<Expected> syncDatabase = Optional.of(new Expected(RepairActionKind.SYNC_DATABASE,
                ObjectRef.database("sales")));
        Optional<Expected> syncTable = Optional.of(new Expected(RepairActionKind.SYNC_TABLE, ObjectRef.table(ORDERS)));
        Optional<Expected> syncPartition = Optional.of(new Expected(RepairActionKind.SYNC_PARTITION, ORDERS_DAY));
        expected.put(DivergenceClass.MISSING_DATABASE, List.of(syncDatabase, syncDatabase));
        expected.put(DivergenceClass.DATABASE_DRIFT, List.of(syncDatabase, syncDatabase));
        Optional<Expected> copyTable = Optional.of(new Expected(RepairActionKind.COPY_TABLE, ObjectRef.table(ORDERS)));
        expected.put(DivergenceClass.MISSING_TABLE, List.of(copyTable, copyTable));
        Optional<Expected> dropTable = Optional.of(new Expected(RepairActionKind.DROP_TABLE, ObjectRef.table(ORDERS)));
        expected.put(DivergenceClass.EXTRA_TABLE, List.of(dropTable, dropTable));
        Optional<Expected> recreate = Optional.of(new Expected(RepairActionKind.RECREATE_TABLE,
                ObjectRef.table(ORDERS)));
        expected.put(DivergenceClass.PARTITION_KEY_DRIFT, List.of(recreate, recreate));
        for (DivergenceClass tableOnly : List.of(DivergenceClass.TABLE_TYPE_DRIFT, DivergenceClass.VIEW_DRIFT,
                DivergenceClass.OWNER_DRIFT, DivergenceClass.CONSTRAINT_DRIFT)) {
            expected.put(tableOnly, List.of(syncTable, syncTable));
        }
        for (DivergenceClass either : List.of(DivergenceClass.SCHEMA_DRIFT, DivergenceClass.LOCATION_DRIFT,
                DivergenceClass.STORAGE_DRIFT,
                DivergenceClass.BUCKETING_DRIFT, DivergenceClass.SKEW_DRIFT, DivergenceClass.PARAMETER_DRIFT,
                DivergenceClass.STATISTICS_DRIFT, DivergenceClass.MISSING_FILE, DivergenceClass.EXTRA_FILE,
                DivergenceClass.DIFFERENT_FILE, DivergenceClass.DIFFERENT_ROWS)) {
            expected.put(either, List.of(syncTable, syncPartition));
        }
        expected.put(DivergenceClass.MISSING_PARTITION, List.of(Optional.empty(), syncPartition));
        expected.put(DivergenceClass.EXTRA_PARTITION, List.of(Optional.empty(),
                Optional.of(new Expected(RepairActionKind.DROP_PARTITION, ORDERS_DAY))));
        expected.put(DivergenceClass.IN_FLIGHT, List.of(Optional.empty(), Optional.empty()));
        return expected;
    }
}
