package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link's bandwidth budget holds over all its copy threads: 40 MB copied by 4 threads under a budget of 8 MB/s
 * take 5 s, within 10 %. (The one rate assertion of the test suite; the copy itself runs at hundreds of MB/s here,
 * so the budget, not the machine, sets the pace.)
 */
class BandwidthBudgetTest {
    private static final long BUDGET = 8_000_000;
    private static final int FILES = 20;
    private static final int FILE_BYTES = 2_000_000;

    @TempDir
    Path root;

    @Test
    void fourCopyThreadsTogetherSendAtTheLinksBudget() throws IOException {
        try (TestingLocalRegions regions = new TestingLocalRegions(root)) {
            String source = regions.sourceExternalRoot() + "/db/t/ds=1";
            Map<String, byte[]> files = new LinkedHashMap<>();
            Random random = new Random(7);
            for (int i = 0; i < FILES; i++) {
                byte[] bytes = new byte[FILE_BYTES];
                random.nextBytes(bytes);
                files.put("part-" + i, bytes);
            }
            regions.writeSource(source, files);
            String target = regions.pathMapper().map(source) + "/_strait_v1_1";
            List<CopyTask> tasks = new ArrayList<>();
            List<io.strait.common.region.FileEntry> listed = regions.source().listFiles(source);
            for (int t = 0; t < 4; t++) {
                tasks.add(new CopyTask(1, t, source, target, listed.subList(t * 5, t * 5 + 5)));
            }
            regions.target().mkdirs(target);

            CopyBandwidth budget = CopyBandwidth.bytesPerSecond(BUDGET);
            long started = System.nanoTime();
            List<CopyTaskResult> results;
            try (InProcessCopyExecutor executor = new InProcessCopyExecutor(regions.source(), regions.target(), 4,
                    budget)) {
                results = executor.execute(tasks);
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            long sent = results.stream().mapToLong(CopyTaskResult::bytesSent).sum();
            assertThat(results).allSatisfy(result -> assertThat(result.allVerified()).isTrue());
            assertThat(sent).isEqualTo((long) FILES * FILE_BYTES);
            double rate = sent / seconds;
            assertThat(rate).as("bytes per second over %.2f s", seconds).isBetween(BUDGET * 0.9, BUDGET * 1.1);
        }
    }
}
