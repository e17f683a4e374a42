package io.strait.scheduler.plan;

import io.strait.common.config.TableFilter;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.job.JobKind;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns one captured event into the jobs a link needs, a pure function. Events Strait itself caused (origin
 * {@code strait}) and tables the link does not select produce no job. A table rename (an ALTER_TABLE whose previous
 * table has another name) whose two names the link selects is one {@link JobKind#RENAME_TABLE} job: the replica is
 * renamed in place and no data is copied again (when there is no replica to rename, that job syncs the table under
 * its new name, see {@link io.strait.common.job.RenameFallback}). A rename out of the link's selection drops the old
 * replica; a rename into it syncs the new one with every partition the event carries (the listener lists them with a
 * rename), so the replica is complete under its new name. A renamed partition (an ALTER_PARTITION whose previous
 * partition has other values) is synced under its new values and its old replica dropped. An INSERT or a
 * COLUMN_STATISTICS event syncs the partition it names, or else the table; a CONSTRAINTS event syncs the table.
 */
public final class EventPlanner {
    private final String link;
    private final TableFilter filter;

    public EventPlanner(String link, TableFilter filter) {
        this.link = link;
        this.filter = filter;
    }

    public List<NewJob> plan(ReplicationEvent event) {
        CapturedEvent captured = event.event();
        if (CapturedEvent.ORIGIN_STRAIT.equals(captured.origin())) {
            return List.of();
        }
        return switch (captured.type()) {
            case CREATE_DATABASE, ALTER_DATABASE -> databaseJob(event, JobKind.SYNC_DATABASE);
            case DROP_DATABASE -> databaseJob(event, JobKind.DROP_DATABASE);
            case CREATE_TABLE -> tableJob(event, JobKind.SYNC_TABLE, tableOf(captured));
            case ALTER_TABLE -> alterTable(event);
            case DROP_TABLE -> tableJob(event, JobKind.DROP_TABLE, tableOf(captured));
            case ADD_PARTITION -> partitionJobs(event, JobKind.SYNC_PARTITION);
            case ALTER_PARTITION -> alterPartition(event);
            case DROP_PARTITION -> partitionJobs(event, JobKind.DROP_PARTITION);
            case INSERT, COLUMN_STATISTICS -> insert(event);
            case CONSTRAINTS -> tableJob(event, JobKind.SYNC_TABLE, tableOf(captured));
        };
    }

    private List<NewJob> databaseJob(ReplicationEvent event, JobKind kind) {
        if (!filter.mayIncludeDatabase(event.event().database())) {
            return List.of();
        }
        return List.of(job(event, kind, ObjectRef.database(event.event().database())));
    }

    private List<NewJob> tableJob(ReplicationEvent event, JobKind kind, TableRef table) {
        if (!filter.includesTable(table.database(), table.table())) {
            return List.of();
        }
        return List.of(job(event, kind, ObjectRef.table(table)));
    }

    private List<NewJob> alterTable(ReplicationEvent event) {
        TableRef table = tableOf(event.event());
        TableSnapshot previous = event.event().snapshot().previousTable();
        boolean renamed = previous != null && !previous.ref().equals(table);
        if (!renamed) {
            return tableJob(event, JobKind.SYNC_TABLE, table);
        }
        boolean oldSelected = filter.includesTable(previous.ref().database(), previous.ref().table());
        boolean newSelected = filter.includesTable(table.database(), table.table());
        if (oldSelected && newSelected) {
            return List.of(NewJob.rename(link, previous.ref(), table, event.id(), event.event().capturedAtMillis()));
        }
        List<NewJob> jobs = new ArrayList<>();
        if (oldSelected) {
            jobs.addAll(tableJob(event, JobKind.DROP_TABLE, previous.ref()));
        }
        if (newSelected) {
            jobs.addAll(tableJob(event, JobKind.SYNC_TABLE, table));
            jobs.addAll(partitionJobs(event, JobKind.SYNC_PARTITION));
        }
        return jobs;
    }

    private List<NewJob> partitionJobs(ReplicationEvent event, JobKind kind) {
        TableRef table = tableOf(event.event());
        if (!filter.includesTable(table.database(), table.table())) {
            return List.of();
        }
        List<NewJob> jobs = new ArrayList<>();
        for (PartitionSnapshot partition : event.event().snapshot().partitions()) {
            jobs.add(job(event, kind, ObjectRef.partition(partition.ref())));
        }
        return jobs;
    }

    /**
     * The altered partition is synced; a partition renamed (other values after the change than before, as
     * {@code ALTER TABLE ... PARTITION ... RENAME TO PARTITION ...} makes it) also has the replica under its old
     * values dropped.
     */
    private List<NewJob> alterPartition(ReplicationEvent event) {
        List<NewJob> jobs = partitionJobs(event, JobKind.SYNC_PARTITION);
        if (jobs.isEmpty()) {
            return jobs;
        }
        Set<List<String>> after = new HashSet<>();
        event.event().snapshot().partitions().forEach(partition -> after.add(partition.ref().values()));
        for (PartitionSnapshot before : event.event().snapshot().previousPartitions()) {
            if (!after.contains(before.ref().values())) {
                jobs.add(job(event, JobKind.DROP_PARTITION, ObjectRef.partition(before.ref())));
            }
        }
        return jobs;
    }

    private List<NewJob> insert(ReplicationEvent event) {
        if (event.event().snapshot().partitions().isEmpty()) {
            return tableJob(event, JobKind.SYNC_TABLE, tableOf(event.event()));
        }
        return partitionJobs(event, JobKind.SYNC_PARTITION);
    }

    private NewJob job(ReplicationEvent event, JobKind kind, ObjectRef object) {
        return new NewJob(link, kind, object, event.id(), event.event().capturedAtMillis());
    }

    private static TableRef tableOf(CapturedEvent event) {
        return new TableRef(event.database(), event.table());
    }
}
