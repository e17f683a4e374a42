package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.FileChecksums;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copier on real local filesystems of two regions, with faults injected where a test needs them. */
class VerifyingFileCopierTest {
    @TempDir
    Path root;
    private HadoopRegionFileSystem sourceFileSystem;
    private HadoopRegionFileSystem targetFileSystem;
    private FaultInjectingRegionFileSystem source;
    private FaultInjectingRegionFileSystem target;
    private String sourceDirectory;
    private String targetDirectory;

    @BeforeEach
    void regions() {
        sourceFileSystem = HadoopRegionFileSystem.create(RegionId.of("region-a"), Map.of());
        targetFileSystem = HadoopRegionFileSystem.create(RegionId.of("region-b"), Map.of());
        source = new FaultInjectingRegionFileSystem(sourceFileSystem);
        target = new FaultInjectingRegionFileSystem(targetFileSystem);
        sourceDirectory = "file:" + root.resolve("a/sales/ds=1");
        targetDirectory = "file:" + root.resolve("b/sales/ds=1/_strait_v1_1");
    }

    @AfterEach
    void close() {
        sourceFileSystem.close();
        targetFileSystem.close();
    }

    @Test
    void filesOfEverySizeAreVerifiedAndIdentical() throws IOException {
        int buffer = VerifyingFileCopier.DEFAULT_BUFFER_BYTES;
        List<Integer> sizes = List.of(0, 1, buffer - 1, buffer, buffer + 1, 3 * buffer + 17, 3 * 1024 * 1024 + 5);
        VerifyingFileCopier copier = new VerifyingFileCopier(source, target);
        for (int size : sizes) {
            byte[] bytes = randomBytes(size);
            FileEntry file = writeSource("nested/part-" + size, bytes);

            FileCopyResult result = copier.copy(sourceDirectory, targetDirectory, file);

            assertThat(result.verification()).as("file of %d bytes: %s", size, result.detail())
                    .isEqualTo(FileVerification.VERIFIED);
            assertThat(result.sizeBytes()).isEqualTo(size);
            assertThat(result.detail()).isEmpty();
            assertThat(result.sourceChecksum()).isEqualTo(checksumOf(bytes)).isEqualTo(result.targetChecksum());
            assertThat(Files.readAllBytes(root.resolve("b/sales/ds=1/_strait_v1_1/nested/part-" + size)))
                    .isEqualTo(bytes);
        }
    }

    @Test
    void theTargetIsVerifiedFromAFreshOpenAfterClose() throws IOException {
        FileEntry file = writeSource("f", randomBytes(1000));

        new VerifyingFileCopier(source, target).copy(sourceDirectory, targetDirectory, file);

        assertThat(target.opens("_strait_v1_1/f")).isEqualTo(1);
        assertThat(source.opens("ds=1/f")).isEqualTo(1);
    }

    @Test
    void bytesCorruptedOnTheWayToStorageAreAMismatch() throws IOException {
        byte[] bytes = randomBytes(200_000);
        FileEntry file = writeSource("f", bytes);
        target.corruptWrites("_strait_v1_1/f", 150_000);

        FileCopyResult result = new VerifyingFileCopier(source, target).copy(sourceDirectory, targetDirectory, file);

        assertThat(result.verification()).isEqualTo(FileVerification.MISMATCH);
        assertThat(result.sourceChecksum()).isEqualTo(checksumOf(bytes)).isNotEqualTo(result.targetChecksum());
        assertThat(result.detail()).contains(result.sourceChecksum(), result.targetChecksum());
    }

    @Test
    void bytesLostOnTheWayToStorageAreAMismatch() throws IOException {
        FileEntry file = writeSource("f", randomBytes(100_000));
        target.dropWritesFrom("_strait_v1_1/f", 99_000);

        FileCopyResult result = new VerifyingFileCopier(source, target).copy(sourceDirectory, targetDirectory, file);

        assertThat(result.verification()).isEqualTo(FileVerification.MISMATCH);
        assertThat(result.detail()).contains("99000 bytes re-read", "target length 99000", "manifest size 100000");
    }

    @Test
    void aTargetThatReadsBackDifferentlyIsAMismatch() throws IOException {
        byte[] bytes = randomBytes(10_000);
        FileEntry file = writeSource("f", bytes);
        target.corruptReads("_strait_v1_1/f", 0);

        FileCopyResult result = new VerifyingFileCopier(source, target).copy(sourceDirectory, targetDirectory, file);

        assertThat(result.verification()).isEqualTo(FileVerification.MISMATCH);
        assertThat(Files.readAllBytes(root.resolve("b/sales/ds=1/_strait_v1_1/f"))).isEqualTo(bytes);
    }

    @Test
    void aSourceReadThatEndsEarlyIsAMismatchOfLength() throws IOException {
        FileEntry file = writeSource("f", randomBytes(300_000));
        source.endReadsEarly("ds=1/f", 123_456);

        FileCopyResult result = new VerifyingFileCopier(source, target).copy(sourceDirectory, targetDirectory, file);

        assertThat(result.verification()).isEqualTo(FileVerification.MISMATCH);
        assertThat(result.sourceChecksum()).isEqualTo(result.targetChecksum());
        assertThat(result.sizeBytes()).isEqualTo(123_456);
        assertThat(result.detail()).contains("123456 bytes read (manifest size 300000)");
    }

    @Test
    void aSourceThatChangedSinceListingIsAMismatch() throws IOException {
        FileEntry listed = writeSource("f", randomBytes(500));
        FileEntry grown = new FileEntry(listed.relativePath(), 400, listed.modificationTimeMillis());

        FileCopyResult result = new VerifyingFileCopier(source, target).copy(sourceDirectory, targetDirectory, grown);

        assertThat(result.verification()).isEqualTo(FileVerification.MISMATCH);
        assertThat(result.detail()).contains("manifest size 400");
    }

    @Test
    void aMissingSourceFileFailsWithoutThrowing() {
        FileCopyResult result = new VerifyingFileCopier(source, target).copy(sourceDirectory, targetDirectory,
                new FileEntry("gone", 10, 0));

        assertThat(result.verification()).isEqualTo(FileVerification.FAILED);
        assertThat(result.detail()).contains("region-a", "FileNotFoundException");
    }

    @Test
    void anExistingTargetFileIsNeverOverwritten() throws IOException {
        FileEntry file = writeSource("f", randomBytes(10));
        try (OutputStream out = targetFileSystem.create(targetDirectory + "/f")) {
            out.write(new byte[] {1, 2, 3});
        }

        FileCopyResult result = new VerifyingFileCopier(source, target).copy(sourceDirectory, targetDirectory, file);

        assertThat(result.verification()).isEqualTo(FileVerification.FAILED);
        assertThat(Files.readAllBytes(root.resolve("b/sales/ds=1/_strait_v1_1/f"))).containsExactly(1, 2, 3);
    }

    @Test
    void aTargetThatCannotBeReReadIsUnverifiable() throws IOException {
        FileEntry file = writeSource("f", randomBytes(10));
        target.failOpens("_strait_v1_1/f", "read timed out");

        FileCopyResult result = new VerifyingFileCopier(source, target).copy(sourceDirectory, targetDirectory, file);

        assertThat(result.verification()).isEqualTo(FileVerification.UNVERIFIABLE);
        assertThat(result.sourceChecksum()).isNotEmpty();
        assertThat(result.targetChecksum()).isEmpty();
        assertThat(result.detail()).contains("read timed out");
    }

    private FileEntry writeSource(String relativePath, byte[] bytes) throws IOException {
        Path file = root.resolve("a/sales/ds=1").resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return new FileEntry(relativePath, bytes.length, Files.getLastModifiedTime(file).toMillis());
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static String checksumOf(byte[] bytes) throws IOException {
        return FileChecksums.checksum(new ByteArrayInputStream(bytes)).checksum();
    }
}
