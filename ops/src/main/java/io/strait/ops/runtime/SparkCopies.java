package io.strait.ops.runtime;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.copy.CopyExecutor;
import io.strait.spark.RegionSettings;
import io.strait.spark.RoutingCopyExecutor;
import io.strait.spark.SparkCopyExecutor;
import io.strait.spark.SparkEngineOnDemand;
import io.strait.spark.SparkSettings;

/**
 * Large copy jobs on Spark ({@code spark.enabled}): a link's jobs of at least {@code spark.copy-threshold} bytes go
 * to a {@link SparkCopyExecutor} on the process's one Spark session, started when the first such job comes; the
 * link's bandwidth budget is split across the executors' slices, and a Kerberos region is reached through
 * delegation tokens its principal obtained ({@link RegionDelegationTokens}).
 */
final class SparkCopies {
    private SparkCopies() {
    }

    static SparkEngineOnDemand engine(StraitConfig config) {
        return new SparkEngineOnDemand(SparkSettings.of(config.spark()), "strait-copy");
    }

    /** What executors need to open the region as this process does: its site files' settings travel as values. */
    static RegionSettings settings(io.strait.common.config.StraitConfig.RegionConfig region) {
        return RegionSettings.of(region.name(), RegionClientSettings.hadoopSettings(region), region.fileLayout());
    }

    /** The link's copy executor: {@code inProcess}, or routed by size when Spark is enabled. */
    static CopyExecutor route(StraitConfig config, LinkConfig link, CopyExecutor inProcess,
            SparkEngineOnDemand spark) {
        if (!config.spark().enabled()) {
            return inProcess;
        }
        RegionSettings source = settings(config.region(link.source()));
        RegionSettings target = settings(config.region(link.target()));
        return new RoutingCopyExecutor(inProcess, () -> new SparkCopyExecutor(spark.get(), source, target,
                io.strait.sync.VerifyingFileCopier.DEFAULT_BUFFER_BYTES, link.bandwidth(),
                RegionDelegationTokens.of(config, link)),
                config.spark().copyThreshold().bytes());
    }
}
