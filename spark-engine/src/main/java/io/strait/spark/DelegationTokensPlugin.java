package io.strait.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Hands a job's delegation tokens to its tasks: {@link SparkEngine#withTokens} sets them as a local property of the
 * job, which Spark sends with every task; before a task runs, this plugin (loaded in every executor through
 * {@code spark.plugins}) adds them to the task's Hadoop user. It works the same on a local master, a standalone
 * cluster or YARN, for Strait's copy tasks and for Spark SQL's own file scans.
 */
public final class DelegationTokensPlugin implements SparkPlugin {
    /** The local property that carries a job's tokens ({@link DelegationTokens#encoded()}). */
    static final String TOKENS_PROPERTY = "strait.hadoop.delegation-tokens";

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void onTaskStart() {
                TaskContext task = TaskContext.get();
                String encoded = task == null ? null : task.getLocalProperty(TOKENS_PROPERTY);
                if (encoded == null || encoded.isEmpty()) {
                    return;
                }
                try {
                    DelegationTokens.decode(encoded).addToCurrentUser();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot add the job's delegation tokens to the task's user", e);
                }
            }
        };
    }
}
