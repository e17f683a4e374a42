package io.strait.common.report;

import io.strait.common.job.JobState;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the state store says now about one table or partition of a link: the input of {@link LatenessExplainer}.
 *
 * @param link the link
 * @param sourceRegion the link's source region
 * @param database the database
 * @param table the table
 * @param partition the partition's values joined by {@code /}; empty for the whole table
 * @param nowMillis now
 * @param sla the link's SLA
 * @param pause the operator's pause of the link, when it is paused
 * @param job the job that decides: the oldest unsettled job of the object (for a table, of any of its objects),
 *     else its newest FAILED, UNVERIFIABLE or BLOCKED job that no later job made obsolete; empty when none
 * @param holder the earlier unsettled job holding a lock that conflicts with {@code job}, when it waits for one
 * @param queuePosition {@code job}'s 1-based position among the link's runnable jobs, when it is runnable
 * @param runnableJobs how many jobs of the link are runnable now
 * @param copy how far {@code job}'s copy got, when it is in flight
 * @param nextAttemptAtMillis when {@code job} (RETRY_WAIT) may run again
 * @param applied the newest source change applied to the replica (the table's watermark), when any
 * @param everCaptured whether any job was ever planned for the object
 * @param listenerLastContactMillis capture time of the source region's newest event, when any
 * @param unplannedEvents events of the source region captured past the link's planner cursor
 * @param spooledEvents events the source region's listener holds in its local spool, when listeners report it
 */
public record LatenessSnapshot(String link, String sourceRegion, String database, String table, String partition,
        long nowMillis, Duration sla, Optional<Pause> pause, Optional<JobFacts> job, Optional<JobFacts> holder,
        OptionalInt queuePosition, int runnableJobs, Optional<CopyFacts> copy, OptionalLong nextAttemptAtMillis,
        Optional<Applied> applied, boolean everCaptured, OptionalLong listenerLastContactMillis,
        long unplannedEvents, OptionalLong spooledEvents) {
    public LatenessSnapshot {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(sourceRegion, "sourceRegion");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(queuePosition, "queuePosition");
        Objects.requireNonNull(copy, "copy");
        Objects.requireNonNull(nextAttemptAtMillis, "nextAttemptAtMillis");
        Objects.requireNonNull(applied, "applied");
        Objects.requireNonNull(listenerLastContactMillis, "listenerLastContactMillis");
        Objects.requireNonNull(spooledEvents, "spooledEvents");
    }

    /** {@code db.table} or {@code db.table/partition}. */
    public String objectName() {
        return database + "." + table + (partition.isEmpty() ? "" : "/" + partition);
    }

    /** An operator's pause of the link. */
    public record Pause(String by, String reason, long sinceMillis) {
    }

    /**
     * A job as the explanation needs it.
     *
     * @param object {@code db.table} or {@code db.table/partition values}
     */
    public record JobFacts(long id, JobState state, String kind, String object, int attempts, String lastError,
            long sourceCapturedAtMillis, long updatedAtMillis) {
        public JobFacts {
            Objects.requireNonNull(state, "state");
            lastError = lastError == null ? "" : lastError;
        }
    }

    /**
     * A copy in flight.
     *
     * @param copyingSinceMillis when the job started its current attempt (its last claim)
     */
    public record CopyFacts(long bytesDone, long bytesTotal, long filesDone, long filesTotal,
            long copyingSinceMillis) {
    }

    /** The newest source change applied: its event, its capture time, when the replica committed it. */
    public record Applied(long sourceEventId, long capturedAtMillis, long committedAtMillis) {
    }
}
