package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.DeltaDecider;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.copy.ReplicatedVersion;
import io.strait.common.copy.ReusableFile;
import io.strait.common.copy.VerificationMethod;
import io.strait.common.region.FileEntry;
import io.strait.common.region.ForwardingRegionFileSystem;
import io.strait.common.region.RegionFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Delta copies on real local filesystems: files unchanged since the previous version are hard-linked into the new
 * version folder and verified against the previous manifest (as the same stored file when the manifest says when the
 * previous file was verified, else by re-reading); a changed file is sent; a previous file that no longer matches its
 * manifest is sent instead of reused.
 */
class ReusedFilesTest {
    @TempDir
    Path root;

    @Test
    void unchangedFilesAreLinkedAndVerifiedChangedOnesSent() throws IOException {
        try (TestingLocalRegions regions = new TestingLocalRegions(root);
                InProcessCopyExecutor executor = new InProcessCopyExecutor(regions.source(), regions.target(), 2)) {
            String source = regions.sourceExternalRoot() + "/db/t/ds=1";
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (int i = 0; i < 10; i++) {
                files.put("part-" + i, ("version one of file " + i).repeat(100).getBytes());
            }
            regions.writeSource(source, files);
            String v1 = regions.pathMapper().map(source) + "/_strait_v1_1";
            CopyTaskResult first = executor.execute(List.of(regions.task(1, source, v1))).get(0);
            assertThat(first.allVerified()).isTrue();
            ReplicatedVersion previous = manifest(1, v1, regions.source().listFiles(source), first);

            Path changed = Path.of(source.substring("file:".length())).resolve("part-3");
            Files.writeString(changed, "version two, longer than before ".repeat(100));
            Path corrupted = Path.of(v1.substring("file:".length())).resolve("part-5");
            byte[] bytes = Files.readAllBytes(corrupted);
            bytes[0] ^= 1;
            Files.write(corrupted, bytes);

            List<FileEntry> listed = regions.source().listFiles(source);
            List<ReusableFile> reusable = DeltaDecider.reusable(listed, Optional.of(previous), Optional.of(v1));
            assertThat(reusable).extracting(ReusableFile::relativePath).hasSize(9).doesNotContain("part-3");
            String v2 = regions.pathMapper().map(source) + "/_strait_v2_1";
            List<CopyTask> tasks = DeltaDecider.attach(List.of(new CopyTask(2, 0, source, v2, listed)), reusable);
            CopyTaskResult second = executor.execute(tasks).get(0);

            assertThat(second.allVerified()).isTrue();
            assertThat(second.files()).filteredOn(FileCopyResult::reused).isNotEmpty()
                    .as("no time of verification in the manifest: re-read").allSatisfy(file ->
                            assertThat(file.verifiedBy()).isEqualTo(VerificationMethod.TARGET_REREAD));
            Map<String, Boolean> reused = new LinkedHashMap<>();
            second.files().forEach(file -> reused.put(file.relativePath(), file.reused()));
            assertThat(reused).containsEntry("part-3", false).containsEntry("part-5", false)
                    .containsEntry("part-0", true).containsEntry("part-9", true);
            assertThat(second.bytesSent()).isEqualTo(Files.size(changed) + bytes.length);
            assertThat(second.bytesReused()).isEqualTo(second.bytesVerified() - second.bytesSent()).isPositive();
            Path v2Path = Path.of(v2.substring("file:".length()));
            assertThat(Files.isSameFile(v2Path.resolve("part-0"), Path.of(v1.substring(5)).resolve("part-0")))
                    .as("reused by a hard link").isTrue();
            assertThat(Files.isSameFile(v2Path.resolve("part-5"), corrupted)).isFalse();
            for (String name : files.keySet()) {
                assertThat(Files.readAllBytes(v2Path.resolve(name)))
                        .isEqualTo(Files.readAllBytes(Path.of(source.substring(5)).resolve(name)));
            }
        }
    }

    @ParameterizedTest(name = "time of verification recorded: {0}")
    @ValueSource(booleans = {false, true})
    void aPreviousFileThatIsGoneIsSentAgainWithOneLineSayingWhich(boolean verifiedAtRecorded) throws IOException {
        Logger log = (Logger) LoggerFactory.getLogger(ReusingFileCopier.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        log.addAppender(warnings);
        try (TestingLocalRegions regions = new TestingLocalRegions(root);
                InProcessCopyExecutor executor = new InProcessCopyExecutor(regions.source(), regions.target(), 2)) {
            String source = regions.sourceExternalRoot() + "/db/t/ds=1";
            regions.writeSource(source, Map.of("part-0", "zero".repeat(100).getBytes(),
                    "part-1", "one".repeat(100).getBytes()));
            String v1 = regions.pathMapper().map(source) + "/_strait_v1_1";
            CopyTaskResult first = executor.execute(List.of(regions.task(1, source, v1))).get(0);
            // with a time of verification the previous file is looked at before the link, else the link finds it gone
            ReplicatedVersion previous = verifiedAtRecorded
                    ? manifest(1, v1, regions.source().listFiles(source), first, System.currentTimeMillis())
                    : manifest(1, v1, regions.source().listFiles(source), first);
            Files.delete(Path.of(v1.substring("file:".length())).resolve("part-1"));

            List<FileEntry> listed = regions.source().listFiles(source);
            List<ReusableFile> reusable = DeltaDecider.reusable(listed, Optional.of(previous), Optional.of(v1));
            String v2 = regions.pathMapper().map(source) + "/_strait_v2_1";
            CopyTaskResult second = executor.execute(DeltaDecider.attach(
                    List.of(new CopyTask(2, 0, source, v2, listed)), reusable)).get(0);

            assertThat(reusable).hasSize(2);
            assertThat(second.allVerified()).isTrue();
            Map<String, Boolean> reused = new LinkedHashMap<>();
            second.files().forEach(file -> reused.put(file.relativePath(), file.reused()));
            assertThat(reused).containsEntry("part-0", true).containsEntry("part-1", false);
            assertThat(Files.readString(Path.of(v2.substring("file:".length())).resolve("part-1")))
                    .isEqualTo("one".repeat(100));
            assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage)
                    .singleElement().asString()
                    .contains("file part-1 sent instead of reused", "_strait_v1_1/part-1", "does not exist")
                    .doesNotContain("Exception");
        } finally {
            log.detachAppender(warnings);
        }
    }

    @Test
    void unchangedFilesLinkedToTheVerifiedPreviousFileAreVerifiedAsTheSameFileWithoutReadingThem() throws Exception {
        try (TestingLocalRegions regions = new TestingLocalRegions(root);
                InProcessCopyExecutor executor = new InProcessCopyExecutor(regions.source(), regions.target(), 2)) {
            String source = regions.sourceExternalRoot() + "/db/t/ds=1";
            regions.writeSource(source, versionOne(6));
            String v1 = regions.pathMapper().map(source) + "/_strait_v1_1";
            CopyTaskResult first = executor.execute(List.of(regions.task(1, source, v1))).get(0);
            assertThat(first.files()).allSatisfy(file ->
                    assertThat(file.verifiedBy()).isEqualTo(VerificationMethod.TARGET_REREAD));
            ReplicatedVersion previous = manifest(1, v1, regions.source().listFiles(source), first,
                    System.currentTimeMillis());
            Path v1Path = Path.of(v1.substring("file:".length()));
            Path changedSource = Path.of(source.substring("file:".length())).resolve("part-1");
            Files.writeString(changedSource, "a new version of file 1 ".repeat(100));
            Thread.sleep(20);
            // the previous version's file changed in place after it was verified (same length, later time)
            byte[] rewritten = Files.readAllBytes(v1Path.resolve("part-2"));
            rewritten[0] ^= 1;
            Files.write(v1Path.resolve("part-2"), rewritten);
            // and another one now has another length
            Files.write(v1Path.resolve("part-3"), new byte[] {1, 2, 3});

            List<FileEntry> listed = regions.source().listFiles(source);
            String v2 = regions.pathMapper().map(source) + "/_strait_v2_1";
            CopyTaskResult second = executor.execute(DeltaDecider.attach(List.of(new CopyTask(2, 0, source, v2,
                    listed)), DeltaDecider.reusable(listed, Optional.of(previous), Optional.of(v1)))).get(0);

            assertThat(second.allVerified()).isTrue();
            Map<String, String> how = new LinkedHashMap<>();
            second.files().forEach(file -> how.put(file.relativePath(), file.reused() + " " + file.verifiedBy()));
            assertThat(how).containsExactly(Map.entry("part-0", "true SAME_FILE"),
                    Map.entry("part-1", "false TARGET_REREAD"), Map.entry("part-2", "false TARGET_REREAD"),
                    Map.entry("part-3", "false TARGET_REREAD"), Map.entry("part-4", "true SAME_FILE"),
                    Map.entry("part-5", "true SAME_FILE"));
            Path v2Path = Path.of(v2.substring("file:".length()));
            assertThat(Files.isSameFile(v2Path.resolve("part-0"), v1Path.resolve("part-0"))).isTrue();
            assertThat(Files.isSameFile(v2Path.resolve("part-2"), v1Path.resolve("part-2"))).isFalse();
            assertThat(TestingLocalRegions.contents(regions.target(), v2))
                    .usingRecursiveComparison().isEqualTo(TestingLocalRegions.contents(regions.source(), source));
            FileCopyResult linked = second.files().get(0);
            assertThat(linked.targetChecksum()).isEqualTo(linked.sourceChecksum())
                    .isEqualTo(first.files().get(0).targetChecksum());
        }
    }

    @Test
    void aReusedFileTheFilesystemCopiedInsteadOfLinkingIsReadAgain() throws Exception {
        try (TestingLocalRegions regions = new TestingLocalRegions(root);
                InProcessCopyExecutor first = new InProcessCopyExecutor(regions.source(), regions.target(), 2)) {
            String source = regions.sourceExternalRoot() + "/db/t/ds=1";
            regions.writeSource(source, versionOne(3));
            String v1 = regions.pathMapper().map(source) + "/_strait_v1_1";
            ReplicatedVersion previous = manifest(1, v1, regions.source().listFiles(source),
                    first.execute(List.of(regions.task(1, source, v1))).get(0), System.currentTimeMillis());
            // a target that copies within the region although it names files by device and inode
            RegionFileSystem copying = new ForwardingRegionFileSystem(regions.target()) {
                @Override
                public void copyWithin(String sourceUri, String targetUri) throws IOException {
                    try (InputStream in = open(sourceUri); OutputStream out = create(targetUri)) {
                        byte[] bytes = in.readAllBytes();
                        if (targetUri.endsWith("part-2")) {
                            bytes[bytes.length - 1] ^= 1;
                        }
                        out.write(bytes);
                    }
                }
            };
            List<FileEntry> listed = regions.source().listFiles(source);
            String v2 = regions.pathMapper().map(source) + "/_strait_v2_1";
            CopyTaskResult second;
            try (InProcessCopyExecutor executor = new InProcessCopyExecutor(regions.source(), copying, 2)) {
                second = executor.execute(DeltaDecider.attach(List.of(new CopyTask(2, 0, source, v2, listed)),
                        DeltaDecider.reusable(listed, Optional.of(previous), Optional.of(v1)))).get(0);
            }

            assertThat(second.allVerified()).isTrue();
            Map<String, String> how = new LinkedHashMap<>();
            second.files().forEach(file -> how.put(file.relativePath(), file.reused() + " " + file.verifiedBy()));
            assertThat(how).as("a copy is not the same file: re-read, and a bad copy is sent instead")
                    .containsExactly(Map.entry("part-0", "true TARGET_REREAD"),
                            Map.entry("part-1", "true TARGET_REREAD"), Map.entry("part-2", "false TARGET_REREAD"));
            assertThat(TestingLocalRegions.contents(regions.target(), v2))
                    .usingRecursiveComparison().isEqualTo(TestingLocalRegions.contents(regions.source(), source));
        }
    }

    /**
     * The limit of {@link VerificationMethod#SAME_FILE}: bytes of the previous version damaged on disk without a
     * change of length or modification time (bit rot, or a writer that restores the time) are linked into the new
     * version as they are. Reconcile at bytes depth reads every byte of both sides and is the net for this.
     */
    @Test
    void damageThatKeepsLengthAndTimeIsNotSeenByALinkedFile() throws Exception {
        try (TestingLocalRegions regions = new TestingLocalRegions(root);
                InProcessCopyExecutor executor = new InProcessCopyExecutor(regions.source(), regions.target(), 2)) {
            String source = regions.sourceExternalRoot() + "/db/t/ds=1";
            regions.writeSource(source, versionOne(1));
            String v1 = regions.pathMapper().map(source) + "/_strait_v1_1";
            ReplicatedVersion previous = manifest(1, v1, regions.source().listFiles(source),
                    executor.execute(List.of(regions.task(1, source, v1))).get(0), System.currentTimeMillis());
            Path damaged = Path.of(v1.substring("file:".length())).resolve("part-0");
            java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(damaged);
            byte[] bytes = Files.readAllBytes(damaged);
            bytes[7] ^= 1;
            Files.write(damaged, bytes);
            Files.setLastModifiedTime(damaged, time);

            List<FileEntry> listed = regions.source().listFiles(source);
            String v2 = regions.pathMapper().map(source) + "/_strait_v2_1";
            CopyTaskResult second = executor.execute(DeltaDecider.attach(List.of(new CopyTask(2, 0, source, v2,
                    listed)), DeltaDecider.reusable(listed, Optional.of(previous), Optional.of(v1)))).get(0);

            assertThat(second.files().get(0).verifiedBy()).isEqualTo(VerificationMethod.SAME_FILE);
            assertThat(TestingLocalRegions.contents(regions.target(), v2).get("part-0")).isEqualTo(bytes);
        }
    }

    private static Map<String, byte[]> versionOne(int count) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            files.put("part-" + i, ("version one of file " + i).repeat(100).getBytes());
        }
        return files;
    }

    private static ReplicatedVersion manifest(long jobId, String folder, List<FileEntry> listed,
            CopyTaskResult result, long recordedAtMillis) {
        Map<String, FileCopyResult> byPath = new LinkedHashMap<>();
        result.files().forEach(file -> byPath.put(file.relativePath(), file));
        return new ReplicatedVersion(jobId, folder, listed.stream().filter(file -> byPath.get(file.relativePath())
                .verification() == FileVerification.VERIFIED).map(file -> new ReplicatedVersion.VerifiedFile(
                        file.relativePath(), file.sizeBytes(), file.modificationTimeMillis(),
                        byPath.get(file.relativePath()).targetChecksum(), recordedAtMillis)).toList());
    }

    private static ReplicatedVersion manifest(long jobId, String folder, List<FileEntry> listed,
            CopyTaskResult result) {
        Map<String, FileCopyResult> byPath = new LinkedHashMap<>();
        result.files().forEach(file -> byPath.put(file.relativePath(), file));
        return new ReplicatedVersion(jobId, folder, listed.stream().filter(file -> byPath.get(file.relativePath())
                .verification() == FileVerification.VERIFIED).map(file -> new ReplicatedVersion.VerifiedFile(
                        file.relativePath(), file.sizeBytes(), file.modificationTimeMillis(),
                        byPath.get(file.relativePath()).targetChecksum())).toList());
    }
}
