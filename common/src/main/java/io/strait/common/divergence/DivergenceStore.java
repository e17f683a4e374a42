package io.strait.common.divergence;

/** Stores reconcile scans and their divergences. Implementation: {@code JdbcDivergenceStore} (sql). */
public interface DivergenceStore {
    /** Stores the scan and each of its divergences; returns the scan id. */
    long record(ReconcileScan scan);
}
