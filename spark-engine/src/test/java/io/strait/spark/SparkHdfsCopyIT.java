package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.region.FileEntry;
import io.strait.common.region.FileLayout;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HDFS regions through Spark executors (local mode): a job above the threshold goes from one HDFS cluster to
 * another, verified by the DataNodes' composite CRC32C checksums as in-process, and from HDFS to a local region,
 * verified by re-reading. The target cluster is named only by a logical nameservice ({@code hdfs://region-b})
 * defined in its region's Hadoop settings, so the copy works only if the executors open the region with them.
 */
class SparkHdfsCopyIT {
    private static final int KILOBYTE = 1024;
    private static final int MEGABYTE = 1024 * KILOBYTE;
    private static final List<Integer> SIZES = List.of(0, 1, MEGABYTE + 17, 3 * MEGABYTE + 5);

    @TempDir
    static Path root;
    private static MiniDFSCluster regionA;
    private static MiniDFSCluster regionB;
    private static SparkEngine engine;

    @BeforeAll
    static void start() throws Exception {
        regionA = cluster("region-a");
        regionB = cluster("region-b");
        engine = SparkEngine.start(SparkSettings.local(2), "hdfs-copy-test");
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        if (regionA != null) {
            regionA.shutdown(true);
        }
        if (regionB != null) {
            regionB.shutdown(true);
        }
    }

    private static MiniDFSCluster cluster(String region) throws Exception {
        Configuration conf = new Configuration();
        conf.setLong("dfs.namenode.fs-limits.min-block-size", 64 * KILOBYTE);
        return new MiniDFSCluster.Builder(conf, root.resolve(region).toFile()).numDataNodes(1).build();
    }

    /** Region B's settings: its cluster as the logical nameservice {@code region-b}. */
    private static Map<String, String> nameservice() {
        return Map.of("dfs.nameservices", "region-b",
                "dfs.ha.namenodes.region-b", "nn1",
                "dfs.namenode.rpc-address.region-b.nn1", "127.0.0.1:" + regionB.getNameNodePort(),
                "dfs.client.failover.proxy.provider.region-b",
                "org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider");
    }

    @Test
    void aJobBetweenTwoHdfsRegionsIsVerifiedByCompositeCrcOnTheExecutors() throws Exception {
        RegionSettings a = RegionSettings.of(RegionId.of("region-a"), Map.of());
        RegionSettings b = RegionSettings.of(RegionId.of("region-b"), nameservice());
        String sourceDirectory = regionA.getURI() + "/external/shop/sales/ds=1";
        String targetDirectory = "hdfs://region-b/external/shop/sales/ds=1/_strait_v1_1";
        List<FileEntry> files = writeSource(a, sourceDirectory);

        List<CopyTaskResult> results = onSpark(a, b, new CopyTask(1, 0, sourceDirectory, targetDirectory, files));

        assertThat(results.get(0).allVerified()).as(results.toString()).isTrue();
        try (HadoopRegionFileSystem source = a.open(); HadoopRegionFileSystem target = b.open()) {
            for (int size : SIZES) {
                FileCopyResult copied = file(results.get(0), size);
                assertThat(copied.targetChecksum()).isEqualTo(copied.sourceChecksum());
                assertThat(target.layout(targetDirectory + "/part-" + size))
                        .as("the source's block size kept").isEqualTo(new FileLayout(256 * KILOBYTE, 1));
                if (size > 0) {
                    assertThat(target.status(targetDirectory + "/part-" + size).checksumOrVersion())
                            .startsWith("COMPOSITE-CRC32C:")
                            .isEqualTo(source.status(sourceDirectory + "/part-" + size).checksumOrVersion());
                }
            }
        }
    }

    @Test
    void aJobFromHdfsToALocalRegionIsVerifiedOnTheExecutors() throws Exception {
        RegionSettings a = RegionSettings.of(RegionId.of("region-a"), Map.of());
        RegionSettings local = RegionSettings.of(RegionId.of("local"), Map.of());
        String sourceDirectory = regionA.getURI() + "/external/shop/sales/ds=2";
        Path target = root.resolve("local/external/shop/sales/ds=2/_strait_v2_1");
        List<FileEntry> files = writeSource(a, sourceDirectory);

        List<CopyTaskResult> results = onSpark(a, local,
                new CopyTask(2, 0, sourceDirectory, target.toUri().toString(), files));

        assertThat(results.get(0).allVerified()).as(results.toString()).isTrue();
        try (HadoopRegionFileSystem source = a.open()) {
            for (int size : SIZES) {
                try (InputStream in = source.open(sourceDirectory + "/part-" + size)) {
                    assertThat(Files.readAllBytes(target.resolve("part-" + size))).isEqualTo(in.readAllBytes());
                }
            }
        }
    }

    /** The task routed as a job above the threshold: never in-process. */
    private static List<CopyTaskResult> onSpark(RegionSettings source, RegionSettings target, CopyTask task) {
        SparkCopyExecutor spark = new SparkCopyExecutor(engine, source, target);
        return new RoutingCopyExecutor(tasks -> {
            throw new AssertionError("a job above the threshold must not copy in-process");
        }, () -> spark, task.totalBytes()).execute(List.of(task));
    }

    private static List<FileEntry> writeSource(RegionSettings region, String directory) throws Exception {
        Random random = new Random(3);
        try (HadoopRegionFileSystem fileSystem = region.open()) {
            for (int size : SIZES) {
                byte[] bytes = new byte[size];
                random.nextBytes(bytes);
                try (OutputStream out = fileSystem.create(directory + "/part-" + size,
                        new FileLayout(256 * KILOBYTE, 1))) {
                    out.write(bytes);
                }
            }
            return fileSystem.listFiles(directory);
        }
    }

    private static FileCopyResult file(CopyTaskResult result, int size) {
        return result.files().stream().filter(file -> file.relativePath().equals("part-" + size)).findFirst()
                .orElseThrow();
    }
}
