package io.strait.sql.divergence;

import static io.strait.sql.SampleValues.ORDERS;
import static io.strait.sql.SampleValues.REGION_A;
import static io.strait.sql.SampleValues.REGION_B;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.divergence.ReconcileScan.Status;
import io.strait.common.metastore.TableRef;
import io.strait.sql.Transactions;
import io.strait.sql.testing.TestingMariaDb;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcDivergenceStoreTest {
    private static TestingMariaDb db;
    private static JdbcDivergenceStore store;

    @BeforeAll
    static void createDatabase() {
        db = TestingMariaDb.create();
        store = new JdbcDivergenceStore(db.dataSource());
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void scanWithDivergencesReadsBackEqual() {
        ReconcileScan scan = new ReconcileScan(REGION_A, REGION_B, ORDERS, 1_000, 2_500, Status.DIVERGENT, 12, 340,
                List.of(new Divergence(DivergenceClass.MISSING_PARTITION, ORDERS, List.of("2024-01-01", "eu"), "",
                                "partition missing on region-b"),
                        new Divergence(DivergenceClass.DIFFERENT_FILE, ORDERS, List.of("2024-01-02", "us"),
                                "sub/part-0.parquet", "crc32c:00000001 on region-a, crc32c:00000002 on region-b"),
                        new Divergence(DivergenceClass.SCHEMA_DRIFT, ORDERS, List.of(), "", "amount: decimal vs int")),
                "");

        long id = store.record(scan);

        assertThat(store.scan(id)).contains(scan);
    }

    @Test
    void failedScanKeepsItsError() {
        TableRef table = TableRef.of("sales", "failed_scan");
        ReconcileScan scan = new ReconcileScan(REGION_A, REGION_B, table, 1, 2, Status.FAILED, 0, 0, List.of(),
                "Cannot list file:/warehouse/b: permission denied");

        assertThat(store.scan(store.record(scan))).contains(scan);
    }

    @Test
    void latestScanIsTheNewestOfTheTableAndRegions() {
        TableRef table = TableRef.of("sales", "latest");
        store.record(consistent(table, 10));
        long newest = store.record(consistent(table, 20));
        store.record(new ReconcileScan(REGION_B, REGION_A, table, 30, 31, Status.CONSISTENT, 1, 1, List.of(), ""));

        assertThat(store.latestScan(REGION_A, REGION_B, table)).contains(consistent(table, 20));
        assertThat(store.scan(newest)).contains(consistent(table, 20));
        assertThat(store.latestScan(REGION_A, REGION_B, TableRef.of("sales", "never"))).isEmpty();
    }

    @Test
    void divergenceCountIsStoredWithTheScan() {
        TableRef table = TableRef.of("sales", "counted");
        ReconcileScan scan = new ReconcileScan(REGION_A, REGION_B, table, 1, 2, Status.DIVERGENT, 2, 0,
                List.of(new Divergence(DivergenceClass.EXTRA_PARTITION, table, List.of("x"), "", ""),
                        new Divergence(DivergenceClass.MISSING_PARTITION, table, List.of("y"), "", "")), "");

        long id = store.record(scan);

        int stored = new Transactions(db.dataSource()).withConnection("count", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT divergence_count FROM reconcile_scan WHERE id = ?")) {
                statement.setLong(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
        assertThat(stored).isEqualTo(2);
    }

    @Test
    void depthAndObjectsInFlightAreStoredApartFromTheDivergences() {
        TableRef table = TableRef.of("sales", "in_flight");
        ReconcileScan scan = new ReconcileScan(REGION_A, REGION_B, table, 1, 2, Status.CONSISTENT, 3, 0,
                List.of(new Divergence(DivergenceClass.IN_FLIGHT, table, List.of("x"), "", "job 7 SYNC_PARTITION"),
                        new Divergence(DivergenceClass.IN_FLIGHT, table, List.of("y"), "", "event 9 INSERT")), "",
                ReconcileDepth.META);

        long id = store.record(scan);

        assertThat(store.scan(id)).contains(scan);
        String counts = new Transactions(db.dataSource()).withConnection("count", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT depth, divergence_count, in_flight_count FROM reconcile_scan WHERE id = ?")) {
                statement.setLong(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getString(1) + " " + rows.getInt(2) + " " + rows.getInt(3);
                }
            }
        });
        assertThat(counts).isEqualTo("META 0 2");
    }

    private static ReconcileScan consistent(TableRef table, long startedAt) {
        return new ReconcileScan(REGION_A, REGION_B, table, startedAt, startedAt + 1, Status.CONSISTENT, 3, 9,
                List.of(), "");
    }
}
