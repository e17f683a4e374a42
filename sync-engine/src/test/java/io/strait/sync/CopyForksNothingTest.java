package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.region.FileEntry;
import io.strait.regionio.ProcessStarts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verified copy of many small files between two local regions, with the listings before and after, starts no
 * process: no {@code chmod} per created file or directory, no {@code ls} per listed file.
 */
class CopyForksNothingTest {
    private static final int FILES = 1000;

    @TempDir
    Path root;

    @Test
    void copyingAndListingAThousandSmallFilesStartsNoProcess() throws IOException {
        try (TestingLocalRegions regions = new TestingLocalRegions(root);
                InProcessCopyExecutor executor = new InProcessCopyExecutor(regions.source(), regions.target(), 4)) {
            String source = regions.sourceExternalRoot() + "/db/t/ds=1";
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (int i = 0; i < FILES; i++) {
                files.put("d" + (i % 10) + "/part-" + i, ("file " + i).getBytes());
            }
            regions.writeSource(source, files);
            String target = regions.pathMapper().map(source) + "/_strait_v1_1";
            regions.target().mkdirs(regions.pathMapper().map(source));   // opens both filesystems first
            regions.source().listFiles(source + "/d0");

            ProcessStarts.Counted<List<FileEntry>> counted = ProcessStarts.during(() -> {
                try {
                    List<FileEntry> listed = regions.source().listFiles(source);
                    List<CopyTask> tasks = new ArrayList<>();
                    for (int t = 0; t < 4; t++) {
                        int task = t;
                        tasks.add(new CopyTask(1, task, source, target, listed.stream()
                                .filter(file -> Math.floorMod(file.relativePath().hashCode(), 4) == task).toList()));
                    }
                    List<CopyTaskResult> results = executor.execute(tasks);
                    assertThat(results).allSatisfy(result -> assertThat(result.allVerified()).isTrue());
                    assertThat(results.stream().mapToInt(result -> result.files().size()).sum()).isEqualTo(FILES);
                    assertThat(results.get(0).files().get(0).verification()).isEqualTo(FileVerification.VERIFIED);
                    return regions.target().listFiles(target);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            assertThat(counted.commands()).as("processes started while copying and listing").isEmpty();
            assertThat(counted.result()).hasSize(FILES);
            assertThat(TestingLocalRegions.contents(regions.target(), target)).hasSize(FILES)
                    .containsEntry("d3/part-13", "file 13".getBytes());
        }
    }
}
