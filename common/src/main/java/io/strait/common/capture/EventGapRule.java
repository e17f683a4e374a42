package io.strait.common.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a reader of the event log may move its cursor, a pure function. Event ids come from one auto-increment
 * counter, handed out when a row is inserted and visible only when its transaction commits: a missing id below a
 * visible one is either a write still in flight or one that will never commit. Only a listener instance writes
 * events, and each writes one event at a time, so an instance proves it holds no write with an id at or below
 * {@code x} when
 * <ul>
 *   <li>a row it wrote with id {@code >= x} is visible (its later writes start after that one finished), or</li>
 *   <li>its heartbeat read the log's greatest committed id {@code >= x} while it had no write in flight (its
 *       horizon).</li>
 * </ul>
 * A missing id is passed as soon as every live instance proved it holds no write there; no waiting on a clock. A
 * write the instance gave up on (it timed out) is spooled and written again under a new id, so passing its old id
 * loses nothing.
 */
public final class EventGapRule {
    /** An entry of the log: its id and the instance that wrote it (null for a writer that is not an instance). */
    public record Entry(long id, String instanceId) {
    }

    /**
     * Where to stop: the first {@code usableEntries} entries may be read, the cursor may move to
     * {@code scannedThroughId}; {@code passedGaps} are the missing id ranges passed, {@code waitingFor} the live
     * instances that may still hold the first missing id not passed (empty when nothing is waited for).
     */
    public record Decision(int usableEntries, long scannedThroughId, List<long[]> passedGaps,
            List<String> waitingFor) {
        public Decision {
            passedGaps = List.copyOf(passedGaps);
            waitingFor = List.copyOf(waitingFor);
        }
    }

    private EventGapRule() {
    }

    /**
     * @param afterId the cursor
     * @param entries visible entries after {@code afterId}, by id
     * @param liveHorizons every live instance (of every region: ids are shared) with its horizon, the greatest
     *     committed id its latest heartbeat saw with no write in flight (0 when none yet)
     */
    public static Decision decide(long afterId, List<Entry> entries, Map<String, Long> liveHorizons) {
        Map<String, Long> cleared = new HashMap<>(liveHorizons);
        for (Entry entry : entries) {
            if (entry.instanceId() != null && cleared.containsKey(entry.instanceId())) {
                cleared.merge(entry.instanceId(), entry.id(), Math::max);
            }
        }
        long expected = afterId + 1;
        long through = afterId;
        List<long[]> passed = new ArrayList<>();
        int usable = 0;
        for (Entry entry : entries) {
            if (entry.id() != expected) {
                long highestMissing = entry.id() - 1;
                List<String> holders = cleared.entrySet().stream().filter(e -> e.getValue() < highestMissing)
                        .map(Map.Entry::getKey).sorted().toList();
                if (!holders.isEmpty()) {
                    return new Decision(usable, through, passed, holders);
                }
                passed.add(new long[] {expected, highestMissing});
            }
            through = entry.id();
            expected = entry.id() + 1;
            usable++;
        }
        return new Decision(usable, through, passed, List.of());
    }
}
