package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.region.RegionId;
import io.strait.sync.InProcessCopyExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job above the threshold copied by Spark in local mode gives the same results as the in-process executor: the
 * same files verified with the same checksums, the same file reused from the previous version, the same file
 * refused (listed with another size), the same bytes in the target.
 */
class SparkCopyExecutorIT {
    private static final RegionSettings A = RegionSettings.of(RegionId.of("a"), Map.of());
    private static final RegionSettings B = RegionSettings.of(RegionId.of("b"), Map.of());
    private static SparkEngine engine;

    @TempDir
    static Path root;

    @BeforeAll
    static void start() {
        engine = SparkEngine.start(SparkSettings.local(2), "copy-test");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aJobAboveTheThresholdRunsOnSparkWithTheResultsOfTheInProcessExecutor() throws Exception {
        CopyJob job = CopyJob.write(root, 6, 5, 200_000);
        List<CopyTaskResult> inProcess;
        try (InProcessCopyExecutor executor = new InProcessCopyExecutor(A.open(), B.open(), 2)) {
            inProcess = executor.execute(job.tasks(root.resolve("b"), "_strait_v2_1"));
        }
        AtomicInteger sparkRuns = new AtomicInteger();
        SparkCopyExecutor spark = new SparkCopyExecutor(engine, A, B);
        RoutingCopyExecutor routing = new RoutingCopyExecutor(tasks -> {
            throw new AssertionError("a job above the threshold must not copy in-process");
        }, () -> {
            sparkRuns.incrementAndGet();
            return spark;
        }, job.bytes() - 1);

        List<CopyTask> tasks = job.tasks(root.resolve("b"), "_strait_v3_1");
        List<CopyTaskResult> onSpark = routing.execute(tasks);

        assertThat(sparkRuns).hasValue(1);
        assertThat(CopyJob.outcomes(onSpark)).isEqualTo(CopyJob.outcomes(inProcess)).hasSize(30);
        assertThat(onSpark.get(0).files().get(0).reused()).isTrue();
        assertThat(onSpark.get(0).files().get(0).verifiedBy()).as("the previous file linked, verified on an executor")
                .isEqualTo(io.strait.common.copy.VerificationMethod.SAME_FILE);
        assertThat(onSpark.get(0).files().get(4).verification()).isEqualTo(FileVerification.MISMATCH);
        assertThat(onSpark.get(0).files().get(4).detail()).contains("changed since it was listed");
        assertThat(onSpark.stream().flatMap(task -> task.files().stream())
                .filter(file -> file.verification() == FileVerification.VERIFIED)).hasSize(29);
        for (int t = 0; t < 6; t++) {
            for (int f = 0; f < 5; f++) {
                String file = "warehouse/t/_strait_v%d_1/ds=" + t + "/part-" + f + ".parquet";
                assertThat(Files.readAllBytes(root.resolve("b").resolve(file.formatted(3))))
                        .isEqualTo(Files.readAllBytes(root.resolve("b").resolve(file.formatted(2))))
                        .isEqualTo(Files.readAllBytes(root.resolve("a/warehouse/t/ds=" + t + "/part-" + f
                                + ".parquet")));
            }
        }
    }

    @Test
    void aTaskWhoseTargetDirectoryCannotBeMadeFailsItsFilesAndTheOthersAreCopied() throws Exception {
        CopyJob job = CopyJob.write(root.resolve("blocked"), 2, 2, 1000);
        Path blocker = Files.createDirectories(root.resolve("blocked/b/warehouse/t/_strait_v4_1"));
        Files.writeString(blocker.resolve("ds=1"), "a file where the directory should be");

        List<CopyTaskResult> results = new SparkCopyExecutor(engine, A, B)
                .execute(job.tasks(root.resolve("blocked/b"), "_strait_v4_1"));

        assertThat(results.get(1).files()).allSatisfy(file -> {
            assertThat(file.verification()).isEqualTo(FileVerification.FAILED);
            assertThat(file.detail()).contains("cannot create target directory");
        });
        assertThat(results.get(0).files()).extracting(file -> file.verification())
                .containsExactly(FileVerification.VERIFIED, FileVerification.MISMATCH);
    }

    /**
     * The link's budget holds for the executors together: 8 files of 1 MiB copied by two executor threads at a
     * budget of 2 MiB/s arrive at no more than the budget (10 % tolerance) and not at less than half of it.
     */
    @Test
    void theLinksBandwidthBudgetHoldsForAllExecutorsTogether() throws Exception {
        long budget = 2L * 1024 * 1024;
        Path source = Files.createDirectories(root.resolve("throttled/a/t"));
        java.util.Random random = new java.util.Random(7);
        List<io.strait.common.region.FileEntry> files = new java.util.ArrayList<>();
        for (int f = 0; f < 8; f++) {
            byte[] bytes = new byte[1024 * 1024];
            random.nextBytes(bytes);
            Path file = Files.write(source.resolve("part-" + f), bytes);
            files.add(new io.strait.common.region.FileEntry(file.getFileName().toString(), bytes.length,
                    Files.getLastModifiedTime(file).toMillis()));
        }
        CopyTask task = new CopyTask(9, 0, source.toUri().toString(),
                root.resolve("throttled/b/t/_strait_v1_1").toUri().toString(), files);
        SparkCopyExecutor throttled = new SparkCopyExecutor(engine, A, B,
                io.strait.sync.VerifyingFileCopier.DEFAULT_BUFFER_BYTES,
                java.util.Optional.of(new io.strait.common.config.DataSize(budget)));

        long started = System.nanoTime();
        SparkCopyExecutor.Run run = throttled.run(List.of(task));
        double seconds = (System.nanoTime() - started) / 1e9;

        CopyTaskResult result = run.results().get(0);
        assertThat(result.allVerified()).as(result.toString()).isTrue();
        assertThat(result.bytesSent()).isEqualTo(8L * 1024 * 1024);
        double rate = result.bytesSent() / seconds;
        assertThat(rate).as("bytes per second").isLessThanOrEqualTo(budget * 1.1).isGreaterThanOrEqualTo(budget / 2.0);
    }

    @Test
    void theBudgetIsSplitEvenlyOverTheSlicesRunningAtOnce() {
        assertThat(SparkCopyExecutor.bandwidthShare(0, 4)).as("no budget").isZero();
        assertThat(SparkCopyExecutor.bandwidthShare(1000, 1)).isEqualTo(1000);
        assertThat(SparkCopyExecutor.bandwidthShare(1000, 4)).isEqualTo(250);
        assertThat(SparkCopyExecutor.bandwidthShare(3, 4)).as("never below 1 byte a second").isEqualTo(1);
        assertThat(SparkCopyExecutor.bandwidthShare(1000, 0)).isEqualTo(1000);
    }
}
