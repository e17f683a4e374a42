package io.strait.sync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.VersionFolders;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.publish.PublishContext;
import io.strait.common.publish.PublishOutcome.Status;
import io.strait.common.region.Locations;
import io.strait.common.region.RegionFileSystem;
import io.strait.embedded.EmbeddedRegion;
import io.strait.regionio.HadoopRegionFileSystem;
import io.strait.regionio.ThriftMetastoreGateway;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader of region B that asks B's metastore (a real Hive Metastore process) for a partition and lists it sees
 * only complete versions: version 1 while version 2 is being copied, version 2 once it is published.
 */
class ReaderSeesCompleteVersionsIT {
    private static final TableRef SALES = TableRef.of("shop", "sales");
    private static final PartitionRef DAY = PartitionRef.of(SALES, List.of("2024-01-01"));
    private static final Map<String, byte[]> VERSION_1 = Map.of("f1", bytes("one, first version"),
            "f2", bytes("two, first version"));
    private static final Map<String, byte[]> VERSION_2 = Map.of("f1", bytes("one, second version"),
            "f2", VerifyingFileCopierTest.randomBytes(200_000), "f3", bytes("three, new in the second version"));

    @TempDir
    Path root;
    private EmbeddedRegion regionB;
    private TestingLocalRegions regions;
    private ThriftMetastoreGateway writerMetastore;
    private ThriftMetastoreGateway readerMetastore;
    private HadoopRegionFileSystem readerFileSystem;
    private TableSnapshot sourceTable;
    private PartitionSnapshot sourcePartition;

    @BeforeEach
    void start() {
        regionB = EmbeddedRegion.builder(TestingLocalRegions.TARGET.name(), root.resolve("region-b")).start();
        regions = new TestingLocalRegions(root, regionB.externalRootUri());
        writerMetastore = ThriftMetastoreGateway.connect(TestingLocalRegions.TARGET, regionB.metastoreUri());
        readerMetastore = ThriftMetastoreGateway.connect(TestingLocalRegions.TARGET, regionB.metastoreUri());
        readerFileSystem = HadoopRegionFileSystem.create(TestingLocalRegions.TARGET, Map.of());
        String tableLocation = regions.sourceExternalRoot() + "/shop/sales";
        sourceTable = new TableSnapshot(SALES, "EXTERNAL_TABLE", tableLocation, List.of(ColumnSpec.of("id", "int")),
                List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET, Map.of("EXTERNAL", "TRUE"), "alice");
        sourcePartition = new PartitionSnapshot(DAY, tableLocation + "/ds=2024-01-01", StorageFormat.PARQUET,
                Map.of());
    }

    @AfterEach
    void stop() {
        readerFileSystem.close();
        readerMetastore.close();
        writerMetastore.close();
        regions.close();
        regionB.close();
    }

    @Test
    void whileVersion2IsCopiedReadersSeeExactlyVersion1ThenExactlyVersion2() throws Exception {
        regions.writeSource(sourcePartition.location(), VERSION_1);
        String version1 = versionFolder(1);
        assertThat(replicate(regions.source(), 1, 100, version1).isPublished()).isTrue();
        assertSameFiles(readerView(), VERSION_1);

        regions.writeSource(sourcePartition.location(), VERSION_2);
        CountDownLatch pausedInsideF2 = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FaultInjectingRegionFileSystem pausingSource = new FaultInjectingRegionFileSystem(regions.source())
                .pauseReads("ds=2024-01-01/f2", 100_000, pausedInsideF2, release);
        String version2 = versionFolder(2);
        CompletableFuture<VersionPublication> copying = CompletableFuture.supplyAsync(
                () -> replicate(pausingSource, 2, 101, version2));

        assertThat(pausedInsideF2.await(60, TimeUnit.SECONDS)).as("copy reached the middle of f2").isTrue();
        assertThat(regions.target().listFiles(version2)).as("version 2 is partly written").isNotEmpty();
        assertThat(readerLocation()).isEqualTo(version1);
        assertSameFiles(readerView(), VERSION_1);

        release.countDown();
        VersionPublication publication = copying.get(60, TimeUnit.SECONDS);

        assertThat(publication.isPublished()).as(publication.detail()).isTrue();
        assertThat(publication.outcome().orElseThrow().status()).isEqualTo(Status.PUBLISHED);
        assertThat(publication.outcome().orElseThrow().replacedLocation()).isEqualTo(version1);
        assertThat(readerLocation()).isEqualTo(version2);
        assertSameFiles(readerView(), VERSION_2);
    }

    /** Exactly the expected files, each with exactly the expected bytes. */
    private static void assertSameFiles(Map<String, byte[]> seen, Map<String, byte[]> expected) {
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((file, content) -> assertThat(seen.get(file)).as(file).isEqualTo(content));
    }

    /** What a reader of region B sees: the partition's location from B's metastore, listed and read. */
    private Map<String, byte[]> readerView() throws IOException {
        return TestingLocalRegions.contents(readerFileSystem, readerLocation());
    }

    private String readerLocation() {
        return Locations.canonical(readerMetastore.getPartition(DAY).orElseThrow().location());
    }

    private VersionPublication replicate(RegionFileSystem source, long jobId, long eventId, String versionFolder) {
        try (InProcessCopyExecutor executor = new InProcessCopyExecutor(source, regions.target(), 1)) {
            CopyTask task = regions.task(jobId, sourcePartition.location(), versionFolder);
            MetastoreReplicaPublisher publisher = new MetastoreReplicaPublisher(writerMetastore, regions.pathMapper());
            return new VersionPublisher(executor, publisher).replicatePartition(
                    new PublishContext(TestingLocalRegions.SOURCE, jobId, eventId, System.currentTimeMillis()),
                    sourceTable, sourcePartition, versionFolder, List.of(task));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String versionFolder(long jobId) {
        return VersionFolders.versionFolder(regions.pathMapper().map(sourcePartition.location()), jobId, 1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
