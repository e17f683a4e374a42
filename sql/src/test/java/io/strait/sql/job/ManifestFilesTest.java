package io.strait.sql.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.copy.CopyTask;
import io.strait.common.job.JobPlan;
import io.strait.common.region.FileEntry;
import io.strait.sql.job.ManifestFiles.ManifestFile;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestFilesTest {
    private static final FileEntry A = new FileEntry("a", 1, 1);
    private static final FileEntry B = new FileEntry("b", 2, 2);
    private static final FileEntry C = new FileEntry("c", 3, 3);

    static Stream<Arguments> manifests() {
        return Stream.of(
                Arguments.of("no files", List.of(), List.of(), List.of()),
                Arguments.of("tasks carry every plan file", List.of(A, B, C),
                        List.of(task(0, A, C), task(1, B)),
                        List.of(row(0, A), row(0, C), row(1, B))),
                Arguments.of("plan file in no task", List.of(A, B), List.of(task(3, B)),
                        List.of(row(3, B), row(ManifestFiles.NO_TASK, A))),
                Arguments.of("task file not in the plan", List.of(A), List.of(task(0, A, B)),
                        List.of(row(0, A), row(0, B))),
                Arguments.of("no tasks", List.of(A), List.of(), List.of(row(ManifestFiles.NO_TASK, A))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void manifestRows(String name, List<FileEntry> planFiles, List<CopyTask> tasks, List<ManifestFile> expected) {
        assertThat(ManifestFiles.of(plan(planFiles), tasks)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTasks")
    void badTasksAreRefused(String name, List<CopyTask> tasks, String message) {
        assertThatThrownBy(() -> {
            ManifestFiles.requireTasksOf(1, tasks);
            ManifestFiles.of(plan(List.of()), tasks);
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    static Stream<Arguments> badTasks() {
        return Stream.of(
                Arguments.of("file in two tasks", List.of(task(0, A), task(1, A)), "file a is in tasks 0 and 1"),
                Arguments.of("repeated index", List.of(task(0, A), task(0, B)), "task index 0"),
                Arguments.of("negative index", List.of(task(-1, A)), "task index -1"),
                Arguments.of("other job", List.of(new CopyTask(2, 0, "s", "t", List.of(A))), "belongs to job 2"));
    }

    private static JobPlan plan(List<FileEntry> files) {
        return new JobPlan(null, null, null, "s", "t", files);
    }

    private static CopyTask task(int index, FileEntry... files) {
        return new CopyTask(1, index, "s", "t", List.of(files));
    }

    private static ManifestFile row(int task, FileEntry file) {
        return new ManifestFile(task, file);
    }
}
