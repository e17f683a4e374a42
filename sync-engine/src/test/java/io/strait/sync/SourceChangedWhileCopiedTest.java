package io.strait.sync;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.FileCopyResult;
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
import io.strait.common.region.FileEntry;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.common.copy.CopyVerdict.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source file overwritten in place while it is copied (a part already read and a part not read yet change) is
 * never verified nor published, although the checksum of the bytes read equals the checksum of the target re-read:
 * the copy holds a mix of two versions. A later copy of the then stable file is verified and equals the new version.
 */
class SourceChangedWhileCopiedTest {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    @TempDir
    Path root;

    @Test
    void inMemoryAFileOverwrittenInPlaceWhileCopiedIsAMismatchAndItsNextCopyIsVerified() throws IOException {
        InMemoryRegionFileSystem sourceFiles = new InMemoryRegionFileSystem(RegionId.of("region-a"));
        InMemoryRegionFileSystem targetFiles = new InMemoryRegionFileSystem(RegionId.of("region-b"));
        String sourceDirectory = "mem://a/external/shop/sales/ds=1";
        String fileUri = sourceDirectory + "/part-0";
        byte[] version1 = VerifyingFileCopierTest.randomBytes(MIB);
        sourceFiles.write(fileUri, version1);
        FileEntry listed = sourceFiles.listFiles(sourceDirectory).get(0);
        byte[] head = filled(16 * KIB, (byte) 0x11);
        byte[] tail = filled(16 * KIB, (byte) 0x22);
        OverwriteWhileRead source = new OverwriteWhileRead(sourceFiles, "/part-0", () -> {
            sourceFiles.overwriteInPlace(fileUri, 0, head);
            sourceFiles.overwriteInPlace(fileUri, MIB - tail.length, tail);
        });
        byte[] version2 = overwritten(version1, head, tail);

        FileCopyResult first = new VerifyingFileCopier(source, targetFiles)
                .copy(sourceDirectory, "mem://b/external/shop/sales/ds=1/_strait_v1_1", listed);

        assertThat(source.bytesReadBeforeWrite()).as("the overwrite came after the first buffer was read")
                .isEqualTo(VerifyingFileCopier.DEFAULT_BUFFER_BYTES);
        byte[] mixed = read(targetFiles, "mem://b/external/shop/sales/ds=1/_strait_v1_1/part-0");
        assertThat(mixed).as("the copy is neither version").isNotEqualTo(version1).isNotEqualTo(version2);
        assertThat(first.sourceChecksum()).as("the bytes read arrived intact: checksums alone would verify this")
                .isEqualTo(first.targetChecksum());
        assertThat(first.verification()).isEqualTo(FileVerification.MISMATCH);
        assertThat(first.detail()).startsWith("source file " + fileUri + " changed while it was copied: ")
                .contains("modified", "checksum/version generation:");

        FileEntry relisted = sourceFiles.listFiles(sourceDirectory).get(0);
        FileCopyResult second = new VerifyingFileCopier(source, targetFiles)
                .copy(sourceDirectory, "mem://b/external/shop/sales/ds=1/_strait_v1_2", relisted);

        assertThat(second.verification()).as(second.detail()).isEqualTo(FileVerification.VERIFIED);
        assertThat(read(targetFiles, "mem://b/external/shop/sales/ds=1/_strait_v1_2/part-0")).isEqualTo(version2);
    }

    @Test
    void inMemoryAFileThatChangedSinceItWasListedIsAMismatchEvenIfItKeptItsLength() throws IOException {
        InMemoryRegionFileSystem sourceFiles = new InMemoryRegionFileSystem(RegionId.of("region-a"));
        InMemoryRegionFileSystem targetFiles = new InMemoryRegionFileSystem(RegionId.of("region-b"));
        String sourceDirectory = "mem://a/t";
        sourceFiles.write(sourceDirectory + "/f", VerifyingFileCopierTest.randomBytes(1000));
        FileEntry listed = sourceFiles.listFiles(sourceDirectory).get(0);
        sourceFiles.overwriteInPlace(sourceDirectory + "/f", 10, filled(10, (byte) 7));

        FileCopyResult result = new VerifyingFileCopier(sourceFiles, targetFiles).copy(sourceDirectory, "mem://b/t",
                listed);

        assertThat(result.verification()).isEqualTo(FileVerification.MISMATCH);
        assertThat(result.detail()).startsWith("source file mem://a/t/f changed since it was listed: modified ")
                .doesNotContain("length 1000 ->");
    }

    /**
     * The real local filesystem (Hadoop's raw local filesystem, no file checksum): a file of several MiB is
     * overwritten in place with a {@link RandomAccessFile} (same length, different bytes) after the first buffer was
     * read. Only its modification time tells; to keep the test independent of the filesystem's time granularity the
     * file is dated an hour back, as a file written earlier is (a rewrite within the granularity is a documented
     * limit). Region B's metastore keeps showing version 1 until the retry publishes the new version whole.
     */
    @Test
    void onTheLocalFilesystemAFileOverwrittenInPlaceWhileCopiedIsNeverPublishedAndTheRetryPublishesItWhole()
            throws IOException {
        try (TestingLocalRegions regions = new TestingLocalRegions(root)) {
            TableRef sales = TableRef.of("shop", "sales");
            PartitionRef day = PartitionRef.of(sales, List.of("2024-01-01"));
            String tableLocation = regions.sourceExternalRoot() + "/shop/sales";
            TableSnapshot table = new TableSnapshot(sales, "EXTERNAL_TABLE", tableLocation,
                    List.of(ColumnSpec.of("id", "int")), List.of(ColumnSpec.of("ds", "string")),
                    StorageFormat.PARQUET, Map.of(), "alice");
            PartitionSnapshot partition = new PartitionSnapshot(day, tableLocation + "/ds=2024-01-01",
                    StorageFormat.PARQUET, Map.of());
            InMemoryMetastoreGateway metastoreB = new InMemoryMetastoreGateway(TestingLocalRegions.TARGET);
            CountingReplicaPublisher publisher = new CountingReplicaPublisher(
                    new MetastoreReplicaPublisher(metastoreB, regions.pathMapper()));
            regions.writeSource(partition.location(), Map.of("f1", "v1-one".getBytes(UTF_8)));
            String version1Folder = VersionFolders.versionFolder(regions.pathMapper().map(partition.location()), 1, 1);
            assertThat(replicate(regions, regions.source(), publisher, table, partition, 1, 1, version1Folder)
                    .isPublished()).isTrue();

            int size = 8 * MIB;
            byte[] large = VerifyingFileCopierTest.randomBytes(size);
            regions.writeSource(partition.location(), Map.of("f1", "v2-one".getBytes(UTF_8), "f2", large));
            Path f2 = Path.of(partition.location().substring("file:".length()), "f2");
            Files.setLastModifiedTime(f2, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
            byte[] head = filled(16 * KIB, (byte) 0x33);
            byte[] tail = filled(16 * KIB, (byte) 0x44);
            OverwriteWhileRead source = new OverwriteWhileRead(regions.source(), "/f2", () -> {
                try (RandomAccessFile file = new RandomAccessFile(f2.toFile(), "rw")) {
                    file.seek(0);
                    file.write(head);
                    file.seek(size - tail.length);
                    file.write(tail);
                }
            });
            byte[] version2 = overwritten(large, head, tail);
            String attempt1 = VersionFolders.versionFolder(regions.pathMapper().map(partition.location()), 2, 1);

            VersionPublication first = replicate(regions, source, publisher, table, partition, 2, 2, attempt1);

            assertThat(source.bytesReadBeforeWrite()).isPositive().isLessThan(size / 2);
            assertThat(Files.readAllBytes(f2)).hasSize(size).isEqualTo(version2);
            assertThat(first.verdict()).isEqualTo(Outcome.MISMATCH);
            FileCopyResult f2Result = first.copyResults().get(0).files().stream()
                    .filter(file -> file.relativePath().equals("f2")).findFirst().orElseThrow();
            assertThat(f2Result.verification()).isEqualTo(FileVerification.MISMATCH);
            assertThat(f2Result.sourceChecksum()).as("the bytes read arrived intact")
                    .isEqualTo(f2Result.targetChecksum());
            assertThat(f2Result.detail()).contains("source file " + partition.location() + "/f2 changed while it "
                    + "was copied: modified ").doesNotContain("length " + size + " ->");
            assertThat(TestingLocalRegions.contents(regions.target(), attempt1).get("f2"))
                    .as("the unpublished copy is neither version").isNotEqualTo(large).isNotEqualTo(version2);
            assertThat(publisher.calls()).isEqualTo(1);
            assertThat(metastoreB.getPartition(day).orElseThrow().location()).isEqualTo(version1Folder);

            String attempt2 = VersionFolders.versionFolder(regions.pathMapper().map(partition.location()), 2, 2);
            VersionPublication retry = replicate(regions, source, publisher, table, partition, 2, 2, attempt2);

            assertThat(retry.isPublished()).as(retry.detail()).isTrue();
            PartitionSnapshot seen = metastoreB.getPartition(day).orElseThrow();
            assertThat(seen.location()).isEqualTo(attempt2);
            assertThat(TestingLocalRegions.contents(regions.target(), seen.location()))
                    .containsOnlyKeys("f1", "f2")
                    .hasEntrySatisfying("f1", content -> assertThat(content).isEqualTo("v2-one".getBytes(UTF_8)))
                    .hasEntrySatisfying("f2", content -> assertThat(content).isEqualTo(version2));
        }
    }

    /** Lists the source now (as the scheduler does for each attempt), copies into {@code versionFolder}, publishes. */
    private static VersionPublication replicate(TestingLocalRegions regions, RegionFileSystem source,
            CountingReplicaPublisher publisher, TableSnapshot table, PartitionSnapshot partition, long jobId,
            long eventId, String versionFolder) throws IOException {
        CopyTask task = regions.task(jobId, partition.location(), versionFolder);
        try (InProcessCopyExecutor executor = new InProcessCopyExecutor(source, regions.target(), 2)) {
            return new VersionPublisher(executor, publisher).replicatePartition(
                    new PublishContext(TestingLocalRegions.SOURCE, jobId, eventId, System.currentTimeMillis()),
                    table, partition, versionFolder, List.of(task));
        }
    }

    private static byte[] overwritten(byte[] original, byte[] head, byte[] tail) {
        byte[] result = original.clone();
        System.arraycopy(head, 0, result, 0, head.length);
        System.arraycopy(tail, 0, result, result.length - tail.length, tail.length);
        return result;
    }

    private static byte[] filled(int size, byte value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private static byte[] read(RegionFileSystem fileSystem, String uri) throws IOException {
        try (InputStream in = fileSystem.open(uri)) {
            return in.readAllBytes();
        }
    }
}
