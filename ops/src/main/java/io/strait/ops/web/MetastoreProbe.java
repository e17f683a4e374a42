package io.strait.ops.web;

import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.ops.runtime.RegionClients;
import io.strait.ops.runtime.RegionLogins;
import io.strait.regionio.ThriftMetastoreSettings;
import java.time.Duration;

/**
 * Whether a region's metastore answers: lists its databases over a Thrift connection of its own (opened at the first
 * check, kept, replaced by the gateway when broken), each call bounded by {@link #TIMEOUT}. A region with Kerberos
 * logs in once: a check that connects again, e.g. while the metastore is down, reuses the login.
 */
final class MetastoreProbe implements HealthProbe, AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final RegionConfig region;
    private final RegionLogins logins;
    private io.strait.common.metastore.MetastoreGateway metastore;

    /** {@code logins}: the probes' Kerberos logins, kept across their connections. */
    MetastoreProbe(RegionConfig region, RegionLogins logins) {
        this.region = region;
        this.logins = logins;
    }

    @Override
    public String name() {
        return "metastore:" + region.name().name();
    }

    @Override
    public synchronized boolean up() {
        try {
            if (metastore == null) {
                metastore = RegionClients.connectMetastore(region,
                        new ThriftMetastoreSettings(TIMEOUT, 1, Duration.ofMillis(100), 1), logins);
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
