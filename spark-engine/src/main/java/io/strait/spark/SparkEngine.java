package io.strait.spark;

import io.strait.common.error.StraitException;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Spark session of a Strait process, made from {@link SparkSettings} and stopped by {@link #close()}. Spark
 * allows one running context per JVM: a process makes one engine and hands it to whatever needs Spark.
 */
public final class SparkEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SparkEngine.class);

    private final SparkSession session;
    private final SparkSettings settings;

    private SparkEngine(SparkSession session, SparkSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    /** Starts a session with {@code settings} (local mode starts in a few seconds inside this JVM). */
    public static SparkEngine start(SparkSettings settings, String appName) {
        Objects.requireNonNull(settings, "settings");
        requireModuleFlags();
        long started = System.nanoTime();
        SparkSession session = SparkSession.builder().config(settings.sparkConf(appName)).getOrCreate();
        LOG.info("Spark session {} started on {} in {} ms", appName, settings.master(),
                (System.nanoTime() - started) / 1_000_000);
        return new SparkEngine(session, settings);
    }

    /** Spark on Java 17 needs java.base opened to it; without the flags it fails late and obscurely. */
    private static void requireModuleFlags() {
        Module base = Object.class.getModule();
        Module spark = SparkSession.class.getModule();
        if (!base.isOpen("sun.nio.ch", spark) || !base.isOpen("java.nio", spark)) {
            throw StraitException.userError("Cannot start Spark: this Java process lacks the module flags Spark needs"
                    + " on Java 17 (--add-opens=java.base/sun.nio.ch=ALL-UNNAMED and the others of Spark's launcher);"
                    + " run Strait with bin/strait, which sets them");
        }
    }

    public SparkSession session() {
        return session;
    }

    public JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session.sparkContext());
    }

    public SparkSettings settings() {
        return settings;
    }

    /**
     * Runs {@code job} (which starts Spark jobs from this thread) with {@code tokens}: the driver's Hadoop user holds
     * them (for listings and directories made on the driver) and every task of the jobs gets them
     * ({@link DelegationTokensPlugin}).
     */
    public <T> T withTokens(DelegationTokens tokens, Supplier<T> job) {
        if (tokens.isEmpty()) {
            return job.get();
        }
        try {
            tokens.addToCurrentUser();
        } catch (java.io.IOException e) {
            throw StraitException.external("Cannot add delegation tokens " + tokens.services()
                    + " to the Spark driver's user: " + e.getMessage(), e);
        }
        org.apache.spark.SparkContext context = session.sparkContext();
        String previous = context.getLocalProperty(DelegationTokensPlugin.TOKENS_PROPERTY);
        context.setLocalProperty(DelegationTokensPlugin.TOKENS_PROPERTY, tokens.encoded());
        try {
            return job.get();
        } finally {
            context.setLocalProperty(DelegationTokensPlugin.TOKENS_PROPERTY, previous);
        }
    }

    /** Cores the executors offer (local: the threads of {@code local[N]}). */
    public int defaultParallelism() {
        return session.sparkContext().defaultParallelism();
    }

    @Override
    public void close() {
        session.stop();
    }
}
