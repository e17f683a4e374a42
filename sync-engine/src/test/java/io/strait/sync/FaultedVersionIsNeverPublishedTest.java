package io.strait.sync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.FileVerification;
import io.strait.common.copy.VersionFolders;
import io.strait.common.metastore.ColumnSpec;
import io.strait.common.metastore.InMemoryMetastoreGateway;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.publish.PublishContext;
import io.strait.common.copy.CopyVerdict.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the write side and on the read side end as mismatches and nothing is published: the whole path
 * copy -> verify -> publish over real local filesystems, with region B's metastore still showing version 1.
 */
class FaultedVersionIsNeverPublishedTest {
    private static final TableRef SALES = TableRef.of("shop", "sales");
    private static final PartitionRef DAY = PartitionRef.of(SALES, List.of("2024-01-01"));
    private static final byte[] LARGE_V2 = VerifyingFileCopierTest.randomBytes(300_000);

    @TempDir
    Path root;
    private TestingLocalRegions regions;
    private InMemoryMetastoreGateway metastoreB;
    private CountingReplicaPublisher publisher;
    private TableSnapshot sourceTable;
    private PartitionSnapshot sourcePartition;
    private String version1;

    /** Faults: which side, and how it is injected into region A's (source) or region B's (target) filesystem. */
    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("write side: a byte corrupted on its way to storage",
                        (BiConsumer<FaultInjectingRegionFileSystem, FaultInjectingRegionFileSystem>)
                                (source, target) -> target.corruptWrites("_strait_v2_1/f3", 200_000)),
                Arguments.of("write side: the end of the file lost on its way to storage",
                        (BiConsumer<FaultInjectingRegionFileSystem, FaultInjectingRegionFileSystem>)
                                (source, target) -> target.dropWritesFrom("_strait_v2_1/f3", 250_000)),
                Arguments.of("read side: the closed target reads back different bytes",
                        (BiConsumer<FaultInjectingRegionFileSystem, FaultInjectingRegionFileSystem>)
                                (source, target) -> target.corruptReads("_strait_v2_1/f3", 7)),
                Arguments.of("read side: the source connection drops, answered as end of file",
                        (BiConsumer<FaultInjectingRegionFileSystem, FaultInjectingRegionFileSystem>)
                                (source, target) -> source.endReadsEarly("ds=2024-01-01/f3", 100_000)));
    }

    @BeforeEach
    void publishVersion1() throws IOException {
        regions = new TestingLocalRegions(root);
        metastoreB = new InMemoryMetastoreGateway(TestingLocalRegions.TARGET);
        publisher = new CountingReplicaPublisher(new MetastoreReplicaPublisher(metastoreB, regions.pathMapper()));
        String tableLocation = regions.sourceExternalRoot() + "/shop/sales";
        sourceTable = new TableSnapshot(SALES, "EXTERNAL_TABLE", tableLocation, List.of(ColumnSpec.of("id", "int")),
                List.of(ColumnSpec.of("ds", "string")), StorageFormat.PARQUET, Map.of(), "alice");
        sourcePartition = new PartitionSnapshot(DAY, tableLocation + "/ds=2024-01-01", StorageFormat.PARQUET,
                Map.of());
        regions.writeSource(sourcePartition.location(), Map.of("f1", bytes("v1-one"), "f2", bytes("v1-two")));
        version1 = VersionFolders.versionFolder(regions.pathMapper().map(sourcePartition.location()), 1, 1);

        VersionPublication published = replicate(regions.source(), regions.target(), 1, 100, version1);

        assertThat(published.isPublished()).as(published.detail()).isTrue();
        assertThat(publisher.calls()).isEqualTo(1);
    }

    @AfterEach
    void close() {
        regions.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void aFaultyCopyIsAMismatchAndReadersKeepVersion1(String fault,
            BiConsumer<FaultInjectingRegionFileSystem, FaultInjectingRegionFileSystem> inject) throws IOException {
        regions.writeSource(sourcePartition.location(), Map.of("f1", bytes("v2-one"), "f2", bytes("v2-two"),
                "f3", LARGE_V2));
        FaultInjectingRegionFileSystem source = new FaultInjectingRegionFileSystem(regions.source());
        FaultInjectingRegionFileSystem target = new FaultInjectingRegionFileSystem(regions.target());
        inject.accept(source, target);
        String version2 = VersionFolders.versionFolder(regions.pathMapper().map(sourcePartition.location()), 2, 1);

        VersionPublication publication = replicate(source, target, 2, 101, version2);

        assertThat(publication.verdict()).isEqualTo(Outcome.MISMATCH);
        assertThat(publication.copyResults().get(0).files()).filteredOn(file -> file.relativePath().equals("f3"))
                .singleElement()
                .satisfies(file -> assertThat(file.verification()).isEqualTo(FileVerification.MISMATCH));
        assertThat(publication.outcome()).isEmpty();
        assertThat(publisher.calls()).isEqualTo(1);
        PartitionSnapshot seen = metastoreB.getPartition(DAY).orElseThrow();
        assertThat(seen.location()).isEqualTo(version1);
        assertThat(TestingLocalRegions.contents(regions.target(), seen.location()))
                .containsOnlyKeys("f1", "f2")
                .hasEntrySatisfying("f1", content -> assertThat(content).isEqualTo(bytes("v1-one")))
                .hasEntrySatisfying("f2", content -> assertThat(content).isEqualTo(bytes("v1-two")));
    }

    private VersionPublication replicate(io.strait.common.region.RegionFileSystem source,
            io.strait.common.region.RegionFileSystem target, long jobId, long eventId, String versionFolder)
            throws IOException {
        CopyTask task = regions.task(jobId, sourcePartition.location(), versionFolder);
        try (InProcessCopyExecutor executor = new InProcessCopyExecutor(source, target, 2)) {
            return new VersionPublisher(executor, publisher).replicatePartition(
                    new PublishContext(TestingLocalRegions.SOURCE, jobId, eventId, System.currentTimeMillis()),
                    sourceTable, sourcePartition, versionFolder, List.of(task));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
