package io.strait.reparo;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventType;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.job.JobKind;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.TableRef;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns replication work of the state store into what is in flight for one table ({@link InFlight}). A pure function.
 * <ul>
 *   <li>jobs (given unsettled: neither terminal nor BLOCKED): a database job puts the table itself in flight, a
 *       table job the table itself ({@code DROP_TABLE}: the whole table), a partition job its partition; a
 *       {@code RENAME_TABLE} job the whole table under either of its names;</li>
 *   <li>source events not yet replicated: a database event puts the table itself in flight, {@code CREATE_TABLE} and
 *       {@code DROP_TABLE} the whole table, {@code ALTER_TABLE} the table itself, partition events and
 *       {@code INSERT} each partition they name (before and after an alter), or the table itself when they name
 *       none (an unpartitioned table's insert).</li>
 * </ul>
 * Work on other tables is ignored.
 */
public final class InFlightWork {
    private InFlightWork() {
    }

    public static InFlight of(TableRef table, Collection<ReplicationJob> jobs, Collection<ReplicationEvent> events) {
        InFlight.Builder builder = InFlight.builder();
        jobs.forEach(job -> addJob(table, job, builder));
        events.forEach(event -> addEvent(table, event, builder));
        return builder.build();
    }

    private static void addJob(TableRef table, ReplicationJob job, InFlight.Builder builder) {
        ObjectRef object = job.object();
        if (job.kind() == JobKind.RENAME_TABLE) {
            if (table.equals(object.tableRef()) || table.equals(job.renamedFrom())) {
                builder.wholeTable("job " + job.id() + " " + job.kind() + " " + job.state() + " (" + job.renamedFrom()
                        + " to " + object.tableRef() + ")");
            }
            return;
        }
        if (!object.database().equals(table.database())) {
            return;
        }
        String reason = "job " + job.id() + " " + job.kind() + " " + job.state();
        switch (object.level()) {
            case DATABASE -> builder.table(reason + " (database " + object.database() + ")");
            case TABLE -> {
                if (object.table().equals(table.table())) {
                    if (job.kind() == JobKind.DROP_TABLE) {
                        builder.wholeTable(reason);
                    } else {
                        builder.table(reason);
                    }
                }
            }
            case PARTITION -> {
                if (object.table().equals(table.table())) {
                    builder.partition(object.partitionValues(), reason);
                }
            }
        }
    }

    private static void addEvent(TableRef table, ReplicationEvent replicationEvent, InFlight.Builder builder) {
        CapturedEvent event = replicationEvent.event();
        if (!event.database().equalsIgnoreCase(table.database())) {
            return;
        }
        String reason = "event " + replicationEvent.id() + " " + event.type() + " not yet replicated";
        if (event.table().isEmpty()) {
            builder.table(reason + " (database " + table.database() + ")");
            return;
        }
        if (!event.table().equalsIgnoreCase(table.table())) {
            return;
        }
        if (event.type() == EventType.CREATE_TABLE || event.type() == EventType.DROP_TABLE) {
            builder.wholeTable(reason);
            return;
        }
        Set<List<String>> partitions = partitionsOf(event);
        if (event.type() == EventType.ALTER_TABLE || partitions.isEmpty()) {
            builder.table(reason);
            return;
        }
        partitions.forEach(values -> builder.partition(values, reason));
    }

    private static Set<List<String>> partitionsOf(CapturedEvent event) {
        Set<List<String>> values = new LinkedHashSet<>();
        for (List<PartitionSnapshot> partitions : List.of(event.snapshot().partitions(),
                event.snapshot().previousPartitions())) {
            partitions.forEach(partition -> values.add(partition.ref().values()));
        }
        return values;
    }
}
