package io.strait.ops.cli;

import io.strait.common.divergence.DivergenceStore;
import io.strait.common.divergence.ReconcileScan;
import java.io.PrintWriter;
import java.sql.SQLException;

/**
 * Records {@code strait reconcile}'s scans in the state store, unless its user may only read: then the scans are
 * printed but not recorded, said once on stderr, and reconcile goes on (a read-only user can reconcile).
 */
final class ScanRecording implements DivergenceStore {
    /** MySQL/MariaDB errors for a statement the user has no privilege for. */
    private static final java.util.Set<Integer> PRIVILEGE_ERRORS = java.util.Set.of(1142, 1044, 1227, 1290);

    private final DivergenceStore store;
    private final PrintWriter err;
    private boolean readOnly;

    ScanRecording(DivergenceStore store, PrintWriter err) {
        this.store = store;
        this.err = err;
    }

    @Override
    public synchronized long record(ReconcileScan scan) {
        if (readOnly) {
            return -1;
        }
        try {
            return store.record(scan);
        } catch (RuntimeException e) {
            SQLException denied = privilegeError(e);
            if (denied == null) {
                throw e;
            }
            readOnly = true;
            err.println("strait reconcile: scans are not recorded in the state store (the user may only read: "
                    + denied.getMessage() + "); the results below are complete, but report and the dashboard will"
                    + " not show them");
            err.flush();
            return -1;
        }
    }

    private static SQLException privilegeError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && PRIVILEGE_ERRORS.contains(sql.getErrorCode())) {
                return sql;
            }
        }
        return null;
    }
}
