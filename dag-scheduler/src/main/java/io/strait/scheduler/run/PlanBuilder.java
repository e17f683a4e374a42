package io.strait.scheduler.run;

import io.strait.common.copy.VersionFolders;
import io.strait.common.error.StraitException;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobPlan;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.Replicability;
import io.strait.common.metastore.TableConstraint;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.FileEntry;
import io.strait.common.metastore.ColumnStatistic;
import io.strait.common.metastore.PartitionRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a job will publish from the source region, now: the source objects, the listing of their data
 * directory, and the fresh version folder in the target region (the mapped location plus
 * {@link VersionFolders#versionFolder}, unique per job and attempt). {@link Planned.Gone} when the source object no
 * longer exists (a later drop event covers it); {@link Planned.Blocked} when its table is not replicable.
 */
public final class PlanBuilder {
    private final LinkRuntime link;

    public PlanBuilder(LinkRuntime link) {
        this.link = link;
    }

    /** What planning a job found: a plan, a source object that is gone, or a table Strait must not replicate. */
    public sealed interface Planned {
        record Ready(JobPlan plan) implements Planned {
        }

        /** The source object no longer exists (a later drop event covers it). */
        record Gone() implements Planned {
        }

        /** The source table cannot be replicated faithfully ({@link Replicability}), with the reason. */
        record Blocked(String reason) implements Planned {
        }

        /** Planning this job of a batch failed on its own (e.g. its folder could not be listed); the others go on. */
        record Failed(RuntimeException failure) implements Planned {
        }
    }

    /**
     * Plans {@code job}, reading the source table at most once. A table or partition job whose table is not
     * replicable is {@link Planned.Blocked} before anything is listed (a managed ACID table's location usually lies
     * under no root of the link). Drops are not judged: dropping a replica Strait never created is a no-op.
     */
    public Planned plan(ReplicationJob job) {
        return switch (job.kind()) {
            case SYNC_DATABASE -> ready(link.sourceMetastore().getDatabase(job.object().database())
                    .map(PlanBuilder::databasePlan));
            case SYNC_TABLE, SYNC_PARTITION -> planTableOrPartition(job);
            case RENAME_TABLE -> planRename(job);
            case DROP_PARTITION, DROP_TABLE, DROP_DATABASE ->
                    new Planned.Ready(new JobPlan(null, null, null, "", "", List.of()));
        };
    }

    private Planned planTableOrPartition(ReplicationJob job) {
        Optional<TableSnapshot> table = link.sourceMetastore().getTable(job.object().tableRef());
        if (table.isEmpty()) {
            return new Planned.Gone();
        }
        Optional<String> blocked = Replicability.whyNotReplicable(table.get(), link.name());
        if (blocked.isPresent()) {
            return new Planned.Blocked(blocked.get());
        }
        return job.kind() == JobKind.SYNC_TABLE ? new Planned.Ready(tablePlan(job, table.get()))
                : ready(partitionPlan(job, table.get()));
    }

    /**
     * A rename is metadata only: the source table under its new name, with no data directory. When the table is gone
     * from the source by now the plan has no source table, and the replica under the previous name is dropped (a
     * later drop of the new name finds nothing to drop).
     */
    private Planned planRename(ReplicationJob job) {
        Optional<TableSnapshot> table = link.sourceMetastore().getTable(job.object().tableRef());
        if (table.isEmpty()) {
            return new Planned.Ready(new JobPlan(null, null, null, "", "", List.of()));
        }
        Optional<String> blocked = Replicability.whyNotReplicable(table.get(), link.name());
        if (blocked.isPresent()) {
            return new Planned.Blocked(blocked.get());
        }
        return new Planned.Ready(new JobPlan(null, table.get(), null, "", "", List.of()));
    }

    private static Planned ready(Optional<JobPlan> plan) {
        return plan.<Planned>map(Planned.Ready::new).orElseGet(Planned.Gone::new);
    }

    private static JobPlan databasePlan(DatabaseSnapshot database) {
        return new JobPlan(database, null, null, "", "", List.of());
    }

    /** A table's plan: its metadata, its constraints (a view has none) and, unpartitioned, its data. */
    private JobPlan tablePlan(ReplicationJob job, TableSnapshot table) {
        List<TableConstraint> constraints = table.isView() ? List.of()
                : link.sourceMetastore().getConstraints(table.ref());
        if (table.isPartitioned() || table.isView() || table.location().isEmpty()) {
            return new JobPlan(null, table, null, "", "", List.of()).withSourceConstraints(constraints);
        }
        return new JobPlan(null, table, null, table.location(), versionFolder(job, table.location()),
                list(table.location()), link.sourceMetastore().getTableColumnStatistics(table.ref()), constraints);
    }

    private Optional<JobPlan> partitionPlan(ReplicationJob job, TableSnapshot table) {
        Optional<PartitionSnapshot> partition = link.sourceMetastore().getPartition(job.object().partitionRef());
        return partition.map(found -> new JobPlan(null, table, found, found.location(),
                versionFolder(job, found.location()), list(found.location()), link.sourceMetastore()
                        .getPartitionColumnStatistics(table, List.of(found.ref()))
                        .getOrDefault(found.ref(), List.of())));
    }

    /**
     * Plans SYNC_PARTITION jobs of one table together, one result per job in order: one read of the source table,
     * one of all their partitions and one of their column statistics (three metastore calls, however many
     * partitions), then each partition's folder listed. A partition that is gone is {@link Planned.Gone}, one whose
     * folder cannot be listed {@link Planned.Failed}; a failure to read the table or the partitions throws for all.
     */
    public List<Planned> planPartitions(List<ReplicationJob> jobs) {
        ReplicationJob first = jobs.get(0);
        for (ReplicationJob job : jobs) {
            if (job.kind() != JobKind.SYNC_PARTITION || !job.object().tableRef().equals(first.object().tableRef())) {
                throw new IllegalArgumentException("a batch plans partition jobs of one table, not " + job.kind()
                        + " " + job.object() + " with " + first.object());
            }
        }
        Optional<TableSnapshot> found = link.sourceMetastore().getTable(first.object().tableRef());
        if (found.isEmpty()) {
            return jobs.stream().<Planned>map(job -> new Planned.Gone()).toList();
        }
        TableSnapshot table = found.get();
        Optional<String> blocked = Replicability.whyNotReplicable(table, link.name());
        if (blocked.isPresent()) {
            return jobs.stream().<Planned>map(job -> new Planned.Blocked(blocked.get())).toList();
        }
        List<PartitionRef> refs = jobs.stream().map(job -> job.object().partitionRef()).distinct().toList();
        Map<PartitionRef, PartitionSnapshot> partitions = link.sourceMetastore().getPartitions(table, refs);
        Map<PartitionRef, List<ColumnStatistic>> statistics = partitions.isEmpty() ? Map.of()
                : link.sourceMetastore().getPartitionColumnStatistics(table, List.copyOf(partitions.keySet()));
        List<Planned> planned = new ArrayList<>();
        for (ReplicationJob job : jobs) {
            PartitionSnapshot partition = partitions.get(job.object().partitionRef());
            if (partition == null) {
                planned.add(new Planned.Gone());
                continue;
            }
            try {
                planned.add(new Planned.Ready(new JobPlan(null, table, partition, partition.location(),
                        versionFolder(job, partition.location()), list(partition.location()),
                        statistics.getOrDefault(partition.ref(), List.of()))));
            } catch (RuntimeException e) {
                planned.add(new Planned.Failed(e));
            }
        }
        return planned;
    }

    private String versionFolder(ReplicationJob job, String sourceLocation) {
        return VersionFolders.versionFolder(link.pathMapper().map(sourceLocation), job.id(), Math.max(1, job.attempts()));
    }

    private List<FileEntry> list(String directory) {
        try {
            return link.sourceFileSystem().listFiles(directory);
        } catch (IOException e) {
            throw StraitException.external("Cannot list " + directory + " in region " + link.source() + ": "
                    + e.getMessage(), e);
        }
    }
}
