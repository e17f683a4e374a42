package io.strait.ops.runtime;

import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.NotificationLog;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import io.strait.regionio.ThriftMetastoreGateway;
import io.strait.regionio.ThriftMetastoreSettings;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * One region's clients: its metastore (Thrift) and its filesystem (Hadoop). The one place they are created: a region
 * with a Kerberos login ({@code regions.<name>.kerberos}) gets clients whose every call runs as its principal.
 */
public final class RegionClients implements AutoCloseable {
    private final RegionConfig config;
    private final MetastoreGateway metastore;
    private final NotificationLog notificationLog;
    private final RegionFileSystem fileSystem;
    private final HadoopRegionFileSystem hadoopFileSystem;

    private RegionClients(RegionConfig config, Metastore metastore, RegionFileSystem fileSystem,
            HadoopRegionFileSystem hadoopFileSystem) {
        this.config = config;
        this.metastore = metastore.gateway();
        this.notificationLog = metastore.notificationLog();
        this.fileSystem = fileSystem;
        this.hadoopFileSystem = hadoopFileSystem;
    }

    /** Logs in (when the region has a Kerberos login) and connects to the region's metastore. */
    public static RegionClients connect(RegionConfig config) {
        return connect(config, new RegionLogins());
    }

    /** Connects to the region's metastore as the region's login among {@code logins} (logged in at its first use). */
    public static RegionClients connect(RegionConfig config, RegionLogins logins) {
        Configuration hadoop = RegionClientSettings.hadoopConfiguration(config);
        Optional<RegionLogin> login = logins.of(config);
        HadoopRegionFileSystem hadoopFileSystem = new HadoopRegionFileSystem(config.name(), hadoop, true,
                config.fileLayout());
        try {
            Metastore metastore = metastore(config, RegionClientSettings.metastoreSettings(config), login);
            RegionFileSystem fileSystem = login.<RegionFileSystem>map(
                    principal -> principal.asPrincipal(RegionFileSystem.class, hadoopFileSystem))
                    .orElse(hadoopFileSystem);
            return new RegionClients(config, metastore, fileSystem, hadoopFileSystem);
        } catch (RuntimeException e) {
            hadoopFileSystem.close();
            throw e;
        }
    }

    /**
     * A metastore client of the region alone, with {@code settings} (probes and checks bound their calls), as the
     * region's login among {@code logins} when it has one.
     */
    public static MetastoreGateway connectMetastore(RegionConfig config, ThriftMetastoreSettings settings,
            RegionLogins logins) {
        return metastore(config, settings, logins.of(config)).gateway();
    }

    /** The region's metastore client, seen as Strait's gateway and as its notification log. */
    private record Metastore(MetastoreGateway gateway, NotificationLog notificationLog) {
    }

    private static Metastore metastore(RegionConfig config, ThriftMetastoreSettings settings,
            Optional<RegionLogin> login) {
        if (login.isEmpty()) {
            ThriftMetastoreGateway thrift = connectThrift(config, settings);
            return new Metastore(thrift, thrift);
        }
        RegionLogin principal = login.get();
        try {
            ThriftMetastoreGateway thrift = principal.call(() -> connectThrift(config, settings));
            return new Metastore(principal.asPrincipal(MetastoreGateway.class, thrift),
                    principal.asPrincipal(NotificationLog.class, thrift));
        } catch (IOException e) {
            throw io.strait.common.error.StraitException.external("Cannot connect to the metastore of region "
                    + config.name() + " as " + principal.principalName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw io.strait.common.error.StraitException.external("Interrupted while connecting to the metastore"
                    + " of region " + config.name(), e);
        }
    }

    private static ThriftMetastoreGateway connectThrift(RegionConfig config, ThriftMetastoreSettings settings) {
        return ThriftMetastoreGateway.connect(config.name(), config.metastoreUri(), settings,
                RegionClientSettings.metastoreClientProperties(config));
    }

    public RegionConfig config() {
        return config;
    }

    public MetastoreGateway metastore() {
        return metastore;
    }

    /** The region's metastore notification log (Hive's {@code NOTIFICATION_LOG}, read through the same client). */
    public NotificationLog notificationLog() {
        return notificationLog;
    }

    public RegionFileSystem fileSystem() {
        return fileSystem;
    }

    public RegionId id() {
        return config.name();
    }

    @Override
    public void close() {
        try {
            metastore.close();
        } finally {
            hadoopFileSystem.close();
        }
    }
}
