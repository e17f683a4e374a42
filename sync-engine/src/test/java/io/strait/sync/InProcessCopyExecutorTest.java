package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.region.FileEntry;
import io.strait.common.region.InMemoryRegionFileSystem;
import io.strait.common.region.RegionId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InProcessCopyExecutorTest {
    private final InMemoryRegionFileSystem source = new InMemoryRegionFileSystem(RegionId.of("region-a"));
    private final InMemoryRegionFileSystem target = new InMemoryRegionFileSystem(RegionId.of("region-b"));

    @Test
    void resultsComeBackInTaskOrderWithEveryFileVerified() throws IOException {
        List<CopyTask> tasks = new ArrayList<>();
        for (int task = 0; task < 6; task++) {
            List<FileEntry> files = new ArrayList<>();
            for (int file = 0; file < 3; file++) {
                byte[] bytes = VerifyingFileCopierTest.randomBytes(task * 1000 + file * 70_000);
                source.write("mem:/a/t/part-" + task + "-" + file, bytes);
                files.add(new FileEntry("part-" + task + "-" + file, bytes.length, 0));
            }
            tasks.add(new CopyTask(42, task, "mem:/a/t", "mem:/b/t/_strait_v42_1", files));
        }

        List<CopyTaskResult> results;
        try (InProcessCopyExecutor executor = new InProcessCopyExecutor(source, target, 3)) {
            results = executor.execute(tasks);
        }

        assertThat(results).extracting(CopyTaskResult::taskIndex).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(results).allSatisfy(result -> {
            assertThat(result.jobId()).isEqualTo(42);
            assertThat(result.allVerified()).isTrue();
        });
        assertThat(results.get(4).files()).extracting(FileCopyResult::relativePath)
                .containsExactly("part-4-0", "part-4-1", "part-4-2");
        assertThat(target.listFiles("mem:/b/t/_strait_v42_1")).hasSize(18);
        assertThat(target.open("mem:/b/t/_strait_v42_1/part-5-2").readAllBytes())
                .isEqualTo(source.open("mem:/a/t/part-5-2").readAllBytes());
    }

    @Test
    void tasksRunInParallel() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        FaultInjectingRegionFileSystem pausing = new FaultInjectingRegionFileSystem(source)
                .pauseReads("/x/f", 1, bothStarted, release)
                .pauseReads("/y/f", 1, bothStarted, release);
        source.write("mem:/a/x/f", new byte[] {1, 2, 3});
        source.write("mem:/a/y/f", new byte[] {4, 5, 6});
        List<CopyTask> tasks = List.of(
                new CopyTask(7, 0, "mem:/a/x", "mem:/b/x/_strait_v7_1", List.of(new FileEntry("f", 3, 0))),
                new CopyTask(7, 1, "mem:/a/y", "mem:/b/y/_strait_v7_1", List.of(new FileEntry("f", 3, 0))));

        try (InProcessCopyExecutor executor = new InProcessCopyExecutor(pausing, target, 2)) {
            Thread releaser = releaseWhenReached(bothStarted, release);
            List<CopyTaskResult> results = executor.execute(tasks);
            releaser.join();

            assertThat(bothStarted.getCount()).isZero();
            assertThat(results).allSatisfy(result -> assertThat(result.allVerified()).isTrue());
        }
    }

    @Test
    void filesOfOneTaskAreCopiedInParallel() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        FaultInjectingRegionFileSystem pausing = new FaultInjectingRegionFileSystem(source)
                .pauseReads("/t/f1", 1, bothStarted, release)
                .pauseReads("/t/f2", 1, bothStarted, release);
        source.write("mem:/a/t/f1", new byte[] {1, 2, 3});
        source.write("mem:/a/t/f2", new byte[] {4, 5, 6});
        CopyTask task = new CopyTask(8, 0, "mem:/a/t", "mem:/b/t/_strait_v8_1",
                List.of(new FileEntry("f1", 3, 0), new FileEntry("f2", 3, 0)));

        try (InProcessCopyExecutor executor = new InProcessCopyExecutor(pausing, target, 2)) {
            Thread releaser = releaseWhenReached(bothStarted, release);
            List<CopyTaskResult> results = executor.execute(List.of(task));
            releaser.join();

            assertThat(bothStarted.getCount()).isZero();
            assertThat(results.get(0).files()).extracting(FileCopyResult::relativePath).containsExactly("f1", "f2");
            assertThat(results.get(0).allVerified()).isTrue();
        }
    }

    private static Thread releaseWhenReached(CountDownLatch reached, CountDownLatch release) {
        Thread releaser = new Thread(() -> {
            try {
                if (reached.await(10, TimeUnit.SECONDS)) {
                    release.countDown();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        releaser.start();
        return releaser;
    }

    @Test
    void theTargetDirectoryIsCreatedEvenForAnEmptyVersion() {
        try (InProcessCopyExecutor executor = new InProcessCopyExecutor(source, target, 1)) {
            List<CopyTaskResult> results = executor.execute(List.of(
                    new CopyTask(9, 0, "mem:/a/empty", "mem:/b/empty/_strait_v9_1", List.of())));

            assertThat(results.get(0).files()).isEmpty();
            assertThat(results.get(0).allVerified()).isTrue();
        }
        assertThat(target.exists("mem:/b/empty/_strait_v9_1")).isTrue();
    }

    @Test
    void oneBadFileDoesNotStopTheOthers() throws IOException {
        source.write("mem:/a/t/good", new byte[] {1});
        List<FileEntry> files = List.of(new FileEntry("missing", 5, 0), new FileEntry("good", 1, 0));

        try (InProcessCopyExecutor executor = new InProcessCopyExecutor(source, target, 1)) {
            CopyTaskResult result = executor.execute(List.of(new CopyTask(3, 0, "mem:/a/t", "mem:/b/t/v", files)))
                    .get(0);

            assertThat(result.files()).extracting(FileCopyResult::verification)
                    .containsExactly(FileVerification.FAILED, FileVerification.VERIFIED);
            assertThat(result.allVerified()).isFalse();
        }
    }

    @Test
    void aTargetDirectoryThatCannotBeMadeFailsEveryFileOfTheTask() {
        FaultInjectingRegionFileSystem refusing = new FaultInjectingRegionFileSystem(target).failMkdirs("disk full");
        List<FileEntry> files = List.of(new FileEntry("a", 1, 0), new FileEntry("b", 1, 0));

        try (InProcessCopyExecutor executor = new InProcessCopyExecutor(source, refusing, 1)) {
            CopyTaskResult result = executor.execute(List.of(new CopyTask(3, 0, "mem:/a/t", "mem:/b/t/v", files)))
                    .get(0);

            assertThat(result.files()).extracting(FileCopyResult::verification)
                    .containsOnly(FileVerification.FAILED);
            assertThat(result.files().get(0).detail()).contains("cannot create target directory", "disk full");
        }
    }
}
