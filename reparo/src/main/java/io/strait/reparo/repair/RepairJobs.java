package io.strait.reparo.repair;

import io.strait.common.job.JobKind;
import io.strait.common.job.JobOrigin;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.MetastoreGateway;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns the actions of a {@link RepairPlan} into ordinary replication jobs, in plan order (so that the job DAG, which
 * keeps id order on conflicting objects, runs a database before its tables and a table before its partitions):
 * <ul>
 *   <li>{@code SYNC_DATABASE}, {@code SYNC_TABLE}, {@code SYNC_PARTITION}, {@code DROP_TABLE},
 *       {@code DROP_PARTITION}: the job of the same kind on the object;</li>
 *   <li>{@code COPY_TABLE}: {@code SYNC_TABLE}, then a {@code SYNC_PARTITION} per partition the source region has
 *       now (read here: a scan does not list the partitions of a table the target lacks);</li>
 *   <li>{@code RECREATE_TABLE}: {@code DROP_TABLE}, then as {@code COPY_TABLE}.</li>
 * </ul>
 * Every job carries the origin and, as its source event id, the link's event position when the repair was planned:
 * the publisher then rewrites a replica that records that same event (a corrupted replica of the newest event), and
 * an event job planned later on the object runs after it and is skipped unless its event is newer. Reads the source
 * region only.
 */
public final class RepairJobs {
    private final String link;
    private final MetastoreGateway source;
    private final JobOrigin origin;
    private final long eventPosition;
    private final long plannedAtMillis;

    /**
     * @param link the link the jobs belong to
     * @param source the source region's metastore (read for the partitions of tables replicated whole)
     * @param origin REPAIR or BOOTSTRAP
     * @param eventPosition the newest event id captured from the source region when the repair was planned
     * @param plannedAtMillis when it was planned (the jobs' capture time: their lag is the repair's duration)
     */
    public RepairJobs(String link, MetastoreGateway source, JobOrigin origin, long eventPosition,
            long plannedAtMillis) {
        this.link = Objects.requireNonNull(link, "link");
        this.source = Objects.requireNonNull(source, "source");
        if (origin == JobOrigin.EVENT) {
            throw new IllegalArgumentException("repair jobs are of origin REPAIR or BOOTSTRAP, not EVENT");
        }
        this.origin = origin;
        this.eventPosition = eventPosition;
        this.plannedAtMillis = plannedAtMillis;
    }

    /** The jobs of {@code action}, in the order they must run. */
    public List<NewJob> jobsFor(RepairAction action) {
        ObjectRef object = action.object();
        return switch (action.kind()) {
            case SYNC_DATABASE -> List.of(job(JobKind.SYNC_DATABASE, object));
            case SYNC_TABLE -> List.of(job(JobKind.SYNC_TABLE, object));
            case SYNC_PARTITION -> List.of(job(JobKind.SYNC_PARTITION, object));
            case DROP_TABLE -> List.of(job(JobKind.DROP_TABLE, object));
            case DROP_PARTITION -> List.of(job(JobKind.DROP_PARTITION, object));
            case COPY_TABLE -> wholeTable(object.tableRef());
            case RECREATE_TABLE -> {
                List<NewJob> jobs = new ArrayList<>();
                jobs.add(job(JobKind.DROP_TABLE, object));
                jobs.addAll(wholeTable(object.tableRef()));
                yield jobs;
            }
        };
    }

    private List<NewJob> wholeTable(TableRef table) {
        List<NewJob> jobs = new ArrayList<>();
        jobs.add(job(JobKind.SYNC_TABLE, ObjectRef.table(table)));
        if (source.getTable(table).map(snapshot -> snapshot.isPartitioned()).orElse(false)) {
            for (PartitionSnapshot partition : source.listPartitions(table)) {
                jobs.add(job(JobKind.SYNC_PARTITION, ObjectRef.partition(partition.ref())));
            }
        }
        return jobs;
    }

    private NewJob job(JobKind kind, ObjectRef object) {
        return new NewJob(link, kind, object, eventPosition, plannedAtMillis, origin);
    }
}
