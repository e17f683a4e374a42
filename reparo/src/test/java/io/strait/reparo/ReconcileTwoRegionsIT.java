package io.strait.reparo;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.embedded.EmbeddedRegion;
import io.strait.regionio.HadoopRegionFileSystem;
import io.strait.regionio.ThriftMetastoreGateway;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Reconcile against real components: a metastore process per region, the Thrift gateway and the Hadoop filesystem
 * over each region's local external root. The same table is built by hand in both regions (the replica's partitions
 * in version folders, as Strait publishes them), with byte-identical files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileTwoRegionsIT {
    private static final TableRef ORDERS = TableRef.of("sales", "orders");
    private static final Map<String, Map<String, String>> FILES = Map.of(
            "2024-01-01", Map.of("part-00000.parquet", "order 1,12.50\norder 2,3.10\n", "part-00001.parquet", "o3"),
            "2024-01-02", Map.of("part-00000.parquet", "order 4,99.00\n"));

    private final List<AutoCloseable> resources = new ArrayList<>();
    private Region source;
    private Region target;

    /** One region as the test uses it. */
    private record Region(RegionId id, String externalRoot, MetastoreGateway metastore,
            HadoopRegionFileSystem fileSystem) {
        RegionEndpoint endpoint() {
            return new RegionEndpoint(metastore, fileSystem);
        }
    }

    @BeforeAll
    void startRegions() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "reconcile-it-");
        List<EmbeddedRegion> regions = EmbeddedRegion.startAll(List.of(
                EmbeddedRegion.builder("a", workDir.resolve("a")), EmbeddedRegion.builder("b", workDir.resolve("b"))));
        resources.addAll(regions);
        source = connect(regions.get(0), "a");
        target = connect(regions.get(1), "b");
        createOrders(source, "");
        createOrders(target, "_strait_v1_1");
    }

    @AfterAll
    void stopRegions() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void consistentUntilAFileIsDeletedInTheTarget() throws Exception {
        Reconciler reconciler = Reconciler.builder(source.endpoint(), target.endpoint()).build();

        ReconcileScan consistent = reconciler.reconcile(ORDERS);

        assertThat(consistent.divergences()).isEmpty();
        assertThat(consistent.status()).isEqualTo(ReconcileScan.Status.CONSISTENT);
        assertThat(consistent.objectsChecked()).isEqualTo(2);
        assertThat(consistent.filesChecked()).isEqualTo(3);

        String deleted = partitionLocation(target, "2024-01-01") + "/part-00001.parquet";
        assertThat(target.fileSystem().delete(deleted)).isTrue();

        ReconcileScan divergent = reconciler.reconcile(ORDERS);

        assertThat(divergent.status()).isEqualTo(ReconcileScan.Status.DIVERGENT);
        assertThat(divergent.divergences()).singleElement().satisfies(divergence -> {
            assertThat(divergence.divergenceClass()).isEqualTo(DivergenceClass.MISSING_FILE);
            assertThat(divergence.subject()).isEqualTo("sales.orders/2024-01-01:part-00001.parquet");
        });
        assertThat(ReconcileReport.exitCode(divergent).code()).isEqualTo(1);
    }

    private Region connect(EmbeddedRegion region, String name) {
        RegionId id = RegionId.of(name);
        ThriftMetastoreGateway metastore = ThriftMetastoreGateway.connect(id, region.metastoreUri());
        resources.add(metastore);
        HadoopRegionFileSystem fileSystem = HadoopRegionFileSystem.create(id, Map.of());
        resources.add(fileSystem);
        return new Region(id, region.externalRootUri(), metastore, fileSystem);
    }

    private void createOrders(Region region, String versionFolder) throws IOException {
        region.metastore().createDatabase(new DatabaseSnapshot("sales",
                RegionFileSystem.resolve(region.externalRoot(), "sales.db"), "", Map.of()));
        region.metastore().createTable(new TableSnapshot(ORDERS, TableSnapshot.EXTERNAL_TABLE,
                RegionFileSystem.resolve(region.externalRoot(), "sales/orders"),
                List.of(ColumnSpec.of("id", "string"), ColumnSpec.of("amount", "double")),
                List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of("EXTERNAL", "TRUE", "owner_team", "payments"), "strait"));
        for (Map.Entry<String, Map<String, String>> partition : FILES.entrySet()) {
            String location = RegionFileSystem.resolve(
                    RegionFileSystem.resolve(region.externalRoot(), "sales/orders/ds=" + partition.getKey()),
                    versionFolder);
            for (Map.Entry<String, String> file : partition.getValue().entrySet()) {
                write(region.fileSystem(), location + "/" + file.getKey(), file.getValue());
            }
            region.metastore().addPartition(new PartitionSnapshot(PartitionRef.of(ORDERS,
                    List.of(partition.getKey())), location, StorageFormat.PARQUET, Map.of()));
        }
    }

    private static String partitionLocation(Region region, String ds) {
        return region.metastore().getPartition(PartitionRef.of(ORDERS, List.of(ds))).orElseThrow().location();
    }

    private static void write(RegionFileSystem fileSystem, String uri, String content) throws IOException {
        try (OutputStream out = fileSystem.create(uri)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
