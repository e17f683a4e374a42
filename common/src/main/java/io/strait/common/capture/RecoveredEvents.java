package io.strait.common.capture;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.EventSnapshot;
import io.strait.common.event.EventType;
import io.strait.common.metastore.NotificationEntry;
import io.strait.common.metastore.PartitionRef;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StorageFormat;
import io.strait.common.metastore.StraitParameters;
import io.strait.common.metastore.TableRef;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.region.RegionId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The captured event of a notification-log entry the listeners lost, a pure function. The event names the objects
 * (database, table, the partitions the message lists) and carries the entry's notification id and time; the jobs
 * planned from it read the source's state when they run, as for any event. The table's current snapshot (when it
 * still exists) gives the object version and the origin (a table Strait published is Strait's own change, never
 * replicated back). A renamed partition (an alter whose partition has other values after than before) is the
 * partition under its new values, with the old ones as its previous partition, as the listener records it. Empty
 * when the entry cannot be turned into an event faithfully (a table rename, an unreadable message): the caller
 * repairs its tables by a scan.
 */
public final class RecoveredEvents {
    private RecoveredEvents() {
    }

    /** @param currentTable the entry's table as the source holds it now, null when absent or not a table event */
    public static Optional<CapturedEvent> of(RegionId region, NotificationEntry entry, TableSnapshot currentTable) {
        EventType type;
        try {
            type = EventType.valueOf(entry.type());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (NotificationMessages.renamedFrom(entry).isPresent()) {
            return Optional.empty();
        }
        Optional<List<List<String>>> partitions = NotificationMessages.partitionValues(entry);
        if (partitions.isEmpty()) {
            return Optional.empty();
        }
        String database = entry.database().toLowerCase(Locale.ROOT);
        String table = entry.table().toLowerCase(Locale.ROOT);
        EventSnapshot snapshot;
        if (table.isEmpty()) {
            snapshot = EventSnapshot.ofDatabase(null);
        } else {
            TableRef ref = TableRef.of(database, table);
            TableSnapshot shown = currentTable != null && currentTable.ref().equals(ref) ? currentTable : null;
            List<PartitionSnapshot> named = partitions.get().stream().map(values -> named(ref, values)).toList();
            Optional<List<String>> renamedTo = NotificationMessages.renamedPartitionValues(entry);
            snapshot = renamedTo.isPresent()
                    ? new EventSnapshot(null, shown, List.of(named(ref, renamedTo.get())), null, named, List.of())
                    : EventSnapshot.ofPartitions(shown, named);
        }
        boolean strait = snapshot.table() != null
                && snapshot.table().parameters().containsKey(StraitParameters.SOURCE_REGION);
        return Optional.of(new CapturedEvent(region, type, database, table, entry.eventTimeSeconds() * 1000L,
                strait ? CapturedEvent.ORIGIN_STRAIT : CapturedEvent.ORIGIN_WRITER, snapshot, entry.id()));
    }

    private static PartitionSnapshot named(TableRef table, List<String> values) {
        return new PartitionSnapshot(PartitionRef.of(table, values), "", List.of(), StorageFormat.NONE, Map.of());
    }
}
