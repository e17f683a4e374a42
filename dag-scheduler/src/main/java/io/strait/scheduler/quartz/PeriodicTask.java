package io.strait.scheduler.quartz;

import java.time.Duration;

/**
 * Work that Quartz runs every {@link #interval()} besides the replication cycles, e.g. a link's scheduled reconcile.
 * Implemented outside the scheduler (the work may need the regions' filesystems, which the scheduler never sees);
 * {@link PeriodicTaskJob} only delegates to it. One run at a time per task across the Quartz cluster.
 */
public interface PeriodicTask {
    /** A name unique among the tasks, stable across restarts (the Quartz job and trigger are named after it). */
    String name();

    Duration interval();

    /** One run. Failures are logged by the caller; the next run comes at the next interval. */
    void runOnce();
}
