package io.strait.ops.reconcile;

import io.strait.common.divergence.DivergenceStore;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.metastore.TableRef;
import io.strait.ops.runtime.RegionClients;
import io.strait.reparo.Reconciler;
import io.strait.reparo.RegionEndpoint;

/** Reconciles a table between a link's two regions now, storing the scan and its divergences. */
public final class ReconcileService {
    private final RegionClients source;
    private final RegionClients target;
    private final DivergenceStore divergenceStore;

    public ReconcileService(RegionClients source, RegionClients target, DivergenceStore divergenceStore) {
        this.source = source;
        this.target = target;
        this.divergenceStore = divergenceStore;
    }

    public ReconcileScan reconcile(TableRef table) {
        return Reconciler.builder(new RegionEndpoint(source.metastore(), source.fileSystem()),
                        new RegionEndpoint(target.metastore(), target.fileSystem()))
                .divergenceStore(divergenceStore)
                .build()
                .reconcile(table);
    }
}
