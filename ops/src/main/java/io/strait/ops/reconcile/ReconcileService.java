package io.strait.ops.reconcile;

import io.strait.common.config.TableFilter;
import io.strait.common.divergence.DivergenceStore;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.metastore.TableRef;
import io.strait.ops.runtime.RegionClients;
import io.strait.reparo.ReconcileScope;
import io.strait.reparo.Reconciler;
import io.strait.reparo.RegionEndpoint;

/** Reconciles a table between a link's two regions now, storing the scan and its divergences. */
public final class ReconcileService {
    private final RegionClients source;
    private final RegionClients target;
    private final DivergenceStore divergenceStore;
    private final ReconcileInputs inputs;

    public ReconcileService(RegionClients source, RegionClients target, DivergenceStore divergenceStore) {
        this(source, target, divergenceStore, ReconcileInputs.NONE);
    }

    /** A service whose scans use {@code inputs}: hidden files, copy records, work in flight. */
    public ReconcileService(RegionClients source, RegionClients target, DivergenceStore divergenceStore,
            ReconcileInputs inputs) {
        this.source = source;
        this.target = target;
        this.divergenceStore = divergenceStore;
        this.inputs = inputs;
    }

    /** The tables {@code scope} covers in both regions, within the link's {@code filter}. */
    public ReconcileScope.Resolution resolve(ReconcileScope scope, TableFilter filter) {
        return scope.resolve(source.metastore(), target.metastore(), filter);
    }

    public ReconcileScan reconcile(TableRef table) {
        return reconcile(table, ReconcileDepth.BYTES);
    }

    public ReconcileScan reconcile(TableRef table, ReconcileDepth depth) {
        return Reconciler.builder(new RegionEndpoint(source.metastore(), source.fileSystem()),
                        new RegionEndpoint(target.metastore(), target.fileSystem()))
                .divergenceStore(divergenceStore)
                .hiddenFiles(inputs.hiddenFiles())
                .copyRecords(inputs.copyRecords())
                .inFlightObjects(inputs.inFlight())
                .build()
                .reconcile(table, depth);
    }
}
