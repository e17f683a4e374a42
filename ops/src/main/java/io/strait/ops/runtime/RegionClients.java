package io.strait.ops.runtime;

import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import io.strait.regionio.ThriftMetastoreGateway;

/** One region's clients: its metastore (Thrift) and its filesystem (Hadoop). */
public record RegionClients(RegionConfig config, ThriftMetastoreGateway metastore, HadoopRegionFileSystem fileSystem)
        implements AutoCloseable {

    public static RegionClients connect(RegionConfig config) {
        HadoopRegionFileSystem fileSystem = new HadoopRegionFileSystem(config.name(),
                RegionClientSettings.hadoopConfiguration(config), true, config.fileLayout());
        try {
            return new RegionClients(config, ThriftMetastoreGateway.connect(config.name(), config.metastoreUri(),
                    RegionClientSettings.metastoreSettings(config), RegionClientSettings.metastoreClientProperties(config)),
                    fileSystem);
        } catch (RuntimeException e) {
            fileSystem.close();
            throw e;
        }
    }

    public RegionId id() {
        return config.name();
    }

    @Override
    public void close() {
        try {
            metastore.close();
        } finally {
            fileSystem.close();
        }
    }
}
