package io.strait.reparo.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.event.InMemoryEventLog;
import io.strait.common.job.JobOrigin;
import io.strait.common.job.JobState;
import io.strait.common.job.NewJob;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.RegionId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvergenceTest {
    private static final String LINK = "a-to-b";
    private static final RegionId A = RegionId.of("a");
    private static final RegionId B = RegionId.of("b");
    private static final TableRef ORDERS = TableRef.of("sales", "orders");
    private static final TableRef LATE = TableRef.of("sales", "late");

    private final TestingJobStore jobs = new TestingJobStore(job -> JobState.SUCCEEDED);
    private final List<String> lines = new ArrayList<>();

    @Test
    void objectsInFlightAreLeftAndPlannedInTheNextRoundOnceTheirEventsAreReplicated() {
        Deque<List<ReconcileScan>> rescans = new ArrayDeque<>(List.of(
                List.of(scan(ORDERS), scan(LATE, divergence(DivergenceClass.MISSING_TABLE, LATE, List.of()))),
                List.of(scan(ORDERS), scan(LATE))));

        Convergence.Result result = convergence().converge(7, List.of(
                scan(ORDERS, divergence(DivergenceClass.MISSING_PARTITION, ORDERS, List.of("1"))),
                scan(LATE, divergence(DivergenceClass.IN_FLIGHT, LATE, List.of()),
                        divergence(DivergenceClass.MISSING_TABLE, LATE, List.of()))),
                rescans::removeFirst, 3, Duration.ofSeconds(5), Duration.ofSeconds(1), listener());

        assertThat(result.rounds()).hasSize(2);
        assertThat(result.rounds().get(0).plan().left()).extracting(left -> left.object().toString())
                .containsExactly("sales.late");
        assertThat(jobs.created()).extracting(created -> created.stream().map(NewJob::object).toList().toString())
                .containsExactly("[sales.orders/1]", "[sales.late]");
        assertThat(jobs.created().get(0)).allSatisfy(job -> assertThat(job.sourceEventId()).isEqualTo(7));
        assertThat(result.consistent()).isTrue();
        assertThat(RepairReport.repaired(result)).extracting(action -> action.object().toString())
                .containsExactly("sales.orders/1", "sales.late");
        assertThat(RepairReport.text("bootstrap", result)).endsWith(
                "bootstrap: repaired 2 object(s) (MISSING_TABLE 1, MISSING_PARTITION 1); left 0 object(s); the scan"
                        + " after it is consistent\n");
        assertThat(lines).anyMatch(line -> line.startsWith("waiting for the replication of the work in flight"));
    }

    @Test
    void withOneRoundTheScanAfterTheRunIsFinalAndObjectsInFlightStayLeft() {
        Convergence.Result result = convergence().converge(7, List.of(
                scan(LATE, divergence(DivergenceClass.IN_FLIGHT, LATE, List.of()))),
                () -> List.of(scan(LATE, divergence(DivergenceClass.IN_FLIGHT, LATE, List.of()))), 1,
                Duration.ofSeconds(5), Duration.ofSeconds(1), listener());

        assertThat(result.rounds()).hasSize(1);
        assertThat(jobs.created()).isEmpty();
        assertThat(result.consistent()).as("work in flight is not a divergence").isTrue();
        assertThat(RepairReport.text("repair", result)).contains("left: sales.late IN_FLIGHT")
                .endsWith("repair: repaired 0 object(s); left 1 object(s); the scan after it is consistent\n");
        assertThat(lines).noneMatch(line -> line.startsWith("waiting"));
    }

    @Test
    void nothingToDoEndsWithoutAnotherScan() {
        List<ReconcileScan> consistent = List.of(scan(ORDERS));

        Convergence.Result result = convergence().converge(7, consistent, () -> {
            throw new AssertionError("no rescan expected");
        }, 3, Duration.ofSeconds(5), Duration.ofSeconds(1), listener());

        assertThat(result.finalScans()).isEqualTo(consistent);
        assertThat(result.rounds()).singleElement().satisfies(round -> assertThat(round.plan().isEmpty()).isTrue());
    }

    private Convergence convergence() {
        InMemoryMetastoreGateway target = new InMemoryMetastoreGateway(B);
        RepairRun run = new RepairRun(LINK, JobOrigin.BOOTSTRAP, jobs, new InMemoryMetastoreGateway(A),
                new Quarantine(target, new InMemoryRegionFileSystem(B), Map.of()), Clock.systemUTC());
        return new Convergence(LINK, A, new InMemoryEventLog(), new RepairPlanner(ExtraObjects.KEEP), run);
    }

    private Convergence.Listener listener() {
        return new Convergence.Listener() {
            @Override
            public void planned(int round, RepairPlan plan) {
                lines.add("round " + round + ": " + plan.actions().size() + " action(s)");
            }

            @Override
            public void line(String line) {
                lines.add(line);
            }
        };
    }

    private static ReconcileScan scan(TableRef table, Divergence... entries) {
        List<Divergence> divergences = List.of(entries);
        return new ReconcileScan(A, B, table, 0, 0, ReconcileScan.statusOf(divergences), 1, 0, divergences, "");
    }

    private static Divergence divergence(DivergenceClass divergenceClass, TableRef table, List<String> values) {
        return new Divergence(divergenceClass, table, values, "", "");
    }
}
