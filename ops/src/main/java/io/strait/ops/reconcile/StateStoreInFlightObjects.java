package io.strait.ops.reconcile;

import io.strait.common.event.ReplicationEvent;
import io.strait.common.job.JobStore;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import io.strait.reparo.InFlightObjects;
import io.strait.reparo.InFlightWork;
import io.strait.sql.job.JdbcReconcileReads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * In-flight work of a link from the state store, for reconcile's consistent cut. When the scan of a table starts:
 * the link's planner cursor and the table's unsettled jobs (neither terminal nor BLOCKED, the table's database's
 * jobs included); once both regions are read: the table's unsettled jobs again, and the writer events of the table
 * (or its database) in the source region after that cursor, i.e. captured but not yet planned into jobs when the
 * scan started, or captured since. A job settled by the end of the scan still counts: it may have published
 * between the reads of the two regions.
 */
public final class StateStoreInFlightObjects implements InFlightObjects {
    private final JdbcReconcileReads reads;
    private final JobStore jobs;
    private final String link;
    private final RegionId source;

    public StateStoreInFlightObjects(JdbcReconcileReads reads, JobStore jobs, String link, RegionId source) {
        this.reads = Objects.requireNonNull(reads, "reads");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.link = Objects.requireNonNull(link, "link");
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public Watch watch(TableRef table) {
        long cursor = jobs.plannerCursor(link);
        List<ReplicationJob> atStart = reads.unsettledJobs(link, table);
        return () -> {
            Map<Long, ReplicationJob> byId = new LinkedHashMap<>();
            atStart.forEach(job -> byId.put(job.id(), job));
            reads.unsettledJobs(link, table).forEach(job -> byId.put(job.id(), job));
            List<ReplicationEvent> events = reads.eventsAfter(source, cursor, table);
            return InFlightWork.of(table, byId.values(), events);
        };
    }
}
