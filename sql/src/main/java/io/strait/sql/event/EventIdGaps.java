package io.strait.sql.event;

import java.time.Duration;
import java.util.List;

/**
 * How far a reader of {@code hms_event} may move its cursor, a pure function. Ids come from one auto-increment
 * counter, handed out when a row is inserted but visible only when its transaction commits: a missing id below a
 * visible one may be an event whose write has not committed yet. A reader that moved past it would never see it.
 * So the cursor stops before a gap, unless the entry after the gap has been recorded for longer than
 * {@code gapTimeout}: then the missing ids are taken as never coming (a rolled-back or failed write; the listener
 * spools and re-writes such events under new ids) and reading goes on.
 */
final class EventIdGaps {
    /** An entry of the log as far as gaps are concerned. */
    record Entry(long id, long recordedAtMillis) {
    }

    /** Where to stop, and the gaps passed over because they are older than the timeout. */
    record Decision(int usableEntries, long scannedThroughId, List<long[]> abandonedGaps) {
    }

    private EventIdGaps() {
    }

    /** {@code entries} are ordered by id, all greater than {@code afterId}. */
    static Decision decide(long afterId, List<Entry> entries, long nowMillis, Duration gapTimeout) {
        long expected = afterId + 1;
        long through = afterId;
        List<long[]> abandoned = new java.util.ArrayList<>();
        int usable = 0;
        for (Entry entry : entries) {
            if (entry.id() != expected) {
                if (nowMillis - entry.recordedAtMillis() < gapTimeout.toMillis()) {
                    break;
                }
                abandoned.add(new long[] {expected, entry.id() - 1});
            }
            through = entry.id();
            expected = entry.id() + 1;
            usable++;
        }
        return new Decision(usable, through, abandoned);
    }
}
