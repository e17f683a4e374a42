package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.DeltaDecider;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.copy.ReplicatedVersion;
import io.strait.common.copy.ReusableFile;
import io.strait.common.region.FileEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delta copies on real local filesystems: files unchanged since the previous version are hard-linked into the new
 * version folder and verified against the previous manifest; a changed file is sent; a previous file that no longer
 * matches its manifest is sent instead of reused.
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
