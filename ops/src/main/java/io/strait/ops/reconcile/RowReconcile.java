package io.strait.ops.reconcile;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.rows.RowComparer;
import io.strait.ops.runtime.RegionClientSettings;
import io.strait.ops.runtime.RegionDelegationTokens;
import io.strait.spark.SparkEngine;
import io.strait.spark.SparkRowComparer;
import io.strait.spark.SparkSettings;
import java.util.Map;

/**
 * The Spark session of {@code strait reconcile --depth rows}: started for the command (from the {@code spark}
 * section), reading each region with its own Hadoop settings (site files included) and, where a region logs in with
 * Kerberos, with delegation tokens of its principal; stopped when the command ends.
 */
public final class RowReconcile implements AutoCloseable {
    private final SparkEngine engine;
    private final RowComparer comparer;
    private final int sampleRows;

    private RowReconcile(SparkEngine engine, RowComparer comparer, int sampleRows) {
        this.engine = engine;
        this.comparer = comparer;
        this.sampleRows = sampleRows;
    }

    public static RowReconcile start(StraitConfig config, LinkConfig link) {
        SparkEngine engine = SparkEngine.start(SparkSettings.of(config.spark()), "strait-reconcile-rows");
        return new RowReconcile(engine, new SparkRowComparer(engine, Map.of(
                link.source(), RegionClientSettings.hadoopSettings(config.region(link.source())),
                link.target(), RegionClientSettings.hadoopSettings(config.region(link.target()))),
                RegionDelegationTokens.of(config, link)), config.spark().rowSample());
    }

    public ReconcileService applyTo(ReconcileService service) {
        return service.withRowComparer(comparer, sampleRows);
    }

    @Override
    public void close() {
        engine.close();
    }
}
