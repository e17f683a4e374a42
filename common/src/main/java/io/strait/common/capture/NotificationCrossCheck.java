package io.strait.common.capture;

import io.strait.common.metastore.NotificationEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compares a source metastore's notification log with what Strait's listeners recorded, a pure function. Every
 * change the metastore commits gets the next notification id inside its own transaction (ids have no gaps), and
 * Strait's listener records that id with its event. So an id of an event type Strait captures that is in the log
 * but not recorded is an event the listeners lost (a write that never reached the state store); an id range below
 * the log's oldest entry that was never checked has expired from the log: its events can no longer be read back.
 * Entries younger than the settle time are left for the next check: a listener may still be writing them (or
 * replaying them from its spool).
 */
public final class NotificationCrossCheck {
    /** Hive's event types Strait captures (its listener records them with their notification id). */
    public static final Set<String> CAPTURED_TYPES = Set.of("CREATE_DATABASE", "ALTER_DATABASE", "DROP_DATABASE",
            "CREATE_TABLE", "ALTER_TABLE", "DROP_TABLE", "ADD_PARTITION", "ALTER_PARTITION", "DROP_PARTITION",
            "INSERT");

    /**
     * The outcome: entries to read back ({@code missing}), notification ids expired unchecked ({@code expired},
     * null when none) and how far the log is checked now.
     */
    public record Check(List<NotificationEntry> missing, SequenceRange expired, long checkedThrough) {
        public Check {
            missing = List.copyOf(missing);
        }
    }

    private NotificationCrossCheck() {
    }

    /**
     * @param checkedThrough every notification id up to it was checked
     * @param entries the log's entries after {@code checkedThrough}, by id (a page)
     * @param recorded the notification ids Strait's listeners recorded among those entries' ids
     * @param settledBeforeSeconds entries written after this (epoch seconds) are not checked yet
     */
    public static Check check(long checkedThrough, List<NotificationEntry> entries, Set<Long> recorded,
            long settledBeforeSeconds) {
        List<NotificationEntry> missing = new ArrayList<>();
        SequenceRange expired = null;
        long through = checkedThrough;
        for (NotificationEntry entry : entries) {
            if (entry.id() <= through) {
                continue;
            }
            if (entry.eventTimeSeconds() > settledBeforeSeconds) {
                break;
            }
            if (entry.id() > through + 1 && expired == null && through == checkedThrough) {
                expired = new SequenceRange(through + 1, entry.id() - 1);
            }
            if (CAPTURED_TYPES.contains(entry.type()) && !recorded.contains(entry.id())) {
                missing.add(entry);
            }
            through = entry.id();
        }
        return new Check(missing, expired, through);
    }
}
