package io.strait.ops.runtime;

import io.strait.common.config.StraitConfig.MetastoreClientConfig;
import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.regionio.ThriftMetastoreSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * A region's client settings from its configuration: the Hadoop configuration of its filesystem client (the site
 * files of {@code hadoop-conf-dir} and {@code hadoop-site-files}, then the {@code hadoop.<key>} overrides, which
 * win) and the settings of its metastore Thrift client ({@code metastore-client}).
 */
public final class RegionClientSettings {
    static final String CHECKSUM_COMBINE_MODE = "dfs.checksum.combine.mode";

    private RegionClientSettings() {
    }

    /**
     * The region's Hadoop configuration: Hadoop's defaults, its site files in order, {@code dfs.checksum.combine.mode
     * = COMPOSITE_CRC} unless a file or override sets it, then its {@code hadoop.<key>} overrides.
     */
    public static Configuration hadoopConfiguration(RegionConfig region) {
        Configuration conf = new Configuration();
        for (String siteFile : region.hadoopSiteFiles()) {
            conf.addResource(new org.apache.hadoop.fs.Path(siteFile));
        }
        region.hadoop().forEach(conf::set);
        if (!isSetExplicitly(region, conf)) {
            conf.set(CHECKSUM_COMBINE_MODE, "COMPOSITE_CRC");
        }
        return conf;
    }

    /**
     * The region's Hadoop settings as one map, for a process that has not its files (a Spark executor): the
     * properties of its site files in order, then its {@code hadoop.<key>} overrides, and the combine mode as
     * {@link #hadoopConfiguration} sets it. Opened with these on top of Hadoop's defaults, the client is configured as
     * {@link #hadoopConfiguration}'s.
     */
    public static Map<String, String> hadoopSettings(RegionConfig region) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String siteFile : region.hadoopSiteFiles()) {
            Configuration file = new Configuration(false);
            file.addResource(new org.apache.hadoop.fs.Path(siteFile));
            file.forEach(entry -> settings.put(entry.getKey(), entry.getValue()));
        }
        settings.putAll(region.hadoop());
        settings.put(CHECKSUM_COMBINE_MODE, hadoopConfiguration(region).get(CHECKSUM_COMBINE_MODE));
        return settings;
    }

    /** Whether the combine mode comes from the region's files or overrides rather than Hadoop's defaults. */
    private static boolean isSetExplicitly(RegionConfig region, Configuration conf) {
        if (region.hadoop().containsKey(CHECKSUM_COMBINE_MODE)) {
            return true;
        }
        String[] sources = conf.getPropertySources(CHECKSUM_COMBINE_MODE);
        return sources != null && java.util.Arrays.stream(sources).anyMatch(region.hadoopSiteFiles()::contains);
    }

    /** Socket timeout and connection retries of the region's metastore client. */
    public static ThriftMetastoreSettings metastoreSettings(RegionConfig region) {
        MetastoreClientConfig client = region.metastoreClient();
        return ThriftMetastoreSettings.defaults().withSocketTimeout(client.socketTimeout())
                .withConnectionRetries(client.connectionRetries(), client.connectRetryDelay());
    }

    /** Metastore client keys for the region's security settings (SASL and the service principal). */
    public static Map<String, String> metastoreClientProperties(RegionConfig region) {
        MetastoreClientConfig client = region.metastoreClient();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("metastore.sasl.enabled", Boolean.toString(client.sasl()));
        if (!client.kerberosPrincipal().isEmpty()) {
            properties.put("metastore.kerberos.principal", client.kerberosPrincipal());
        }
        return properties;
    }
}
