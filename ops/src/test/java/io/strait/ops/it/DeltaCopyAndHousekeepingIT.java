package io.strait.ops.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.copy.VersionFolders;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.ForwardingRegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.ops.housekeeping.VersionFolderHousekeeping;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.regionio.HadoopRegionFileSystem;
import io.strait.regionio.ThriftMetastoreGateway;
import io.strait.sql.job.JdbcJobStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delta copies and housekeeping of version folders on real components (MariaDB, two metastore processes, local
 * regions): one file of a 100-file partition changes and only its bytes are sent, the new version is complete,
 * verified and consistent at bytes depth; then the replaced folders are deleted once the delay passed, the live and
 * foreign ones never, and a housekeeping run that dies halfway is finished by the next one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeltaCopyAndHousekeepingIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final TableRef TABLE = TableRef.of("delta", "events");
    private static final String BIG = "2026-02-01";
    private static final String SMALL = "2026-02-02";
    private static final String CHANGED = "data-042.txt";

    @TempDir
    static Path work;

    private static TwoRegionPipeline pipeline;
    private static StraitRuntime strait;
    private static SourceWriter writer;
    private static ThriftMetastoreGateway regionB;
    private static JdbcJobStore jobs;
    private static final List<String> replaced = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        pipeline = new TwoRegionPipeline(work, "delta.*");
        StraitConfig config = new StraitConfigLoader().load(pipeline.configFile);
        strait = StraitRuntime.open(config, "strait-delta-it-" + System.nanoTime(), Clock.systemUTC());
        strait.start();
        writer = new SourceWriter(pipeline.regionA.metastoreUri(), pipeline.regionA.externalRoot(), TABLE.database(),
                TABLE.table());
        regionB = ThriftMetastoreGateway.connect(RegionId.of("b"), pipeline.regionB.metastoreUri());
        jobs = new JdbcJobStore(pipeline.store.dataSource(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        Closing.closeAll(regionB, writer, strait, pipeline);
    }

    @Test
    @Order(1)
    void aPartitionOfAHundredFilesIsReplicated() throws Exception {
        // 98 files first, so that the partition is added with all 100 (2 more written by the writer): one job
        Random random = new Random(11);
        Files.createDirectories(writer.partitionDirectory(BIG));
        for (int i = 0; i < 98; i++) {
            byte[] bytes = new byte[2_000 + random.nextInt(20_000)];
            random.nextBytes(bytes);
            Files.write(writer.partitionDirectory(BIG).resolve(String.format("data-%03d.txt", i)), bytes);
        }
        writer.createTableWithPartitions(List.of(BIG, SMALL));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(replica(BIG)).isPresent();
            assertThat(files(replica(BIG).get().location())).hasSize(100);
        });
        await().atMost(WAIT).until(() -> strait.isDrained());
        assertThat(sameBytes(replica(BIG).orElseThrow().location(), writer.partitionDirectory(BIG))).isTrue();
    }

    @Test
    @Order(2)
    void changingOneFileOfAHundredSendsOnlyThatFile() throws Exception {
        String bigBefore = replica(BIG).orElseThrow().location();
        String smallBefore = replica(SMALL).orElseThrow().location();
        Path changed = writer.partitionDirectory(BIG).resolve(CHANGED);
        byte[] newBytes = new byte[7_777];
        new Random(3).nextBytes(newBytes);
        Files.write(changed, newBytes);

        writer.alterPartitionParameter(BIG, "revision", "2");
        writer.alterPartitionParameter(SMALL, "revision", "2");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(replica(BIG).orElseThrow().location()).isNotEqualTo(bigBefore);
            assertThat(replica(SMALL).orElseThrow().location()).isNotEqualTo(smallBefore);
        });
        await().atMost(WAIT).until(() -> strait.isDrained());
        replaced.addAll(List.of(bigBefore, smallBefore));
        String bigAfter = replica(BIG).orElseThrow().location();
        long job = VersionFolders.parse(bigAfter).orElseThrow().jobId();

        List<FileCopyResult> results = jobs.fileResults(job);
        assertThat(results).hasSize(100).allSatisfy(file ->
                assertThat(file.verification()).isEqualTo(FileVerification.VERIFIED));
        assertThat(results).filteredOn(file -> !file.reused()).extracting(FileCopyResult::relativePath)
                .containsExactly(CHANGED);
        assertThat(results.stream().mapToLong(FileCopyResult::bytesSent).sum()).as("bytes sent").isEqualTo(7_777);
        assertThat(results).as("the manifest records how each file was verified").allSatisfy(file ->
                assertThat(file.verifiedBy()).isEqualTo(file.reused()
                        ? io.strait.common.copy.VerificationMethod.SAME_FILE
                        : io.strait.common.copy.VerificationMethod.TARGET_REREAD));

        // on the filesystems: the new version equals the source; 99 files are the previous version's own
        assertThat(sameBytes(bigAfter, writer.partitionDirectory(BIG))).isTrue();
        Path after = local(bigAfter);
        Path before = local(bigBefore);
        long linked = 0;
        for (Path file : files(bigAfter)) {
            Path previous = before.resolve(after.relativize(file));
            if (Files.exists(previous) && Files.isSameFile(previous, file)) {
                linked++;
            }
        }
        assertThat(linked).isEqualTo(99);
        assertThat(Files.isSameFile(after.resolve(CHANGED), before.resolve(CHANGED))).isFalse();

        CliCapture.Result shown = CliCapture.run("job", "--config", pipeline.configFile.toString(),
                Long.toString(job));
        assertThat(shown.exitCode()).as(shown.out()).isZero();
        assertThat(shown.out()).contains("bytes sent:      7777 (1 file(s))", "(99 file(s) taken from the previous",
                "VERIFIED by SAME_FILE (reused)  data-000.txt", "VERIFIED by TARGET_REREAD  " + CHANGED);
        long smallJob = VersionFolders.parse(replica(SMALL).orElseThrow().location()).orElseThrow().jobId();
        long reused = Stream.of(job, smallJob).flatMap(id -> jobs.fileResults(id).stream())
                .filter(FileCopyResult::reused).mapToLong(FileCopyResult::sizeBytes).sum();
        CliCapture.Result report = CliCapture.run("report", "--config", pipeline.configFile.toString(), "--json");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.out()).findValue("bytesReused")
                .asLong()).as(report.out()).isEqualTo(reused).isPositive();
        assertConsistentAtBytesDepth();
    }

    @Test
    @Order(3)
    void replacedFoldersAreKeptUntilTheDelayPassed() throws Exception {
        CliCapture.Result early = CliCapture.run("housekeeping", "--config", pipeline.configFile.toString(),
                "--older-than", "1h");
        assertThat(early.exitCode()).as(early.out()).isZero();
        assertThat(early.out()).contains("removed 0 version folder(s)", "KEEP_TOO_RECENT", "KEEP_LIVE");
        CliCapture.Result dry = CliCapture.run("housekeeping", "--config", pipeline.configFile.toString(),
                "--older-than", "0s", "--dry-run");
        assertThat(dry.exitCode()).as(dry.out()).isZero();
        assertThat(dry.out()).contains("would remove 2 version folder(s)");
        for (String folder : replaced) {
            assertThat(dry.out()).contains("would remove version folder " + folder);
            assertThat(Files.isDirectory(local(folder))).isTrue();
        }
    }

    @Test
    @Order(4)
    void aRunThatDiesHalfwayIsFinishedByTheNextAndTouchesNothingElse() throws Exception {
        Path mapped = local(replica(BIG).orElseThrow().location()).getParent();
        Path foreignName = Files.createDirectories(mapped.resolve("_strait_v12_1.copy"));
        Files.writeString(foreignName.resolve("keep.txt"), "someone else's");
        Path userFolder = Files.createDirectories(mapped.resolve("backup"));
        Files.writeString(userFolder.resolve("keep.txt"), "someone else's");
        StraitConfig config = new StraitConfigLoader().load(pipeline.configFile);

        try (HadoopRegionFileSystem b = HadoopRegionFileSystem.create(RegionId.of("b"), Map.of())) {
            DiesInSecondDelete dying = new DiesInSecondDelete(b);
            VersionFolderHousekeeping housekeeping = new VersionFolderHousekeeping(config,
                    pipeline.store.dataSource(), region -> new VersionFolderHousekeeping.Region(regionB, dying),
                    Clock.systemUTC());
            assertThatThrownBy(() -> housekeeping.run(Duration.ZERO, false)).isInstanceOf(ProcessDied.class);
        }
        long gone = replaced.stream().filter(folder -> !Files.exists(local(folder))).count();
        long halfGone = replaced.stream().filter(folder -> Files.exists(local(folder))).count();
        assertThat(gone).as("the first folder was deleted before the process died").isEqualTo(1);
        assertThat(halfGone).as("the second one only partly").isEqualTo(1);

        CliCapture.Result rerun = CliCapture.run("housekeeping", "--config", pipeline.configFile.toString(),
                "--older-than", "0s");

        assertThat(rerun.exitCode()).as(rerun.out()).isZero();
        assertThat(rerun.out()).contains("removed 1 version folder(s)");
        assertThat(replaced).allSatisfy(folder -> assertThat(local(folder)).doesNotExist());
        assertThat(files(replica(BIG).orElseThrow().location())).hasSize(100);
        assertThat(files(replica(SMALL).orElseThrow().location())).hasSize(2);
        assertThat(foreignName.resolve("keep.txt")).exists();
        assertThat(userFolder.resolve("keep.txt")).exists();
        assertConsistentAtBytesDepth();
        CliCapture.Result again = CliCapture.run("housekeeping", "--config", pipeline.configFile.toString(),
                "--older-than", "0s");
        assertThat(again.out()).contains("removed 0 version folder(s)");
    }

    /** A process death (not an exception housekeeping could handle). */
    static final class ProcessDied extends Error {
        ProcessDied() {
            super("the process died");
        }
    }

    /** Region B's filesystem in a process that dies in the middle of its second folder deletion. */
    static final class DiesInSecondDelete extends ForwardingRegionFileSystem {
        private int deletes;

        DiesInSecondDelete(HadoopRegionFileSystem delegate) {
            super(delegate);
        }

        @Override
        public boolean delete(String uri) throws IOException {
            if (++deletes < 2) {
                return super.delete(uri);
            }
            try (Stream<Path> files = Files.list(local(uri))) {
                Files.delete(files.filter(Files::isRegularFile).findFirst().orElseThrow());
            }
            throw new ProcessDied();
        }
    }

    private static void assertConsistentAtBytesDepth() {
        CliCapture.Result reconcile = CliCapture.run("reconcile", "--config", pipeline.configFile.toString(),
                "--depth", "bytes", TABLE.toString());
        assertThat(reconcile.exitCode()).as(reconcile.out()).isZero();
        assertThat(reconcile.out()).contains("CONSISTENT");
    }

    private static Optional<PartitionSnapshot> replica(String day) {
        return regionB.getPartition(PartitionRef.of(TABLE, List.of(day)));
    }

    private static Path local(String location) {
        return Path.of(URI.create(location.startsWith("file:/") && !location.startsWith("file:///")
                ? "file://" + location.substring("file:".length()) : location));
    }

    private static List<Path> files(String location) throws IOException {
        try (Stream<Path> paths = Files.walk(local(location))) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static boolean sameBytes(String replicaLocation, Path source) throws IOException {
        Path replica = local(replicaLocation);
        List<Path> sourceFiles;
        try (Stream<Path> paths = Files.walk(source)) {
            sourceFiles = paths.filter(Files::isRegularFile).sorted().toList();
        }
        if (sourceFiles.size() != files(replicaLocation).size()) {
            return false;
        }
        for (Path file : sourceFiles) {
            if (!java.util.Arrays.equals(Files.readAllBytes(file),
                    Files.readAllBytes(replica.resolve(source.relativize(file))))) {
                return false;
            }
        }
        return true;
    }
}
