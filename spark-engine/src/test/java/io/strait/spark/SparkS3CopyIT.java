package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import io.strait.sync.S3ProxyServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An s3a region through Spark executors (local mode): a job above the threshold goes from a local region to an
 * S3-compatible server (S3Proxy, its own process, with signature authentication) and back, every file verified.
 * The credentials and endpoint exist only in the region's settings, so the copy works only if the executors open
 * the region with them.
 */
class SparkS3CopyIT {
    private static final int MEGABYTE = 1024 * 1024;
    private static final List<Integer> SIZES = List.of(0, 1, MEGABYTE + 7, 6 * MEGABYTE + 3);

    @TempDir
    static Path root;
    private static S3ProxyServer s3;
    private static SparkEngine engine;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start(Files.createDirectories(root.resolve("s3")), "lake");
        engine = SparkEngine.start(SparkSettings.local(2), "s3-copy-test");
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aJobGoesToAnS3RegionAndBackVerifiedOnTheExecutors() throws Exception {
        RegionSettings local = RegionSettings.of(RegionId.of("local"), Map.of());
        RegionSettings lake = RegionSettings.of(RegionId.of("lake"), s3.s3aSettings());
        Path source = Files.createDirectories(root.resolve("local/t/ds=1"));
        Random random = new Random(5);
        List<FileEntry> files = new ArrayList<>();
        for (int size : SIZES) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            Path file = Files.write(source.resolve("part-" + size), bytes);
            files.add(new FileEntry(file.getFileName().toString(), size, Files.getLastModifiedTime(file).toMillis()));
        }
        String onS3 = s3.bucketUri() + "/t/ds=1/_strait_v1_1";
        Path back = root.resolve("local/t_back/ds=1/_strait_v2_1");

        List<CopyTaskResult> there = onSpark(local, lake, new CopyTask(1, 0, source.toUri().toString(), onS3, files));
        assertThat(there.get(0).allVerified()).as(there.toString()).isTrue();
        List<FileEntry> stored;
        try (HadoopRegionFileSystem region = lake.open()) {
            stored = region.listFiles(onS3);
        }
        List<CopyTaskResult> returned = onSpark(lake, local, new CopyTask(2, 0, onS3, back.toUri().toString(),
                stored));

        assertThat(returned.get(0).allVerified()).as(returned.toString()).isTrue();
        assertThat(stored).extracting(FileEntry::sizeBytes).containsExactlyInAnyOrder(SIZES.stream()
                .map(Integer::longValue).toArray(Long[]::new));
        try (HadoopRegionFileSystem region = lake.open()) {
            for (int size : SIZES) {
                byte[] original = Files.readAllBytes(source.resolve("part-" + size));
                try (InputStream in = region.open(onS3 + "/part-" + size)) {
                    assertThat(in.readAllBytes()).isEqualTo(original);
                }
                assertThat(Files.readAllBytes(back.resolve("part-" + size))).isEqualTo(original);
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
}
