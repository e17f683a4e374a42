package io.strait.reparo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.metastore.TableRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightCutTest {
    private static final TableRef T = TableRef.of("sales", "orders");
    private static final List<Divergence> DIVERGENCES = List.of(
            new Divergence(DivergenceClass.PARAMETER_DRIFT, T, List.of(), "", "owner: 'x' in a, 'y' in b"),
            new Divergence(DivergenceClass.MISSING_FILE, T, List.of("1"), "part-0", ""),
            new Divergence(DivergenceClass.DIFFERENT_FILE, T, List.of("1"), "part-1", ""),
            new Divergence(DivergenceClass.MISSING_FILE, T, List.of("1"), "part-2", ""),
            new Divergence(DivergenceClass.EXTRA_PARTITION, T, List.of("3"), "", ""));

    @Test
    void nothingInFlightLeavesTheDivergencesAsTheyAre() {
        assertThat(InFlightCut.apply(T, DIVERGENCES, InFlight.none())).isEqualTo(DIVERGENCES);
    }

    @Test
    void eachObjectInFlightIsOneEntryThatFoldsItsDivergences() {
        InFlight inFlight = InFlight.builder().partition(List.of("1"), "job 9 SYNC_PARTITION COPYING")
                .partition(List.of("2"), "event 4 INSERT not yet replicated").build();

        assertThat(InFlightCut.apply(T, DIVERGENCES, inFlight))
                .extracting(Divergence::divergenceClass, Divergence::subject, Divergence::detail).containsExactly(
                        tuple(DivergenceClass.PARAMETER_DRIFT, "sales.orders", "owner: 'x' in a, 'y' in b"),
                        tuple(DivergenceClass.IN_FLIGHT, "sales.orders/1",
                                "job 9 SYNC_PARTITION COPYING; differs now: MISSING_FILE 2, DIFFERENT_FILE 1"),
                        tuple(DivergenceClass.IN_FLIGHT, "sales.orders/2",
                                "event 4 INSERT not yet replicated; no difference seen"),
                        tuple(DivergenceClass.EXTRA_PARTITION, "sales.orders/3", ""));
    }

    @Test
    void tableWorkCoversTheTableItselfButNotItsPartitions() {
        InFlight inFlight = InFlight.builder().table("job 2 SYNC_TABLE PENDING").build();

        assertThat(InFlightCut.apply(T, DIVERGENCES, inFlight)).extracting(Divergence::divergenceClass)
                .containsExactly(DivergenceClass.IN_FLIGHT, DivergenceClass.MISSING_FILE,
                        DivergenceClass.DIFFERENT_FILE, DivergenceClass.MISSING_FILE, DivergenceClass.EXTRA_PARTITION);
    }

    @Test
    void workOnTheWholeTableFoldsEverythingIntoOneEntry() {
        InFlight inFlight = InFlight.builder().wholeTable("job 3 DROP_TABLE PLANNED")
                .partition(List.of("1"), "job 9 SYNC_PARTITION COPYING").build();

        assertThat(InFlightCut.apply(T, DIVERGENCES, inFlight)).singleElement().satisfies(entry -> {
            assertThat(entry.divergenceClass()).isEqualTo(DivergenceClass.IN_FLIGHT);
            assertThat(entry.subject()).isEqualTo("sales.orders");
            assertThat(entry.detail()).isEqualTo("job 3 DROP_TABLE PLANNED; differs now: PARAMETER_DRIFT 1,"
                    + " EXTRA_PARTITION 1, MISSING_FILE 2, DIFFERENT_FILE 1");
        });
    }

    @Test
    void manyReasonsAreShortened() {
        InFlight.Builder builder = InFlight.builder();
        for (int event = 1; event <= 5; event++) {
            builder.partition(List.of("1"), "event " + event + " INSERT not yet replicated");
        }

        assertThat(builder.build().reason(List.of("1"))).contains("event 1 INSERT not yet replicated; event 2 INSERT"
                + " not yet replicated; event 3 INSERT not yet replicated; and 2 more");
    }
}
