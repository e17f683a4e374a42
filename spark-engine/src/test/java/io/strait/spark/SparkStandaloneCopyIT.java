package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTaskResult;
import io.strait.common.region.RegionId;
import io.strait.sync.InProcessCopyExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark copy executor on a real standalone cluster started by the test on this machine: a master and two
 * workers as separate processes, whose executors are JVMs of their own. The job's files are copied by both
 * executors (never by the driver) and the results equal the in-process executor's.
 */
class SparkStandaloneCopyIT {
    private static final RegionSettings A = RegionSettings.of(RegionId.of("a"), Map.of());
    private static final RegionSettings B = RegionSettings.of(RegionId.of("b"), Map.of());
    private static StandaloneCluster cluster;
    private static SparkEngine engine;

    @TempDir
    static Path root;

    @BeforeAll
    static void start() throws Exception {
        cluster = StandaloneCluster.start(Files.createDirectories(root.resolve("cluster")), 2);
        engine = SparkEngine.start(new SparkSettings(cluster.masterUrl(), Map.of(
                "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1",
                "spark.executor.cores", "1",
                "spark.cores.max", "2",
                "spark.executor.memory", "512m",
                "spark.executor.extraClassPath", StandaloneCluster.classPath(),
                "spark.executor.extraJavaOptions", StandaloneCluster.javaOptions())), "standalone-copy-test");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (engine.session().sparkContext().statusTracker().getExecutorInfos().length < 3) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("two executors did not register within 120 s");
            }
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void executorsInTheirOwnJvmsCopyTheJobWithTheResultsOfTheInProcessExecutor() throws Exception {
        CopyJob job = CopyJob.write(root, 8, 5, 100_000);
        List<CopyTaskResult> inProcess;
        try (InProcessCopyExecutor executor = new InProcessCopyExecutor(A.open(), B.open(), 2)) {
            inProcess = executor.execute(job.tasks(root.resolve("b"), "_strait_v2_1"));
        }

        SparkCopyExecutor.Run run = new SparkCopyExecutor(engine, A, B)
                .run(job.tasks(root.resolve("b"), "_strait_v3_1"));

        assertThat(CopyJob.outcomes(run.results())).isEqualTo(CopyJob.outcomes(inProcess)).hasSize(40);
        long driver = ProcessHandle.current().pid();
        assertThat(run.processes()).hasSize(2).noneMatch(process -> process.endsWith("@" + driver))
                .noneMatch(process -> process.startsWith("driver@"));
        List<Long> executorPids = cluster.executors().stream().map(ProcessHandle::pid).toList();
        assertThat(run.processes()).allSatisfy(process -> assertThat(executorPids)
                .contains(Long.parseLong(process.substring(process.indexOf('@') + 1))));
        for (int t = 0; t < 8; t++) {
            for (int f = 0; f < 5; f++) {
                String file = "warehouse/t/_strait_v%d_1/ds=" + t + "/part-" + f + ".parquet";
                assertThat(Files.readAllBytes(root.resolve("b").resolve(file.formatted(3))))
                        .isEqualTo(Files.readAllBytes(root.resolve("b").resolve(file.formatted(2))));
            }
        }
    }
}
