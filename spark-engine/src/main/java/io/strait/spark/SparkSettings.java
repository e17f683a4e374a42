package io.strait.spark;

import io.strait.common.config.SparkConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.SparkConf;

/**
 * How Strait's Spark session is made: the master and the settings of the {@code spark} section, on top of the
 * settings Strait needs (no UI, partition values read as strings, a session time zone of UTC, an uncompressed
 * in-memory cache). A local master binds the driver to 127.0.0.1. Strait's plugin ({@link DelegationTokensPlugin}) is
 * always among {@code spark.plugins}.
 *
 * @param master {@code spark.master}
 * @param conf further settings; they win over Strait's own
 */
public record SparkSettings(String master, Map<String, String> conf) {
    static final Map<String, String> STRAIT_DEFAULTS = Map.of(
            "spark.ui.enabled", "false",
            "spark.sql.sources.partitionColumnTypeInference.enabled", "false",
            "spark.sql.session.timeZone", "UTC",
            "spark.sql.shuffle.partitions", "8",
            // narrowing a changed row down caches the differing objects' rows: kept as they are, not compressed
            "spark.sql.inMemoryColumnarStorage.compressed", "false");

    static final String PLUGINS = "spark.plugins";

    public SparkSettings {
        Objects.requireNonNull(master, "master");
        conf = Map.copyOf(conf);
    }

    public static SparkSettings of(SparkConfig config) {
        return new SparkSettings(config.master(), config.conf());
    }

    public static SparkSettings local(int cores) {
        return new SparkSettings("local[" + cores + "]", Map.of());
    }

    /** These settings with {@code key} set to {@code value}. */
    public SparkSettings with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(conf);
        more.put(key, value);
        return new SparkSettings(master, more);
    }

    public boolean isLocal() {
        return master.startsWith("local");
    }

    /** Every setting the session is made with. */
    public Map<String, String> effective(String appName) {
        Map<String, String> all = new LinkedHashMap<>(STRAIT_DEFAULTS);
        all.put("spark.app.name", appName);
        if (isLocal()) {
            all.put("spark.driver.host", "127.0.0.1");
            all.put("spark.driver.bindAddress", "127.0.0.1");
        }
        all.putAll(conf);
        all.put(PLUGINS, plugins(conf.get(PLUGINS)));
        all.put("spark.master", master);
        return all;
    }

    /** The plugins set, with Strait's own ({@link DelegationTokensPlugin}) added. */
    private static String plugins(String configured) {
        String strait = DelegationTokensPlugin.class.getName();
        if (configured == null || configured.isBlank()) {
            return strait;
        }
        return java.util.Arrays.asList(configured.split(",")).stream().map(String::strip).anyMatch(strait::equals)
                ? configured : configured + "," + strait;
    }

    SparkConf sparkConf(String appName) {
        SparkConf sparkConf = new SparkConf(false);
        effective(appName).forEach(sparkConf::set);
        return sparkConf;
    }
}
