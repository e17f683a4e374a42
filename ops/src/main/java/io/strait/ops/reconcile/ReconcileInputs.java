package io.strait.ops.reconcile;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.config.StraitConfig.ReconcileConfig;
import io.strait.common.region.PathMapper;
import io.strait.reparo.InFlightObjects;
import io.strait.reparo.Reconciler;
import io.strait.reparo.RegionEndpoint;
import io.strait.reparo.scan.CopyRecords;
import io.strait.reparo.scan.HiddenFiles;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.job.JdbcReconcileReads;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What reconcile needs besides the two regions: the files it ignores, the copy records of the target's version
 * folders ({@code files} depth), the replication work in flight (consistent cut) and the link's path mapping (where
 * replicas lie; empty: locations are not compared).
 */
public record ReconcileInputs(HiddenFiles hiddenFiles, CopyRecords copyRecords, InFlightObjects inFlight,
        Optional<PathMapper> pathMapper) {
    /** Hive's hidden files ignored; no copy records; nothing in flight; locations not compared. */
    public static final ReconcileInputs NONE = new ReconcileInputs(HiddenFiles.HIVE, CopyRecords.none(),
            InFlightObjects.none(), Optional.empty());

    public ReconcileInputs {
        Objects.requireNonNull(hiddenFiles, "hiddenFiles");
        Objects.requireNonNull(copyRecords, "copyRecords");
        Objects.requireNonNull(inFlight, "inFlight");
        Objects.requireNonNull(pathMapper, "pathMapper");
    }

    /**
     * The configured hidden files and path mapping of {@code link}, and its copy records and in-flight work in the
     * state store.
     */
    public static ReconcileInputs fromStateStore(DataSource stateStore, StraitConfig config, LinkConfig link) {
        return fromStateStore(stateStore, link, config.reconcile(), Optional.of(config.pathMapper(link)));
    }

    /** As {@link #fromStateStore(DataSource, StraitConfig, LinkConfig)}, with these settings and path mapping. */
    public static ReconcileInputs fromStateStore(DataSource stateStore, LinkConfig link, ReconcileConfig settings,
            Optional<PathMapper> pathMapper) {
        JdbcReconcileReads reads = new JdbcReconcileReads(stateStore);
        return new ReconcileInputs(new HiddenFiles(settings.hiddenPrefixes()), new StateStoreCopyRecords(reads),
                new StateStoreInFlightObjects(reads, new JdbcJobStore(stateStore, Clock.systemUTC()), link.name(),
                        link.source()), pathMapper);
    }

    /** A reconciler between {@code source} and {@code target} with these inputs. */
    public Reconciler.Builder reconciler(RegionEndpoint source, RegionEndpoint target) {
        Reconciler.Builder builder = Reconciler.builder(source, target).hiddenFiles(hiddenFiles)
                .copyRecords(copyRecords).inFlightObjects(inFlight);
        pathMapper.ifPresent(builder::pathMapper);
        return builder;
    }
}
