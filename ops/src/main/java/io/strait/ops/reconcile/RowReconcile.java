package io.strait.ops.reconcile;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.rows.RowComparer;
import io.strait.spark.SparkEngine;
import io.strait.spark.SparkRowComparer;
import io.strait.spark.SparkSettings;
import java.util.List;
import java.util.Map;

/**
 * The Spark session of {@code strait reconcile --depth rows}: started for the command (from the {@code spark}
 * section), reading each region with its own Hadoop settings, stopped when the command ends.
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
        for (io.strait.common.region.RegionId region : List.of(link.source(), link.target())) {
            if (config.region(region).kerberos().enabled()) {
                throw io.strait.common.error.StraitException.userError("Cannot compare rows of link " + link.name()
                        + ": region " + region + " logs in with Kerberos, and Strait passes no delegation tokens to"
                        + " Spark; use --depth bytes, which reads every byte as the region's principal");
            }
        }
        SparkEngine engine = SparkEngine.start(SparkSettings.of(config.spark()), "strait-reconcile-rows");
        return new RowReconcile(engine, new SparkRowComparer(engine, Map.of(
                link.source(), config.region(link.source()).hadoop(),
                link.target(), config.region(link.target()).hadoop())), config.spark().rowSample());
    }

    public ReconcileService applyTo(ReconcileService service) {
        return service.withRowComparer(comparer, sampleRows);
    }

    @Override
    public void close() {
        engine.close();
    }
}
