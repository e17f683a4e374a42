package io.strait.common.event;

/** Metastore events Strait captures. Renames and truncates arrive as ALTER events with before/after objects. */
public enum EventType {
    CREATE_DATABASE,
    ALTER_DATABASE,
    DROP_DATABASE,
    CREATE_TABLE,
    ALTER_TABLE,
    DROP_TABLE,
    ADD_PARTITION,
    ALTER_PARTITION,
    DROP_PARTITION,
    INSERT,
    /**
     * Column statistics of a table, or of one partition when the event names one, were written or deleted (what
     * {@code ANALYZE ... FOR COLUMNS} does); the object's other fields did not change.
     */
    COLUMN_STATISTICS,
    /**
     * A constraint of the table (a primary, foreign or unique key, a {@code NOT NULL}, {@code DEFAULT} or
     * {@code CHECK} constraint) was added or dropped; the table's other fields did not change.
     */
    CONSTRAINTS
}
