package io.strait.reparo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
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
                reconcile sales.orders a -> b: DIVERGENT; 2 objects, 5 files checked; 3 divergences: \
                PARAMETER_DRIFT 1, MISSING_FILE 2 (1.5 s)
                """);
    }

    @Test
    void textOfConsistentAndFailedScans() {
        assertThat(report.text(scan(Status.CONSISTENT, List.of(), ""))).isEqualTo(
                "reconcile sales.orders a -> b: CONSISTENT; 2 objects, 5 files checked; no divergences (1.5 s)\n");
        assertThat(report.text(scan(Status.FAILED, List.of(), "Cannot read x in region b"))).isEqualTo(
                "reconcile sales.orders a -> b: FAILED, could not check: Cannot read x in region b\n");
    }

    @Test
    void jsonHasStableFieldNames() throws Exception {
        ReconcileScan scan = scan(Status.DIVERGENT, List.of(new Divergence(DivergenceClass.DIFFERENT_FILE, ORDERS,
                List.of("2024-01-01"), "sub/part-0", "size=3 crc32c:00000001 in a, size=3 crc32c:00000002 in b")),
                "");

        JsonNode json = new ObjectMapper().readTree(report.json(scan));

        assertThat(json.fieldNames()).toIterable().containsExactly("table", "source", "target", "status",
                "startedAt", "finishedAt", "objectsChecked", "filesChecked", "divergences", "error");
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

    private static ReconcileScan scan(Status status, List<Divergence> divergences, String error) {
        return new ReconcileScan(RegionId.of("a"), RegionId.of("b"), ORDERS, STARTED, STARTED + 1_500, status,
                2, 5, divergences, error);
    }
}
