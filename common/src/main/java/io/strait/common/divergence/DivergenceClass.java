package io.strait.common.divergence;

/** The kinds of difference reconcile finds between a source object and its replica. */
public enum DivergenceClass {
    MISSING_DATABASE,
    MISSING_TABLE,
    EXTRA_TABLE,
    TABLE_TYPE_DRIFT,
    SCHEMA_DRIFT,
    PARTITION_KEY_DRIFT,
    STORAGE_DRIFT,
    PARAMETER_DRIFT,
    MISSING_PARTITION,
    EXTRA_PARTITION,
    MISSING_FILE,
    EXTRA_FILE,
    DIFFERENT_FILE
}
