package io.strait.ops.reconcile;

import io.strait.common.rows.RowComparer;
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
    private final java.util.Optional<RowComparer> rowComparer;
    private final int rowSample;

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
        this.rowComparer = java.util.Optional.empty();
        this.rowSample = 1;
    }

    private ReconcileService(ReconcileService service, RowComparer comparer, int sampleRows) {
        this.source = service.source;
        this.target = service.target;
        this.divergenceStore = service.divergenceStore;
        this.inputs = service.inputs;
        this.rowComparer = java.util.Optional.of(comparer);
        this.rowSample = sampleRows;
    }

    /** This service, comparing rows at {@code rows} depth with {@code comparer} ({@code sampleRows} shown each). */
    public ReconcileService withRowComparer(RowComparer comparer, int sampleRows) {
        return new ReconcileService(this, comparer, sampleRows);
    }

    /** The tables {@code scope} covers in both regions, within the link's {@code filter}. */
    public ReconcileScope.Resolution resolve(ReconcileScope scope, TableFilter filter) {
        return scope.resolve(source.metastore(), target.metastore(), filter);
    }

    public ReconcileScan reconcile(TableRef table) {
        return reconcile(table, ReconcileDepth.BYTES);
    }

    public ReconcileScan reconcile(TableRef table, ReconcileDepth depth) {
        Reconciler.Builder builder = inputs.reconciler(new RegionEndpoint(source.metastore(), source.fileSystem()),
                        new RegionEndpoint(target.metastore(), target.fileSystem()))
                .divergenceStore(divergenceStore);
        rowComparer.ifPresent(comparer -> builder.rowComparer(comparer, rowSample));
        return builder.build().reconcile(table, depth);
    }
}
