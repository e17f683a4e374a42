package io.strait.spark;

import io.strait.common.copy.CopyExecutor;
import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a job's copy tasks to Spark when they hold at least the threshold's bytes ({@link CopyRoute}), to the
 * in-process executor otherwise. The Spark executor is asked for only when a job needs it, so a process whose jobs
 * stay small never starts Spark.
 */
public final class RoutingCopyExecutor implements CopyExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingCopyExecutor.class);

    private final CopyExecutor inProcess;
    private final Supplier<? extends CopyExecutor> spark;
    private final long thresholdBytes;

    public RoutingCopyExecutor(CopyExecutor inProcess, Supplier<? extends CopyExecutor> spark, long thresholdBytes) {
        this.inProcess = Objects.requireNonNull(inProcess, "inProcess");
        this.spark = Objects.requireNonNull(spark, "spark");
        this.thresholdBytes = thresholdBytes;
    }

    @Override
    public List<CopyTaskResult> execute(List<CopyTask> tasks) {
        CopyRoute route = CopyRoute.of(tasks, thresholdBytes);
        LOG.debug("{} copy task(s), {} bytes: {}", tasks.size(), CopyRoute.bytes(tasks), route);
        return route == CopyRoute.SPARK ? spark.get().execute(tasks) : inProcess.execute(tasks);
    }
}
