package io.strait.reparo;

import static io.strait.reparo.TestingRegion.CUSTOMERS;
import static io.strait.reparo.TestingRegion.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.divergence.ReconcileScan.Status;
import io.strait.common.rows.DifferingRow;
import io.strait.common.rows.RowComparer;
import io.strait.common.rows.RowComparison;
import io.strait.common.rows.RowFormat;
import io.strait.common.rows.RowObject;
import io.strait.common.rows.RowSide;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code rows} depth in the reconciler: which objects' rows are compared (at their current locations, in both
 * regions), the comparisons' divergences and failures, and the file checks of {@code files} depth alongside. The
 * row comparer here answers from a table: the real one (Spark) is tested in spark-engine and ops.
 */
class RowsDepthTest {
    private final TestingRegion source = TestingRegion.source("a").withOrders().withCustomers();
    private final TestingRegion target = TestingRegion.replica("b").withOrders().withCustomers();
    private final List<RowObject> asked = new ArrayList<>();

    private RowComparer answering(List<RowComparison> answers) {
        return (table, objects, sampleRows) -> {
            asked.addAll(objects);
            assertThat(sampleRows).isEqualTo(3);
            return answers.subList(0, objects.size());
        };
    }

    private ReconcileScan reconcile(RowComparer comparer) {
        return Reconciler.builder(source.endpoint(), target.endpoint()).rowComparer(comparer, 3).build()
                .reconcile(ORDERS, ReconcileDepth.ROWS);
    }

    @Test
    void everyPartitionIsComparedAtItsCurrentLocationInBothRegions() {
        ReconcileScan scan = reconcile(answering(List.of(RowComparison.equal(List.of("2024-01-01"), 5),
                RowComparison.equal(List.of("2024-01-02"), 7))));

        assertThat(scan.status()).isEqualTo(Status.CONSISTENT);
        assertThat(scan.depth()).isEqualTo(ReconcileDepth.ROWS);
        assertThat(asked).extracting(RowObject::partitionValues)
                .containsExactly(List.of("2024-01-01"), List.of("2024-01-02"));
        assertThat(asked.get(0).source().location()).isEqualTo(source.partitionLocation("2024-01-01"));
        assertThat(asked.get(0).target().location()).isEqualTo(target.partitionLocation("2024-01-01"))
                .contains("_strait_v7_1");
        assertThat(asked).allSatisfy(object -> assertThat(object.source().format()).isEqualTo(RowFormat.PARQUET));
    }

    @Test
    void differingRowsAreOneDivergencePerPartitionWithTheirSides() {
        ReconcileScan scan = reconcile(answering(List.of(RowComparison.equal(List.of("2024-01-01"), 5),
                new RowComparison(List.of("2024-01-02"), 7, 7, 1, 1, List.of(
                        new DifferingRow(RowSide.SOURCE_ONLY, "amount=1.0, id=3"),
                        new DifferingRow(RowSide.TARGET_ONLY, "amount=9.0, id=3")), ""))));

        assertThat(scan.status()).isEqualTo(Status.DIVERGENT);
        assertThat(scan.divergences()).singleElement().satisfies(divergence -> {
            assertThat(divergence.divergenceClass()).isEqualTo(DivergenceClass.DIFFERENT_ROWS);
            assertThat(divergence.subject()).isEqualTo("sales.orders/2024-01-02");
            assertThat(divergence.detail()).isEqualTo("1 row(s) only in the source, 1 only in the target (source 7"
                    + " rows, target 7 rows); source only: {amount=1.0, id=3}; target only: {amount=9.0, id=3}");
        });
    }

    @Test
    void filesAreCheckedAsAtFilesDepth() throws Exception {
        target.fileSystem.delete(target.partitionLocation("2024-01-01") + "/part-1.parquet");

        ReconcileScan scan = reconcile(answering(List.of(new RowComparison(List.of("2024-01-01"), 5, 4, 1, 0,
                List.of(), ""), RowComparison.equal(List.of("2024-01-02"), 7))));

        assertThat(scan.divergences()).extracting(divergence -> divergence.divergenceClass())
                .containsExactlyInAnyOrder(DivergenceClass.MISSING_FILE, DivergenceClass.DIFFERENT_ROWS);
    }

    @Test
    void anObjectThatCouldNotBeComparedFailsTheScanAndKeepsTheDivergences() {
        ReconcileScan scan = reconcile(answering(List.of(RowComparison.failed(List.of("2024-01-01"), "cannot read"),
                new RowComparison(List.of("2024-01-02"), 7, 8, 0, 1, List.of(), ""))));

        assertThat(scan.status()).isEqualTo(Status.FAILED);
        assertThat(scan.error()).isEqualTo("Cannot compare the rows of sales.orders/2024-01-01: cannot read");
        assertThat(scan.divergences()).extracting(divergence -> divergence.divergenceClass())
                .containsExactly(DivergenceClass.DIFFERENT_ROWS);
    }

    @Test
    void anUnpartitionedTableIsOneObject() {
        ReconcileScan scan = Reconciler.builder(source.endpoint(), target.endpoint())
                .rowComparer(answering(List.of(RowComparison.equal(List.of(), 2))), 3).build()
                .reconcile(CUSTOMERS, ReconcileDepth.ROWS);

        assertThat(scan.status()).isEqualTo(Status.CONSISTENT);
        assertThat(asked).singleElement().satisfies(object -> assertThat(object.partitionValues()).isEmpty());
    }

    @Test
    void withoutARowComparerTheScanFailsAndSaysWhy() {
        ReconcileScan scan = Reconciler.builder(source.endpoint(), target.endpoint()).build()
                .reconcile(ORDERS, ReconcileDepth.ROWS);

        assertThat(scan.status()).isEqualTo(Status.FAILED);
        assertThat(scan.error()).contains("no row comparer (Spark)");
    }
}
