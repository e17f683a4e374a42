package io.strait.reparo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.strait.common.divergence.Divergence;
import io.strait.common.config.TableFilter;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileDepth;
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
import io.strait.reparo.scan.HiddenFiles;
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
 * over each region's local external root. The same tables are built by hand in both regions (the replica's
 * partitions in version folders, as Strait publishes them), with byte-identical files; each test has its own table
 * but {@code sales.orders}, which the first test changes.
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

    @Test
    void aSameSizeChangeOfAReplicaFileIsFoundOnlyByReadingAndMetaTouchesNoFile() throws Exception {
        TableRef depths = TableRef.of("sales", "depths");
        createTable(source, depths, "", FILES);
        createTable(target, depths, "_strait_v2_1", FILES);
        CountingRegionFileSystem sourceFiles = new CountingRegionFileSystem(source.fileSystem());
        CountingRegionFileSystem targetFiles = new CountingRegionFileSystem(target.fileSystem());
        Reconciler reconciler = Reconciler.builder(new RegionEndpoint(source.metastore(), sourceFiles),
                new RegionEndpoint(target.metastore(), targetFiles)).build();
        for (ReconcileDepth depth : java.util.EnumSet.range(ReconcileDepth.META, ReconcileDepth.BYTES)) {
            assertThat(reconciler.reconcile(depths, depth).status()).as("depth " + depth)
                    .isEqualTo(ReconcileScan.Status.CONSISTENT);
        }

        String changed = partitionLocation(target, depths, "2024-01-02") + "/part-00000.parquet";
        write(target.fileSystem(), changed, "order 4,99.99\n", true);
        int accesses = sourceFiles.fileAccesses() + targetFiles.fileAccesses();

        ReconcileScan meta = reconciler.reconcile(depths, ReconcileDepth.META);
        assertThat(meta.divergences()).isEmpty();
        assertThat(sourceFiles.fileAccesses() + targetFiles.fileAccesses()).as("meta lists and reads nothing")
                .isEqualTo(accesses);
        int opened = targetFiles.opens.get();
        assertThat(reconciler.reconcile(depths, ReconcileDepth.FILES).divergences()).as("same size").isEmpty();
        assertThat(targetFiles.opens.get()).as("files reads no file").isEqualTo(opened);
        assertThat(reconciler.reconcile(depths, ReconcileDepth.BYTES).divergences())
                .extracting(Divergence::divergenceClass, Divergence::subject)
                .containsExactly(tuple(DivergenceClass.DIFFERENT_FILE, "sales.depths/2024-01-02:part-00000.parquet"));
        assertThat(Reconciler.builder(source.endpoint(), target.endpoint()).build()
                .reconcile(depths, ReconcileDepth.BYTES).divergences()).as("read through channels (local files)")
                .extracting(Divergence::divergenceClass, Divergence::subject)
                .containsExactly(tuple(DivergenceClass.DIFFERENT_FILE, "sales.depths/2024-01-02:part-00000.parquet"));

        assertThat(target.fileSystem().delete(partitionLocation(target, depths, "2024-01-01")
                + "/part-00001.parquet")).isTrue();

        assertThat(reconciler.reconcile(depths, ReconcileDepth.FILES).divergences())
                .extracting(Divergence::divergenceClass, Divergence::subject)
                .containsExactly(tuple(DivergenceClass.MISSING_FILE, "sales.depths/2024-01-01:part-00001.parquet"));
        assertThat(reconciler.reconcile(depths, ReconcileDepth.BYTES).divergences())
                .extracting(Divergence::divergenceClass).containsExactly(DivergenceClass.MISSING_FILE,
                        DivergenceClass.DIFFERENT_FILE);
    }

    @Test
    void filesHiveReadersIgnoreAreIgnoredOnBothSidesBelowVersionFolders() throws Exception {
        TableRef hidden = TableRef.of("sales", "hidden");
        createTable(source, hidden, "", FILES);
        createTable(target, hidden, "_strait_v3_1", FILES);
        String sourceDay = partitionLocation(source, hidden, "2024-01-01");
        String replicaDay = partitionLocation(target, hidden, "2024-01-01");
        write(source.fileSystem(), sourceDay + "/_SUCCESS", "", false);
        write(source.fileSystem(), sourceDay + "/.hive-staging_hive_1/-ext-10000/000000_0", "staged", false);
        write(target.fileSystem(), replicaDay + "/_temporary/0/_temporary/attempt_1/part-9", "partial", false);
        write(target.fileSystem(), replicaDay + "/.part-00000.parquet.swp", "x", false);
        Reconciler reconciler = Reconciler.builder(source.endpoint(), target.endpoint()).build();

        for (ReconcileDepth depth : java.util.EnumSet.range(ReconcileDepth.META, ReconcileDepth.BYTES)) {
            ReconcileScan scan = reconciler.reconcile(hidden, depth);
            assertThat(scan.divergences()).as("depth " + depth).isEmpty();
            assertThat(scan.filesChecked()).isEqualTo(depth == ReconcileDepth.META ? 0 : 3);
        }
        assertThat(Reconciler.builder(source.endpoint(), target.endpoint()).hiddenFiles(HiddenFiles.none()).build()
                .reconcile(hidden, ReconcileDepth.FILES).divergences()).extracting(Divergence::relativePath)
                .containsExactly(".hive-staging_hive_1/-ext-10000/000000_0", ".part-00000.parquet.swp", "_SUCCESS",
                        "_temporary/0/_temporary/attempt_1/part-9");
    }

    @Test
    void tablesTheLinkExcludesAreNeverReportedAndTablesOnlyInTheTargetAreExtra() throws Exception {
        createTable(source, TableRef.of("sales", "tmp_load"), "", FILES);
        createTable(target, TableRef.of("sales", "tmp_scratch"), "_strait_v4_1", FILES);
        createTable(target, TableRef.of("sales", "orders_old"), "_strait_v5_1", FILES);
        TableFilter link = new TableFilter(List.of("sales.*"), List.of("sales.tmp_*"));
        Reconciler reconciler = Reconciler.builder(source.endpoint(), target.endpoint()).build();

        for (List<String> names : List.of(List.<String>of(), List.of("sales"), List.of("sales.*o*"))) {
            ReconcileScope.Resolution resolution = ReconcileScope.of(names).resolve(source.metastore(),
                    target.metastore(), link);
            assertThat(resolution.tables()).as("scope " + names).extracting(TableRef::table)
                    .contains("orders", "orders_old").doesNotContain("tmp_load", "tmp_scratch");
            List<ReconcileScan> scans = resolution.tables().stream()
                    .map(table -> reconciler.reconcile(table, ReconcileDepth.FILES)).toList();
            assertThat(scans).flatExtracting(ReconcileScan::divergences).extracting(Divergence::subject)
                    .noneMatch(subject -> subject.startsWith("sales.tmp_"));
            assertThat(scans).filteredOn(scan -> scan.table().table().equals("orders_old")).singleElement()
                    .satisfies(scan -> assertThat(scan.divergences()).extracting(Divergence::divergenceClass)
                            .containsExactly(DivergenceClass.EXTRA_TABLE));
        }
        assertThat(ReconcileScope.of(List.of("sales.tmp_load")).resolve(source.metastore(), target.metastore(), link)
                .outOfScope()).containsExactly("sales.tmp_load");
    }

    private void createTable(Region region, TableRef table, String versionFolder,
            Map<String, Map<String, String>> files) throws IOException {
        region.metastore().createTable(new TableSnapshot(table, TableSnapshot.EXTERNAL_TABLE,
                RegionFileSystem.resolve(region.externalRoot(), "sales/" + table.table()),
                List.of(ColumnSpec.of("id", "string"), ColumnSpec.of("amount", "double")),
                List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET,
                Map.of("EXTERNAL", "TRUE", "owner_team", "payments"), "strait"));
        for (Map.Entry<String, Map<String, String>> partition : files.entrySet()) {
            String location = RegionFileSystem.resolve(RegionFileSystem.resolve(region.externalRoot(),
                    "sales/" + table.table() + "/ds=" + partition.getKey()), versionFolder);
            for (Map.Entry<String, String> file : partition.getValue().entrySet()) {
                write(region.fileSystem(), location + "/" + file.getKey(), file.getValue(), false);
            }
            region.metastore().addPartition(new PartitionSnapshot(PartitionRef.of(table,
                    List.of(partition.getKey())), location, StorageFormat.PARQUET, Map.of()));
        }
    }

    private static String partitionLocation(Region region, TableRef table, String ds) {
        return region.metastore().getPartition(PartitionRef.of(table, List.of(ds))).orElseThrow().location();
    }

    private static void write(RegionFileSystem fileSystem, String uri, String content, boolean replace)
            throws IOException {
        if (replace) {
            fileSystem.delete(uri);
        }
        write(fileSystem, uri, content);
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
