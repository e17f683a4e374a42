package io.strait.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.copy.CopyTask;
import io.strait.common.region.FileEntry;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CopyRouteTest {
    private static List<CopyTask> tasksOf(long... sizes) {
        List<CopyTask> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            tasks.add(new CopyTask(1, i, "file:/a/t", "file:/b/t/_strait_v1_1",
                    List.of(new FileEntry("f" + i, sizes[i], 0))));
        }
        return tasks;
    }

    @ParameterizedTest(name = "tasks of {0} bytes, threshold {1}: {2}")
    @CsvSource({
            "'',          100, IN_PROCESS",
            "'0',         0,   SPARK",
            "'99',        100, IN_PROCESS",
            "'100',       100, SPARK",
            "'60 40',     100, SPARK",
            "'60 39',     100, IN_PROCESS",
            "'1000 1000', 100, SPARK"})
    void aJobOfAtLeastTheThresholdGoesToSpark(String sizes, long threshold, CopyRoute expected) {
        long[] bytes = sizes.isBlank() ? new long[0]
                : java.util.Arrays.stream(sizes.trim().split(" +")).mapToLong(Long::parseLong).toArray();
        assertThat(CopyRoute.of(tasksOf(bytes), threshold)).isEqualTo(expected);
    }
}
