package io.strait.spark;

import io.strait.common.copy.CopyTask;
import java.util.List;

/** Where a job's copy runs: on Spark when its tasks hold at least the threshold's bytes, in-process otherwise. */
public enum CopyRoute {
    IN_PROCESS,
    SPARK;

    /** The route of {@code tasks} (one job's) for {@code thresholdBytes} ({@code spark.copy-threshold}). */
    public static CopyRoute of(List<CopyTask> tasks, long thresholdBytes) {
        return !tasks.isEmpty() && bytes(tasks) >= thresholdBytes ? SPARK : IN_PROCESS;
    }

    static long bytes(List<CopyTask> tasks) {
        return tasks.stream().mapToLong(CopyTask::totalBytes).sum();
    }
}
