package io.strait.common.job;

/** What a job does to the target region. */
public enum JobKind {
    /** Create or update the target database. Metadata only. */
    SYNC_DATABASE,
    /** Create or update the target table; for an unpartitioned table also publish a new data version. */
    SYNC_TABLE,
    /** Publish a new complete version of a partition: copy, verify, then switch its location. */
    SYNC_PARTITION,
    /**
     * Rename the target replica of a table in place (the job's object is the new name, {@code renamedFrom} the old
     * one): metadata only, the data stays in its version folders. It locks both names.
     */
    RENAME_TABLE,
    DROP_PARTITION,
    DROP_TABLE,
    DROP_DATABASE;

    public boolean isDrop() {
        return this == DROP_PARTITION || this == DROP_TABLE || this == DROP_DATABASE;
    }
}
