package io.strait.scheduler.run;

import io.strait.common.copy.VersionFolders;
import io.strait.common.error.StraitException;
import io.strait.common.job.JobPlan;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.FileEntry;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a job will publish from the source region, now: the source objects, the listing of their data
 * directory, and the fresh version folder in the target region (the mapped location plus
 * {@link VersionFolders#versionFolder}, unique per job and attempt). Empty when the source object no longer exists
 * (a later drop event covers it).
 */
public final class PlanBuilder {
    private final LinkRuntime link;

    public PlanBuilder(LinkRuntime link) {
        this.link = link;
    }

    public Optional<JobPlan> build(ReplicationJob job) {
        return switch (job.kind()) {
            case SYNC_DATABASE -> link.sourceMetastore().getDatabase(job.object().database()).map(PlanBuilder::databasePlan);
            case SYNC_TABLE -> link.sourceMetastore().getTable(job.object().tableRef()).map(table -> tablePlan(job, table));
            case SYNC_PARTITION -> partitionPlan(job);
            case DROP_PARTITION, DROP_TABLE, DROP_DATABASE -> Optional.of(new JobPlan(null, null, null, "", "", List.of()));
        };
    }

    private static JobPlan databasePlan(DatabaseSnapshot database) {
        return new JobPlan(database, null, null, "", "", List.of());
    }

    private JobPlan tablePlan(ReplicationJob job, TableSnapshot table) {
        if (table.isPartitioned() || table.isView() || table.location().isEmpty()) {
            return new JobPlan(null, table, null, "", "", List.of());
        }
        return new JobPlan(null, table, null, table.location(), versionFolder(job, table.location()),
                list(table.location()), link.sourceMetastore().getTableColumnStatistics(table.ref()));
    }

    private Optional<JobPlan> partitionPlan(ReplicationJob job) {
        Optional<TableSnapshot> table = link.sourceMetastore().getTable(job.object().tableRef());
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Optional<PartitionSnapshot> partition = link.sourceMetastore().getPartition(job.object().partitionRef());
        return partition.map(found -> new JobPlan(null, table.get(), found, found.location(),
                versionFolder(job, found.location()), list(found.location()), link.sourceMetastore()
                        .getPartitionColumnStatistics(found.ref().table(), List.of(found.ref()))
                        .getOrDefault(found.ref(), List.of())));
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
