package io.strait.common.config;

import java.util.Map;
import java.util.Objects;

/**
 * Where Strait's Spark work runs ({@code spark} section): copy jobs of at least {@code copyThreshold} bytes when
 * {@code enabled}, and the row-level reconcile ({@code strait reconcile --depth rows}) always.
 *
 * @param enabled whether {@code strait run} sends large copy jobs to Spark (otherwise every job copies in-process)
 * @param master Spark's {@code spark.master}: {@code local[*]}, {@code spark://host:7077}, {@code yarn}
 * @param copyThreshold a copy job of at least this many bytes runs on Spark (when enabled)
 * @param rowSample differing rows shown per partition by the row-level reconcile
 * @param conf further Spark settings, passed as they are ({@code spark.executor.memory: 4g})
 */
public record SparkConfig(boolean enabled, String master, DataSize copyThreshold, int rowSample,
        Map<String, String> conf) {
    public static final SparkConfig DEFAULT = new SparkConfig(false, "local[*]", DataSize.parse("256MB"), 10,
            Map.of());

    public SparkConfig {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(copyThreshold, "copyThreshold");
        if (rowSample < 1) {
            throw new IllegalArgumentException("rowSample must be at least 1: " + rowSample);
        }
        conf = Map.copyOf(conf);
    }
}
