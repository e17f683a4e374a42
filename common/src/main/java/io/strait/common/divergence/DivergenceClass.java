package io.strait.common.divergence;

/**
 * The kinds of difference reconcile finds between a source object and its replica. Each field a replica carries
 * (see {@code ReplicaForm}) drifts under exactly one class.
 */
public enum DivergenceClass {
    /** The table's database is absent in the target. */
    MISSING_DATABASE,
    /**
     * The table's database differs: description, owner, kind (native or remote), parameters, location, managed
     * location.
     */
    DATABASE_DRIFT,
    MISSING_TABLE,
    EXTRA_TABLE,
    TABLE_TYPE_DRIFT,
    /** Columns (names, types, comments, order) of a table, or of a partition's own schema. */
    SCHEMA_DRIFT,
    PARTITION_KEY_DRIFT,
    /**
     * A table or partition that does not lie where Strait places its replica: a partitioned table at the source's
     * location mapped to the target's roots, an unpartitioned table's or a partition's data in a Strait version
     * folder. A database's location drifts as {@link #DATABASE_DRIFT}.
     */
    LOCATION_DRIFT,
    /**
     * Input/output format, serde library, name, parameters and details (description, serializer and deserializer
     * classes, serde type), compression, storage descriptor parameters.
     */
    STORAGE_DRIFT,
    /** Bucket count, bucket columns, sort columns. */
    BUCKETING_DRIFT,
    /** Skewed columns, values and locations, stored-as-subdirectories. */
    SKEW_DRIFT,
    /** A view's original or expanded text. */
    VIEW_DRIFT,
    OWNER_DRIFT,
    PARAMETER_DRIFT,
    /** Basic statistics parameters (numRows, totalSize, ...) or column statistics. */
    STATISTICS_DRIFT,
    /** A table's constraints: primary, foreign and unique keys, {@code NOT NULL}, {@code DEFAULT}, {@code CHECK}. */
    CONSTRAINT_DRIFT,
    MISSING_PARTITION,
    EXTRA_PARTITION,
    MISSING_FILE,
    EXTRA_FILE,
    /**
     * Same relative path, other size or checksum; at {@code files} depth also a source file modified since the
     * version Strait verified into the replica.
     */
    DIFFERENT_FILE,
    /**
     * At {@code rows} depth: the object's rows differ as multisets (count, or an order-independent hash of all rows);
     * the detail gives the rows found on one side only, with a sample.
     */
    DIFFERENT_ROWS,
    /**
     * Not a divergence: the object had replication work in flight during the scan (an unsettled job, or a source
     * event not yet replicated), so the two regions were not compared at one consistent cut; the detail says why and
     * what differed at scan time.
     */
    IN_FLIGHT
}
