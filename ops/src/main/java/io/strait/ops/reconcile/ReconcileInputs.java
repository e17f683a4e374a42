package io.strait.ops.reconcile;

import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.config.StraitConfig.ReconcileConfig;
import io.strait.reparo.InFlightObjects;
import io.strait.reparo.scan.CopyRecords;
import io.strait.reparo.scan.HiddenFiles;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.job.JdbcReconcileReads;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What reconcile needs besides the two regions: the files it ignores, the copy records of the target's version
 * folders ({@code files} depth) and the replication work in flight (consistent cut).
 */
public record ReconcileInputs(HiddenFiles hiddenFiles, CopyRecords copyRecords, InFlightObjects inFlight) {
    /** Hive's hidden files ignored; no copy records; nothing in flight. */
    public static final ReconcileInputs NONE = new ReconcileInputs(HiddenFiles.HIVE, CopyRecords.none(),
            InFlightObjects.none());

    public ReconcileInputs {
        Objects.requireNonNull(hiddenFiles, "hiddenFiles");
        Objects.requireNonNull(copyRecords, "copyRecords");
        Objects.requireNonNull(inFlight, "inFlight");
    }

    /** The configured hidden files, and the copy records and in-flight work of {@code link} in the state store. */
    public static ReconcileInputs fromStateStore(DataSource stateStore, LinkConfig link, ReconcileConfig settings) {
        JdbcReconcileReads reads = new JdbcReconcileReads(stateStore);
        return new ReconcileInputs(new HiddenFiles(settings.hiddenPrefixes()), new StateStoreCopyRecords(reads),
                new StateStoreInFlightObjects(reads, new JdbcJobStore(stateStore, Clock.systemUTC()), link.name(),
                        link.source()));
    }
}
