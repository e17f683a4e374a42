package io.strait.reparo.repair;

import io.strait.common.divergence.ReconcileScan;
import java.util.List;

/**
 * One reconcile of a fixed scope (tables, depth, link), run again after a repair to see what is left. Each call scans
 * the regions as they are now.
 */
@FunctionalInterface
public interface ScopeScan {
    List<ReconcileScan> scan();
}
