package io.strait.common.capture;

import io.strait.common.metastore.NotificationEntry;
import io.strait.common.metastore.ReplicatedCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compares a source metastore's notification log with what Strait's listeners recorded, a pure function. Every
 * change the metastore commits gets the next notification id inside its own transaction (ids have no gaps), and
 * Strait's listener records that id with its event. So an id of an event type Strait captures that is in the log
 * but not recorded is an event the listeners lost (a write that never reached the state store), unless it is of
 * another catalog than the replicated one ({@link ReplicatedCatalog}), which the listeners leave out; an id range
 * below the log's oldest entry that was never checked has expired from the log: its events can no longer be read
 * back.
 * Entries younger than the settle time are left for the next check: a listener may still be writing them (or
 * replaying them from its spool).
 */
public final class NotificationCrossCheck {
    /**
     * Hive's event types Strait captures (its listener records them with their notification id). The column
     * statistics types are written by Hive Metastore 4.x only; a lost one cannot be read back as an event (its
     * message names no snapshot Strait plans from), so its table is repaired by a scan. Constraint changes
     * ({@code ADD_PRIMARYKEY}, ..., {@code DROP_CONSTRAINT}) are not among them: the metastore hands the listeners
     * those events without their notification id, so they cannot be matched; a lost one shows as a
     * {@code CONSTRAINT_DRIFT} in the next reconcile.
     */
    public static final Set<String> CAPTURED_TYPES = Set.of("CREATE_DATABASE", "ALTER_DATABASE", "DROP_DATABASE",
            "CREATE_TABLE", "ALTER_TABLE", "DROP_TABLE", "ADD_PARTITION", "ALTER_PARTITION", "DROP_PARTITION",
            "INSERT", "UPDATE_TABLE_COLUMN_STAT", "DELETE_TABLE_COLUMN_STAT", "UPDATE_PARTITION_COLUMN_STAT",
            "UPDATE_PARTITION_COLUMN_STAT_BATCH", "DELETE_PARTITION_COLUMN_STAT");

    /**
     * The outcome: entries to read back ({@code missing}), notification ids that are gone from the log and were not
     * recorded by the listeners either ({@code expired}: their events are lost, tables unknown) and how far the log
     * is checked now.
     */
    public record Check(List<NotificationEntry> missing, List<SequenceRange> expired, long checkedThrough) {
        public Check {
            missing = List.copyOf(missing);
            expired = List.copyOf(expired);
        }
    }

    private NotificationCrossCheck() {
    }

    /**
     * @param checkedThrough every notification id up to it was checked
     * @param entries the log's entries after {@code checkedThrough}, by id (a page)
     * @param recorded the notification ids Strait's listeners recorded from {@code checkedThrough + 1} up to the last
     *     entry's id
     * @param settledBeforeSeconds entries written after this (epoch seconds) are not checked yet
     */
    public static Check check(long checkedThrough, List<NotificationEntry> entries, Set<Long> recorded,
            long settledBeforeSeconds) {
        List<NotificationEntry> missing = new ArrayList<>();
        List<SequenceRange> expired = new ArrayList<>();
        long through = checkedThrough;
        for (NotificationEntry entry : entries) {
            if (entry.id() <= through) {
                continue;
            }
            if (entry.eventTimeSeconds() > settledBeforeSeconds) {
                break;
            }
            if (entry.id() > through + 1) {
                expired.addAll(unrecorded(through + 1, entry.id() - 1, recorded));
            }
            if (CAPTURED_TYPES.contains(entry.type()) && ReplicatedCatalog.contains(entry.catalog())
                    && !recorded.contains(entry.id())) {
                missing.add(entry);
            }
            through = entry.id();
        }
        return new Check(missing, expired, through);
    }

    /** The ranges of {@code first..last} not in {@code recorded}. */
    private static List<SequenceRange> unrecorded(long first, long last, Set<Long> recorded) {
        List<Long> inside = recorded.stream().filter(id -> id >= first && id <= last).sorted().toList();
        List<SequenceRange> ranges = new ArrayList<>();
        long next = first;
        for (long id : inside) {
            if (id > next) {
                ranges.add(new SequenceRange(next, id - 1));
            }
            next = id + 1;
        }
        if (next <= last) {
            ranges.add(new SequenceRange(next, last));
        }
        return ranges;
    }
}
