package io.strait.scheduler.run;

import io.strait.common.job.JobPlan;
import io.strait.common.job.JobState;
import io.strait.common.job.JobStore;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one INFO line per job outcome: after a run, when the job is settled (SUCCEEDED, SUPERSEDED, BLOCKED, FAILED,
 * UNVERIFIABLE, CANCELLED), its id, kind, state, link, table, partition, bytes planned, run duration and, unless it
 * succeeded, the reason. Each transition is logged at DEBUG by the store; a retry (RETRY_WAIT) is logged at WARN by
 * the runner. Logger {@code io.strait.job.outcome}, so that it can be routed or silenced on its own.
 */
public final class JobOutcomeLog {
    static final Logger LOG = LoggerFactory.getLogger("io.strait.job.outcome");

    private JobOutcomeLog() {
    }

    /** Logs the outcome of {@code job}'s run if it ended settled. Never throws: a log line must not fail a job. */
    static void log(JobStore store, ReplicationJob job, long durationMillis) {
        try {
            ReplicationJob end = store.find(job.id()).orElse(null);
            if (end == null || !end.state().isSettled()) {
                return;
            }
            long bytes = store.plan(job.id()).map(JobPlan::totalBytes).orElse(0L);
            String line = line(end, bytes, durationMillis);
            if (end.state() == JobState.FAILED || end.state() == JobState.UNVERIFIABLE) {
                LOG.warn(line);
            } else {
                LOG.info(line);
            }
        } catch (RuntimeException e) {
            LOG.debug("job {} outcome not logged: {}", job.id(), e.getMessage());
        }
    }

    /** Logs the outcome of a run that left {@code end} as it is, if settled; nothing is read from the store. */
    static void log(ReplicationJob end, long bytes, long durationMillis) {
        if (!end.state().isSettled()) {
            return;
        }
        String line = line(end, bytes, durationMillis);
        if (end.state() == JobState.FAILED || end.state() == JobState.UNVERIFIABLE) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
    }

    /** {@code job 12 SUCCEEDED SYNC_PARTITION link us-to-eu table sales.orders partition dt=1 bytes 1024 duration 5 ms}. */
    static String line(ReplicationJob job, long bytes, long durationMillis) {
        ObjectRef object = job.object();
        String table = object.level() == ObjectRef.Level.DATABASE ? object.database() : object.tableRef().toString();
        String partition = object.level() == ObjectRef.Level.PARTITION
                ? String.join("/", object.partitionValues()) : "-";
        String line = String.format(Locale.ROOT, "job %d %s %s link %s table %s partition %s bytes %d duration %d ms"
                + " attempts %d", job.id(), job.state(), job.kind(), job.link(), table, partition, bytes,
                durationMillis, job.attempts());
        if (job.state() != JobState.SUCCEEDED && !job.lastError().isEmpty()) {
            String reason = job.lastError().lines().findFirst().orElse("");
            line += ": " + (reason.length() > 300 ? reason.substring(0, 300) + "..." : reason);
        }
        return line;
    }
}
