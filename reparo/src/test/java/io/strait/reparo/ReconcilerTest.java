package io.strait.reparo;

import static io.strait.reparo.TestingRegion.CUSTOMERS;
import static io.strait.reparo.TestingRegion.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.strait.common.divergence.Divergence;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.divergence.ReconcileScan.Status;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.Owner;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.RemoteSource;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.ViewText;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.common.metastore.StraitParameters;
import io.strait.common.metastore.TableSnapshot;
import io.strait.reparo.scan.CopyRecords;
import io.strait.reparo.scan.CopyRecords.RecordedFile;
import io.strait.reparo.scan.HiddenFiles;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private final TestingRegion source = TestingRegion.source("a").withOrders().withCustomers();
    private final TestingRegion target = TestingRegion.replica("b").withOrders().withCustomers();

    @Test
    void identicalRegionsAreConsistent() {
        ReconcileScan scan = reconciler().reconcile(ORDERS);

        assertThat(scan.status()).isEqualTo(Status.CONSISTENT);
        assertThat(scan.divergences()).isEmpty();
        assertThat(scan.objectsChecked()).isEqualTo(2);
        assertThat(scan.filesChecked()).isEqualTo(3);
        assertThat(scan.error()).isEmpty();
        assertThat(List.of(scan.source().name(), scan.target().name(), scan.table().toString()))
                .containsExactly("a", "b", "sales.orders");
    }

    @Test
    void aDatabaseIsJudgedOnWhatTheTargetMetastoreCanHold() {
        DatabaseSnapshot remote = new DatabaseSnapshot("crm", "", "customers, served from elsewhere", Map.of())
                .withRemote(new RemoteSource("crm_jdbc", "crm_live"));
        RegionEndpoint crmSource = crmRegion(new InMemoryMetastoreGateway(RegionId.of("a")), remote);
        RegionEndpoint hive4Target = crmRegion(new InMemoryMetastoreGateway(RegionId.of("b")),
                remote.withRemote(RemoteSource.NONE));
        RegionEndpoint hive31Target = crmRegion(InMemoryMetastoreGateway.withoutHive4DatabaseFields(RegionId.of("b")),
                remote);
        TableRef view = TableRef.of("crm", "accounts");

        ReconcileScan onHive4 = Reconciler.builder(crmSource, hive4Target).build().reconcile(view, ReconcileDepth.META);
        ReconcileScan onHive31 = Reconciler.builder(crmSource, hive31Target).build()
                .reconcile(view, ReconcileDepth.META);

        assertThat(onHive4.divergences()).singleElement().satisfies(divergence -> {
            assertThat(divergence.divergenceClass()).isEqualTo(DivergenceClass.DATABASE_DRIFT);
            assertThat(divergence.detail()).isEqualTo("database crm: <kind>: 'remote database crm_live of data"
                    + " connector crm_jdbc' in a, 'native' in b");
        });
        assertThat(onHive31.status()).as("a 3.1 metastore holds no remote database: nothing to judge")
                .isEqualTo(Status.CONSISTENT);
    }

    /** A region holding {@code database} with one view, {@code crm.accounts}. */
    private static RegionEndpoint crmRegion(InMemoryMetastoreGateway metastore, DatabaseSnapshot database) {
        metastore.createDatabase(database);
        metastore.createTable(new TableSnapshot(TableRef.of("crm", "accounts"), TableSnapshot.VIRTUAL_VIEW, "",
                List.of(ColumnSpec.of("id", "bigint")), List.of(), StorageFormat.NONE, Map.of(), Owner.NONE,
                new ViewText("select 1", "select 1")));
        return new RegionEndpoint(metastore, new InMemoryRegionFileSystem(metastore.region()));
    }

    @Test
    void fileDeletedOnTargetIsExactlyOneMissingFile() throws Exception {
        target.fileSystem.delete(target.partitionLocation("2024-01-01") + "/part-1.parquet");

        ReconcileScan scan = reconciler().reconcile(ORDERS);

        assertThat(scan.status()).isEqualTo(Status.DIVERGENT);
        assertThat(scan.divergences()).singleElement().satisfies(divergence -> {
            assertThat(divergence.divergenceClass()).isEqualTo(DivergenceClass.MISSING_FILE);
            assertThat(divergence.subject()).isEqualTo("sales.orders/2024-01-01:part-1.parquet");
        });
    }

    @Test
    void byteChangedOnTargetIsDifferentFileByChecksum() {
        target.write(target.partitionLocation("2024-01-02") + "/sub/part-0.parquet", "LATE orders");

        ReconcileScan scan = reconciler().reconcile(ORDERS);

        assertThat(scan.divergences()).singleElement().satisfies(divergence -> {
            assertThat(divergence.divergenceClass()).isEqualTo(DivergenceClass.DIFFERENT_FILE);
            assertThat(divergence.subject()).isEqualTo("sales.orders/2024-01-02:sub/part-0.parquet");
            assertThat(divergence.detail()).matches("size=11 crc32c:[0-9a-f]{8} in a, size=11 crc32c:[0-9a-f]{8} in b");
        });
    }

    @Test
    void partitionOnlyOnTargetIsExtraPartition() {
        target.addPartition("2024-01-03", Map.of("part-0.parquet", "stray"));

        ReconcileScan scan = reconciler().reconcile(ORDERS);

        assertThat(scan.divergences()).extracting(Divergence::divergenceClass, Divergence::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DivergenceClass.EXTRA_PARTITION,
                        "sales.orders/2024-01-03"));
        assertThat(scan.objectsChecked()).isEqualTo(3);
    }

    @Test
    void volatileAndStraitParametersAreIgnored() {
        alterTargetOrders(Map.of("transient_lastDdlTime", "1800000000", "last_modified_time", "1800000001",
                "last_modified_by", "strait", StraitParameters.SOURCE_EVENT_ID, "42",
                StraitParameters.SOURCE_REGION, "a"));

        assertThat(reconciler().reconcile(ORDERS).status()).isEqualTo(Status.CONSISTENT);
    }

    @Test
    void otherParametersAreReportedWithBothValues() {
        alterTargetOrders(Map.of("owner_team", "fraud", StraitParameters.SOURCE_EVENT_ID, "42"));

        ReconcileScan scan = reconciler().reconcile(ORDERS);

        assertThat(scan.divergences()).singleElement().satisfies(divergence -> {
            assertThat(divergence.divergenceClass()).isEqualTo(DivergenceClass.PARAMETER_DRIFT);
            assertThat(divergence.detail()).isEqualTo("owner_team: 'payments' in a, 'fraud' in b");
        });
    }

    @Test
    void unreadableFileFailsTheScan() {
        String broken = target.partitionLocation("2024-01-02") + "/sub/part-0.parquet";
        RegionEndpoint failingTarget = new RegionEndpoint(target.metastore,
                new FailingRegionFileSystem(target.fileSystem).failReading(broken));

        ReconcileScan scan = Reconciler.builder(source.endpoint(), failingTarget).build().reconcile(ORDERS);

        assertThat(scan.status()).isEqualTo(Status.FAILED);
        assertThat(scan.divergences()).isEmpty();
        assertThat(scan.error()).startsWith("Cannot read " + broken + " in region b to reconcile sales.orders")
                .contains("injected read failure");
        assertThat(ReconcileReport.exitCode(scan).code()).isEqualTo(2);
    }

    @Test
    void fileChangingWhileReadFailsTheScan() {
        String changing = source.partitionLocation("2024-01-01") + "/part-0.parquet";
        RegionEndpoint failingSource = new RegionEndpoint(source.metastore,
                new FailingRegionFileSystem(source.fileSystem).shrinkWhileReading(changing));

        ReconcileScan scan = Reconciler.builder(failingSource, target.endpoint()).build().reconcile(ORDERS);

        assertThat(scan.status()).isEqualTo(Status.FAILED);
        assertThat(scan.error()).contains(changing, "changed while being read", "listed 12 bytes, read 11");
    }

    @Test
    void tableOnlyInTheTargetIsAnExtraTable() {
        source.metastore.dropTable(ORDERS);

        ReconcileScan scan = reconciler().reconcile(ORDERS);

        assertThat(scan.status()).isEqualTo(Status.DIVERGENT);
        assertThat(scan.divergences()).extracting(Divergence::divergenceClass, Divergence::detail)
                .containsExactly(tuple(DivergenceClass.EXTRA_TABLE, "absent in a, exists in b"));
    }

    @Test
    void tableInNeitherRegionCannotBeChecked() {
        source.metastore.dropTable(ORDERS);
        target.metastore.dropTable(ORDERS);

        ReconcileScan scan = reconciler().reconcile(ORDERS);

        assertThat(scan.status()).isEqualTo(Status.FAILED);
        assertThat(scan.error()).isEqualTo("Cannot reconcile sales.orders: it does not exist in region a (nor in"
                + " region b)");
    }

    @Test
    void tableAbsentOnTargetIsMissingTable() {
        target.metastore.dropTable(ORDERS);

        ReconcileScan scan = reconciler().reconcile(ORDERS);

        assertThat(scan.status()).isEqualTo(Status.DIVERGENT);
        assertThat(scan.divergences()).extracting(Divergence::divergenceClass)
                .containsExactly(DivergenceClass.MISSING_TABLE);
    }

    @Test
    void unpartitionedTableComparesItsOwnFiles() throws Exception {
        assertThat(reconciler().reconcile(CUSTOMERS).status()).isEqualTo(Status.CONSISTENT);
        String location = target.metastore.getTable(CUSTOMERS).orElseThrow().location();
        target.fileSystem.delete(location + "/000001_0");

        ReconcileScan scan = reconciler().reconcile(CUSTOMERS);

        assertThat(scan.divergences()).extracting(Divergence::subject).containsExactly("sales.customers:000001_0");
        assertThat(scan.filesChecked()).isEqualTo(2);
    }

    @Test
    void recordsEveryScanIncludingFailedOnes() throws Exception {
        List<ReconcileScan> recorded = new ArrayList<>();
        Reconciler reconciler = Reconciler.builder(source.endpoint(), target.endpoint())
                .divergenceStore(scan -> {
                    recorded.add(scan);
                    return recorded.size();
                }).build();
        target.fileSystem.delete(target.partitionLocation("2024-01-02"));
        source.metastore.dropTable(CUSTOMERS);

        ReconcileScan divergent = reconciler.reconcile(ORDERS);
        ReconcileScan failed = reconciler.reconcile(CUSTOMERS);

        assertThat(recorded).containsExactly(divergent, failed);
        assertThat(divergent.divergences()).extracting(Divergence::divergenceClass)
                .containsExactly(DivergenceClass.MISSING_FILE);
    }

    @Test
    void objectsInFlightAreReportedInFlightAndTheScanStaysConsistent() throws Exception {
        target.fileSystem.delete(target.partitionLocation("2024-01-02"));
        InFlight inFlight = InFlight.builder().partition(List.of("2024-01-02"), "job 7 SYNC_PARTITION COPYING")
                .partition(List.of("2024-01-05"), "event 12 ADD_PARTITION not yet replicated").build();

        ReconcileScan scan = Reconciler.builder(source.endpoint(), target.endpoint())
                .inFlightObjects(InFlightObjects.fixed(inFlight)).build().reconcile(ORDERS);

        assertThat(scan.status()).isEqualTo(Status.CONSISTENT);
        assertThat(scan.divergences()).extracting(Divergence::divergenceClass, Divergence::subject, Divergence::detail)
                .containsExactly(
                        tuple(DivergenceClass.IN_FLIGHT, "sales.orders/2024-01-02",
                                "job 7 SYNC_PARTITION COPYING; differs now: MISSING_FILE 1"),
                        tuple(DivergenceClass.IN_FLIGHT, "sales.orders/2024-01-05",
                                "event 12 ADD_PARTITION not yet replicated; no difference seen"));
        assertThat(scan.objectsInFlight()).isEqualTo(2);
        assertThat(scan.divergent()).isEmpty();
        assertThat(ReconcileReport.exitCode(scan).code()).isZero();
    }

    @Test
    void aDivergenceBesideObjectsInFlightMakesTheScanDivergent() throws Exception {
        target.fileSystem.delete(target.partitionLocation("2024-01-02"));
        target.addPartition("2024-01-09", Map.of("x", "y"));
        Reconciler reconciler = Reconciler.builder(source.endpoint(), target.endpoint())
                .inFlightObjects(InFlightObjects.fixed(InFlight.builder()
                        .partition(List.of("2024-01-02"), "job 7 SYNC_PARTITION PENDING").build())).build();

        ReconcileScan scan = reconciler.reconcile(ORDERS);

        assertThat(scan.status()).isEqualTo(Status.DIVERGENT);
        assertThat(scan.divergences()).extracting(Divergence::divergenceClass, Divergence::subject).containsExactly(
                tuple(DivergenceClass.IN_FLIGHT, "sales.orders/2024-01-02"),
                tuple(DivergenceClass.EXTRA_PARTITION, "sales.orders/2024-01-09"));
    }

    @Test
    void workInFlightIsWatchedFromBeforeTheFirstReadUntilBothRegionsAreRead() {
        CountingRegionFileSystem sourceFiles = new CountingRegionFileSystem(source.fileSystem);
        CountingRegionFileSystem targetFiles = new CountingRegionFileSystem(target.fileSystem);
        List<String> seen = new ArrayList<>();
        InFlightObjects watching = table -> {
            seen.add("watch " + table + " after " + (sourceFiles.fileAccesses() + targetFiles.fileAccesses())
                    + " file calls");
            return () -> {
                seen.add("asked with source listed " + (sourceFiles.listings.get() > 0) + ", target listed "
                        + (targetFiles.listings.get() > 0));
                return InFlight.none();
            };
        };

        Reconciler.builder(new RegionEndpoint(source.metastore, sourceFiles),
                new RegionEndpoint(target.metastore, targetFiles)).inFlightObjects(watching).build().reconcile(ORDERS);

        assertThat(seen).containsExactly("watch sales.orders after 0 file calls",
                "asked with source listed true, target listed true");
    }

    @Test
    void metaDepthComparesMetadataAndTouchesNoFile() throws Exception {
        CountingRegionFileSystem sourceFiles = new CountingRegionFileSystem(source.fileSystem);
        CountingRegionFileSystem targetFiles = new CountingRegionFileSystem(target.fileSystem);
        target.fileSystem.delete(target.partitionLocation("2024-01-01") + "/part-1.parquet");
        target.addPartition("2024-01-09", Map.of("x", "y"));
        Reconciler reconciler = Reconciler.builder(new RegionEndpoint(source.metastore, sourceFiles),
                new RegionEndpoint(target.metastore, targetFiles)).build();

        ReconcileScan scan = reconciler.reconcile(ORDERS, ReconcileDepth.META);

        assertThat(scan.depth()).isEqualTo(ReconcileDepth.META);
        assertThat(scan.divergences()).extracting(Divergence::divergenceClass, Divergence::detail)
                .containsExactly(tuple(DivergenceClass.EXTRA_PARTITION, "absent in a, exists in b"));
        assertThat(scan.filesChecked()).isZero();
        assertThat(sourceFiles.fileAccesses() + targetFiles.fileAccesses()).isZero();
        assertThat(reconciler.reconcile(CUSTOMERS, ReconcileDepth.META).status()).isEqualTo(Status.CONSISTENT);
        assertThat(sourceFiles.fileAccesses() + targetFiles.fileAccesses()).isZero();
    }

    @Test
    void filesDepthListsButReadsNoFileAndSeesNamesAndSizesOnly() throws Exception {
        CountingRegionFileSystem targetFiles = new CountingRegionFileSystem(target.fileSystem);
        Reconciler reconciler = Reconciler.builder(source.endpoint(), new RegionEndpoint(target.metastore,
                targetFiles)).depth(ReconcileDepth.FILES).build();
        target.write(target.partitionLocation("2024-01-02") + "/sub/part-0.parquet", "LATE orders");

        ReconcileScan sameSize = reconciler.reconcile(ORDERS);

        assertThat(sameSize.status()).as("a same-size change is invisible without reading").isEqualTo(
                Status.CONSISTENT);
        assertThat(sameSize.filesChecked()).isEqualTo(3);
        assertThat(targetFiles.listings.get()).isPositive();
        assertThat(targetFiles.opens.get()).isZero();
        assertThat(reconciler.reconcile(ORDERS, ReconcileDepth.BYTES).divergences())
                .extracting(Divergence::divergenceClass).containsExactly(DivergenceClass.DIFFERENT_FILE);

        target.write(target.partitionLocation("2024-01-02") + "/sub/part-0.parquet", "late orders, longer");
        target.fileSystem.delete(target.partitionLocation("2024-01-01") + "/part-1.parquet");

        assertThat(reconciler.reconcile(ORDERS).divergences()).extracting(Divergence::divergenceClass,
                Divergence::subject).containsExactly(
                        tuple(DivergenceClass.MISSING_FILE, "sales.orders/2024-01-01:part-1.parquet"),
                        tuple(DivergenceClass.DIFFERENT_FILE, "sales.orders/2024-01-02:sub/part-0.parquet"));
        assertThat(targetFiles.opens.get()).isEqualTo(3).as("only the bytes depth scan read files");
    }

    @Test
    void filesDepthSeesASourceRewrittenInPlaceSinceStraitVerifiedItsCopy() throws Exception {
        String sourceFile = source.partitionLocation("2024-01-01") + "/part-0.parquet";
        String replicaLocation = target.partitionLocation("2024-01-01");
        long copiedVersion = source.fileSystem.status(sourceFile).modificationTimeMillis();
        CopyRecords records = (table, locations) -> locations.contains(replicaLocation)
                ? Map.of(replicaLocation, Map.of("part-0.parquet", new RecordedFile(12, copiedVersion,
                        "crc32c:0badf00d")))
                : Map.of();
        Reconciler reconciler = Reconciler.builder(source.endpoint(), target.endpoint()).depth(ReconcileDepth.FILES)
                .copyRecords(records).build();
        assertThat(reconciler.reconcile(ORDERS).status()).isEqualTo(Status.CONSISTENT);

        source.fileSystem.overwriteInPlace(sourceFile, 0, "FIRST".getBytes(StandardCharsets.UTF_8));
        long rewritten = source.fileSystem.status(sourceFile).modificationTimeMillis();

        ReconcileScan scan = reconciler.reconcile(ORDERS);

        assertThat(scan.divergences()).singleElement().satisfies(divergence -> {
            assertThat(divergence.divergenceClass()).isEqualTo(DivergenceClass.DIFFERENT_FILE);
            assertThat(divergence.subject()).isEqualTo("sales.orders/2024-01-01:part-0.parquet");
            assertThat(divergence.detail()).isEqualTo("size=12 modified " + Instant.ofEpochMilli(rewritten)
                    + " in a, size=12 crc32c:0badf00d verified copy of the version modified "
                    + Instant.ofEpochMilli(copiedVersion) + " in b");
        });
    }

    @Test
    void hiddenFilesAreIgnoredOnBothSides() {
        source.write(source.partitionLocation("2024-01-01") + "/_SUCCESS", "");
        source.write(source.partitionLocation("2024-01-01") + "/.hive-staging_1/-ext-10000/part-9", "staged");
        target.write(target.partitionLocation("2024-01-01") + "/_temporary/0/part-0.parquet", "half written");
        target.write(target.partitionLocation("2024-01-02") + "/sub/.part-0.parquet.swp", "editor");

        for (ReconcileDepth depth : ReconcileDepth.values()) {
            assertThat(reconciler().reconcile(ORDERS, depth).divergences()).as("depth " + depth).isEmpty();
        }
        assertThat(Reconciler.builder(source.endpoint(), target.endpoint()).hiddenFiles(HiddenFiles.none()).build()
                .reconcile(ORDERS, ReconcileDepth.FILES).divergences()).extracting(Divergence::divergenceClass)
                .containsExactly(DivergenceClass.MISSING_FILE, DivergenceClass.MISSING_FILE,
                        DivergenceClass.EXTRA_FILE, DivergenceClass.EXTRA_FILE);
    }

    @Test
    void scanTimesComeFromTheClock() {
        Clock clock = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

        ReconcileScan scan = Reconciler.builder(source.endpoint(), target.endpoint()).clock(clock).parallelism(1)
                .build().reconcile(ORDERS);

        assertThat(scan.startedAtMillis()).isEqualTo(clock.millis());
        assertThat(scan.finishedAtMillis()).isEqualTo(clock.millis());
    }

    private Reconciler reconciler() {
        return Reconciler.builder(source.endpoint(), target.endpoint()).build();
    }

    private void alterTargetOrders(Map<String, String> changes) {
        TableSnapshot table = target.metastore.getTable(ORDERS).orElseThrow();
        Map<String, String> parameters = new HashMap<>(table.parameters());
        parameters.putAll(changes);
        target.metastore.alterTable(table.withParameters(parameters));
        assertThat(target.metastore.getPartition(PartitionRef.of(ORDERS, List.of("2024-01-01")))).isPresent();
    }
}
