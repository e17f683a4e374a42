package io.strait.reparo.repair;

/**
 * What a repair does to one object of the target region, in order of precedence: when divergences on one object
 * call for different kinds, the first declared wins (a table whose partition keys drifted is re-created, which also
 * repairs its schema). Every kind runs as ordinary replication jobs (see
 * {@link RepairJobs}); the source region is only read.
 */
public enum RepairActionKind {
    /** Replicate the database's metadata again (create it when missing). */
    SYNC_DATABASE("replicate the database again"),
    /** Drop the replica table and replicate the table again with every partition the source has. */
    RECREATE_TABLE("drop the replica, replicate the table again with all its partitions"),
    /** Drop an extra replica table; its data folders move to the quarantine. */
    DROP_TABLE("drop the extra table, its data to the quarantine"),
    /** Replicate a table missing in the target: its metadata, then every partition the source has. */
    COPY_TABLE("replicate the table with all its partitions"),
    /** Replicate the table's metadata again and, for an unpartitioned table, a new verified data version. */
    SYNC_TABLE("replicate the table again"),
    /** Drop an extra replica partition; its data folder moves to the quarantine. */
    DROP_PARTITION("drop the extra partition, its data to the quarantine"),
    /** Replicate the partition again: its metadata and a new verified data version. */
    SYNC_PARTITION("replicate the partition again");

    private final String description;

    RepairActionKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** True for the kinds that remove an object the source does not have. */
    public boolean removesExtraObject() {
        return this == DROP_TABLE || this == DROP_PARTITION;
    }

    /** True for table kinds that replicate every partition of the table (so no partition needs its own action). */
    public boolean coversEveryPartition() {
        return this == RECREATE_TABLE || this == COPY_TABLE || this == DROP_TABLE;
    }
}
