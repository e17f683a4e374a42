package io.strait.ops.repair;

import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.divergence.ReconcileScan;
import io.strait.ops.reconcile.ReconcileService;
import io.strait.reparo.ReconcileScope;
import io.strait.reparo.repair.ScopeScan;
import java.util.List;

/** A {@link ScopeScan} through the {@link ReconcileService}: the scope resolved again and every table reconciled. */
public final class ScopeScans {
    private ScopeScans() {
    }

    /** Each call resolves {@code scope} in both regions (within the link's tables) and reconciles every table. */
    public static ScopeScan of(ReconcileService service, LinkConfig link, ReconcileScope scope, ReconcileDepth depth) {
        return () -> service.resolve(scope, link.tableFilter()).tables().stream()
                .map(table -> service.reconcile(table, depth)).toList();
    }

    /** The scans as one line each for the failed ones (they were not checked), for a repair's log. */
    static String failures(List<ReconcileScan> scans) {
        StringBuilder text = new StringBuilder();
        scans.stream().filter(scan -> scan.status() == ReconcileScan.Status.FAILED)
                .forEach(scan -> text.append("  not checked: ").append(scan.table()).append(": ").append(scan.error())
                        .append('\n'));
        return text.toString();
    }
}
