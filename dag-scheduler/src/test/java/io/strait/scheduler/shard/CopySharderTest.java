package io.strait.scheduler.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.strait.common.copy.CopyTask;
import io.strait.common.region.FileEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopySharderTest {
    private static List<FileEntry> files(long... sizes) {
        List<FileEntry> files = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            files.add(new FileEntry("part-" + i, sizes[i], 0));
        }
        return files;
    }

    @Test
    void smallFilesShareOneTask() {
        List<CopyTask> tasks = new CopySharder(100, 10).shard(7, "src", "dst", files(10, 20, 30));

        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).files()).extracting(FileEntry::relativePath).containsExactly("part-0", "part-1", "part-2");
        assertThat(tasks.get(0).jobId()).isEqualTo(7);
    }

    @Test
    void aSkewedManifestGetsManyTasksAndAHugeFileGetsItsOwn() {
        List<CopyTask> tasks = new CopySharder(100, 10).shard(1, "src", "dst", files(500, 60, 60, 60, 30));

        assertThat(tasks).extracting(CopyTask::totalBytes).containsExactly(500L, 90L, 60L, 60L);
    }

    @Test
    void theFileCountLimitSplitsTasks() {
        List<CopyTask> tasks = new CopySharder(1_000, 2).shard(1, "src", "dst", files(1, 1, 1, 1, 1));

        assertThat(tasks).extracting(task -> task.files().size()).containsExactly(2, 2, 1);
    }

    @Test
    void anEmptyManifestHasNoTasks() {
        assertThat(new CopySharder(100, 10).shard(1, "src", "dst", List.of())).isEmpty();
    }

    @Test
    void everyFileLandsInExactlyOneTaskWithinTheLimits() {
        qt().forAll(lists().of(longs().between(0, 2_000)).ofSizeBetween(0, 40), integers().between(1, 1000),
                integers().between(1, 8)).checkAssert((sizes, target, maxFiles) -> {
                    List<FileEntry> files = files(sizes.stream().mapToLong(Long::longValue).toArray());
                    List<CopyTask> tasks = new CopySharder(target, maxFiles).shard(1, "s", "t", files);

                    assertThat(tasks.stream().flatMap(task -> task.files().stream()).toList())
                            .containsExactlyInAnyOrderElementsOf(files);
                    for (CopyTask task : tasks) {
                        assertThat(task.files().size()).isBetween(1, maxFiles);
                        assertThat(task.totalBytes() <= target || task.files().size() == 1).isTrue();
                    }
                    assertThat(new CopySharder(target, maxFiles).shard(1, "s", "t", files)).isEqualTo(tasks);
                });
    }
}
