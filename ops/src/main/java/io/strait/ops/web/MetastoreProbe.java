package io.strait.ops.web;

import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.regionio.ThriftMetastoreSettings;
import java.time.Duration;

/**
 * Whether a region's metastore answers: lists its databases over a Thrift connection of its own (opened at the first
 * check, kept, replaced by the gateway when broken), each call bounded by {@link #TIMEOUT}.
 */
final class MetastoreProbe implements HealthProbe, AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final RegionConfig region;
    private io.strait.common.metastore.MetastoreGateway metastore;

    MetastoreProbe(RegionConfig region) {
        this.region = region;
    }

    @Override
    public String name() {
        return "metastore:" + region.name().name();
    }

    @Override
    public synchronized boolean up() {
        try {
            if (metastore == null) {
                metastore = io.strait.ops.runtime.RegionClients.connectMetastore(region,
                        new ThriftMetastoreSettings(TIMEOUT, 1, Duration.ofMillis(100), 1));
            }
            metastore.listDatabases();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (metastore != null) {
            metastore.close();
            metastore = null;
        }
    }
}
