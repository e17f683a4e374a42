package io.strait.common.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A reader's per-instance cursors over the event log, pure functions. Every listener instance numbers its events
 * 1, 2, 3, ... without gaps, so each instance's events form their own stream: the reader keeps, per instance, the
 * greatest number up to which it took every event, and takes the next ones as soon as they are visible, whatever
 * the other instances do. One instance's slow write (its next number not visible yet) stops only that instance's
 * stream; a number recorded lost ({@link ExpectedSequences}) is passed (the lost event's tables are repaired by a
 * scan), so a gap is detected and settled per instance.
 *
 * <p>The log's id cursor stays as the reader's low-water mark: it moves only over ids that are settled
 * ({@link EventGapRule}) and whose events every instance stream has taken, so everything at or below it was read.
 */
public final class InstanceCursors {
    /** A visible entry of one instance: its log id and its sequence number. */
    public record Entry(long id, long sequence) {
    }

    /**
     * What to take from one instance: the log ids of its events, in sequence order, the cursor after them, and the
     * number it waits for (0 when it waits for nothing visible: it took every visible entry).
     */
    public record Advance(List<Long> takenIds, long cursor, long waitingFor) {
        public Advance {
            takenIds = List.copyOf(takenIds);
        }
    }

    private InstanceCursors() {
    }

    /**
     * Takes an instance's events after {@code cursor}: {@code entries} are its visible entries with numbers above
     * {@code cursor}, sorted by number (a number may appear twice: delivery is at least once; the first is taken);
     * {@code lost} are its numbers recorded lost, sorted, passed like taken ones.
     */
    public static Advance advance(long cursor, List<Entry> entries, List<SequenceRange> lost) {
        List<Long> taken = new ArrayList<>();
        long next = passLost(cursor + 1, lost);
        for (Entry entry : entries) {
            if (entry.sequence() < next) {
                continue;
            }
            if (entry.sequence() > next) {
                return new Advance(taken, next - 1, next);
            }
            taken.add(entry.id());
            next = passLost(next + 1, lost);
        }
        return new Advance(taken, next - 1, 0L);
    }

    private static long passLost(long next, List<SequenceRange> lost) {
        long position = next;
        for (SequenceRange range : lost) {
            if (range.first() <= position && range.last() >= position) {
                position = range.last() == Long.MAX_VALUE ? Long.MAX_VALUE : range.last() + 1;
            }
        }
        return position;
    }

    /** A log entry as the id cursor sees it: its id, and its instance and number (null and 0 when unstamped). */
    public record LogEntry(long id, String instanceId, long sequence) {
    }

    /**
     * How many of {@code settled} (the entries the id cursor may pass, by id: {@link EventGapRule}'s usable
     * entries) it passes: it stops before the first stamped entry whose instance stream has not taken it
     * ({@code cursors}: each instance's cursor after this read; an instance without one has taken nothing).
     */
    public static int settledAndTaken(List<LogEntry> settled, Map<String, Long> cursors) {
        for (int i = 0; i < settled.size(); i++) {
            LogEntry entry = settled.get(i);
            if (entry.instanceId() != null && entry.sequence() > cursors.getOrDefault(entry.instanceId(), 0L)) {
                return i;
            }
        }
        return settled.size();
    }
}
