package io.strait.spark;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A process's Spark session, started by the first caller that needs it (a copy job above the threshold) and shared
 * by every later one; a process whose jobs stay small never starts Spark. Closing stops it if it was started.
 */
public final class SparkEngineOnDemand implements Supplier<SparkEngine>, AutoCloseable {
    private final SparkSettings settings;
    private final String appName;
    private SparkEngine engine;
    private boolean closed;

    public SparkEngineOnDemand(SparkSettings settings, String appName) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.appName = Objects.requireNonNull(appName, "appName");
    }

    @Override
    public synchronized SparkEngine get() {
        if (closed) {
            throw new IllegalStateException("the Spark session of " + appName + " was stopped");
        }
        if (engine == null) {
            engine = SparkEngine.start(settings, appName);
        }
        return engine;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
