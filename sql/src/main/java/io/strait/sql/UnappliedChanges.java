package io.strait.sql;

/**
 * The one definition of a source change not yet applied in the target, shared by every reader that judges
 * freshness against an SLA (the dashboard's tables and overview, SLA alerts): an EVENT job (repair and bootstrap jobs
 * carry their planning time, not a capture time) that is not SUCCEEDED, CANCELLED or BLOCKED (a blocked object is
 * reported apart: it waits for an operator, not for Strait), unless a later job of the same object SUCCEEDED (it
 * applied the object's newer state). FAILED and UNVERIFIABLE jobs count: their change is missing until an operator
 * acts. A SUPERSEDED job counts too until a later job of its object has SUCCEEDED (or was cancelled or blocked):
 * coalescing hands its change to the newer job, so a partition changed again and again is judged by its oldest change
 * waiting, not by its newest.
 */
public final class UnappliedChanges {
    /**
     * The unapplied jobs as a derived table: {@code link, db_name, table_name, partition_label,
     * source_captured_at_ms}, one row per job. Use it as {@code FROM (} {@value #JOBS} {@code ) u}.
     */
    public static final String JOBS = "SELECT j.link, j.db_name, j.table_name, j.partition_label,"
            + " j.source_captured_at_ms FROM replication_job j WHERE j.origin = 'EVENT'"
            + " AND j.state NOT IN ('SUCCEEDED', 'CANCELLED', 'BLOCKED')"
            + " AND NOT EXISTS (SELECT 1 FROM replication_job later WHERE later.link = j.link"
            + " AND later.db_name = j.db_name AND later.table_name = j.table_name"
            + " AND later.partition_values = j.partition_values AND later.source_event_id > j.source_event_id"
            + " AND (later.state = 'SUCCEEDED'"
            + " OR (j.state = 'SUPERSEDED' AND later.state IN ('CANCELLED', 'BLOCKED'))))";

    private UnappliedChanges() {
    }
}
