package io.strait.common.job;

/**
 * Why a job exists, persisted with it ({@code replication_job.origin}) and shown by {@code strait jobs} and
 * {@code strait job}.
 */
public enum JobOrigin {
    /** Planned from a captured metastore event; its source event id is that event's. */
    EVENT,
    /**
     * Planned by {@code strait reconcile --repair} (or a scheduled reconcile's automatic repair) from a divergence;
     * its source event id is the link's event position when the repair was planned.
     */
    REPAIR,
    /** Planned by {@code strait bootstrap}; its source event id is the event position recorded before the scan. */
    BOOTSTRAP;

    /**
     * True when a publish of this origin may replace a replica that already records the same source event id.
     * A repair or bootstrap job carries the event position at plan time, which a replica may already carry (a
     * corrupted replica of the newest event): it must still be rewritten. An event job with the id its replica
     * already records is a repeat and changes nothing.
     */
    public boolean republishesSameEvent() {
        return this != EVENT;
    }
}
