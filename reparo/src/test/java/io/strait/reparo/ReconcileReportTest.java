package io.strait.reparo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.divergence.ReconcileScan.Status;
import io.strait.common.error.ExitCode;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcileReportTest {
    private static final TableRef ORDERS = TableRef.of("sales", "orders");
    private static final long STARTED = 1_714_557_600_000L;

    private final ReconcileReport report = new ReconcileReport();

    @Test
    void textListsEachDivergenceThenTheSummary() {
        ReconcileScan scan = scan(Status.DIVERGENT, List.of(
                new Divergence(DivergenceClass.PARAMETER_DRIFT, ORDERS, List.of(), "", "owner: 'x' in a, 'y' in b"),
                new Divergence(DivergenceClass.MISSING_FILE, ORDERS, List.of("2024-01-01"), "part-0",
                        "size=3 crc32c:00000001 in a, absent in b"),
                new Divergence(DivergenceClass.MISSING_FILE, ORDERS, List.of("2024-01-02"), "part-0", "")), "");

        assertThat(report.text(scan)).isEqualTo("""
                PARAMETER_DRIFT sales.orders owner: 'x' in a, 'y' in b
                MISSING_FILE sales.orders/2024-01-01:part-0 size=3 crc32c:00000001 in a, absent in b
                MISSING_FILE sales.orders/2024-01-02:part-0
                reconcile sales.orders a -> b (depth bytes): DIVERGENT; 2 objects, 5 files checked; 3 divergences: \
                PARAMETER_DRIFT 1, MISSING_FILE 2 (1.5 s)
                """);
    }

    @Test
    void textOfConsistentAndFailedScans() {
        assertThat(report.text(scan(Status.CONSISTENT, List.of(), ""))).isEqualTo(
                "reconcile sales.orders a -> b (depth bytes): CONSISTENT; 2 objects, 5 files checked; no divergences"
                        + " (1.5 s)\n");
        assertThat(report.text(scan(Status.FAILED, List.of(), "Cannot read x in region b"))).isEqualTo(
                "reconcile sales.orders a -> b (depth bytes): FAILED, could not check: Cannot read x in region b\n");
    }

    @Test
    void jsonHasStableFieldNames() throws Exception {
        ReconcileScan scan = scan(Status.DIVERGENT, List.of(new Divergence(DivergenceClass.DIFFERENT_FILE, ORDERS,
                List.of("2024-01-01"), "sub/part-0", "size=3 crc32c:00000001 in a, size=3 crc32c:00000002 in b")),
                "");

        JsonNode json = new ObjectMapper().readTree(report.json(scan));

        assertThat(json.fieldNames()).toIterable().containsExactly("table", "source", "target", "status", "depth",
                "startedAt", "finishedAt", "objectsChecked", "filesChecked", "objectsInFlight", "divergences",
                "error");
        assertThat(json.get("depth").asText()).isEqualTo("bytes");
        assertThat(json.get("objectsInFlight").asInt()).isZero();
        assertThat(json.get("table").asText()).isEqualTo("sales.orders");
        assertThat(json.get("status").asText()).isEqualTo("DIVERGENT");
        assertThat(json.get("startedAt").asText()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(json.get("filesChecked").asLong()).isEqualTo(5);
        assertThat(json.get("error").asText()).isEmpty();
        JsonNode divergence = json.get("divergences").get(0);
        assertThat(divergence.fieldNames()).toIterable()
                .containsExactly("class", "subject", "partition", "path", "detail");
        assertThat(divergence.get("class").asText()).isEqualTo("DIFFERENT_FILE");
        assertThat(divergence.get("subject").asText()).isEqualTo("sales.orders/2024-01-01:sub/part-0");
        assertThat(divergence.get("partition").get(0).asText()).isEqualTo("2024-01-01");
        assertThat(divergence.get("path").asText()).isEqualTo("sub/part-0");
    }

    @Test
    void jsonOfFailedScanCarriesTheError() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report.json(scan(Status.FAILED, List.of(), "Cannot reconcile")));

        assertThat(json.get("error").asText()).isEqualTo("Cannot reconcile");
        assertThat(json.get("divergences").isArray()).isTrue();
        assertThat(json.get("divergences").size()).isZero();
    }

    @Test
    void exitCodesFollowTheStatus() {
        assertThat(ReconcileReport.exitCode(scan(Status.CONSISTENT, List.of(), ""))).isEqualTo(ExitCode.OK);
        assertThat(ReconcileReport.exitCode(scan(Status.DIVERGENT, List.of(), ""))).isEqualTo(ExitCode.FAILED);
        assertThat(ReconcileReport.exitCode(scan(Status.FAILED, List.of(), "x")).code()).isEqualTo(2);
    }

    @Test
    void objectsInFlightAreListedAndCountedApartFromDivergences() {
        ReconcileScan scan = new ReconcileScan(RegionId.of("a"), RegionId.of("b"), ORDERS, STARTED, STARTED + 1_500,
                Status.CONSISTENT, 2, 5, List.of(new Divergence(DivergenceClass.IN_FLIGHT, ORDERS, List.of("2024-01-01"),
                        "", "job 7 SYNC_PARTITION COPYING; differs now: MISSING_FILE 1")), "", ReconcileDepth.FILES);

        assertThat(report.text(scan)).isEqualTo("""
                IN_FLIGHT sales.orders/2024-01-01 job 7 SYNC_PARTITION COPYING; differs now: MISSING_FILE 1
                reconcile sales.orders a -> b (depth files): CONSISTENT; 2 objects, 5 files checked; no divergences, \
                1 object in flight (1.5 s)
                """);
        assertThat(ReconcileReport.exitCode(scan)).isEqualTo(ExitCode.OK);
    }

    @Test
    void metaDepthSaysNoFileWasListed() {
        ReconcileScan scan = new ReconcileScan(RegionId.of("a"), RegionId.of("b"), ORDERS, STARTED, STARTED + 100,
                Status.CONSISTENT, 24, 0, List.of(), "", ReconcileDepth.META);

        assertThat(report.text(scan)).isEqualTo("reconcile sales.orders a -> b (depth meta): CONSISTENT; 24 objects"
                + " checked, no file listed; no divergences (0.1 s)\n");
    }

    @Test
    void aRunOfSeveralTablesIsSummedUpInOneLineWithTheWorstOutcome() {
        ReconcileScan consistent = new ReconcileScan(RegionId.of("a"), RegionId.of("b"), ORDERS, STARTED, STARTED,
                Status.CONSISTENT, 3, 30, List.of(new Divergence(DivergenceClass.IN_FLIGHT, ORDERS, List.of("x"), "",
                        "job 1")), "", ReconcileDepth.FILES);
        ReconcileScan divergent = new ReconcileScan(RegionId.of("a"), RegionId.of("b"), TableRef.of("sales", "t2"),
                STARTED, STARTED, Status.DIVERGENT, 1, 2, List.of(new Divergence(DivergenceClass.EXTRA_TABLE,
                        TableRef.of("sales", "t2"), List.of(), "", "")), "", ReconcileDepth.FILES);

        assertThat(report.runSummary("link a-to-b", List.of(consistent, divergent), 2_500)).isEqualTo(
                "reconcile link a-to-b a -> b (depth files): DIVERGENT; 2 tables: 1 consistent, 1 divergent, 0 could"
                        + " not be checked; 4 objects, 32 files checked; 1 divergence, 1 object in flight (2.5 s)");
        assertThat(ReconcileReport.exitCode(List.of(consistent, divergent))).isEqualTo(ExitCode.FAILED);
        assertThat(ReconcileReport.exitCode(List.of(consistent, scan(Status.FAILED, List.of(), "x"), divergent)))
                .isEqualTo(ExitCode.COULD_NOT_RUN);
        assertThat(ReconcileReport.exitCode(List.of(consistent))).isEqualTo(ExitCode.OK);
    }

    private static ReconcileScan scan(Status status, List<Divergence> divergences, String error) {
        return new ReconcileScan(RegionId.of("a"), RegionId.of("b"), ORDERS, STARTED, STARTED + 1_500, status,
                2, 5, divergences, error);
    }
}
