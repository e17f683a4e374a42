package io.strait.common.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * Which sequence numbers of one listener instance are still to come and which never will, a pure function. An
 * instance numbers its events 1, 2, 3, ... without gaps and writes them in that order, directly or from its spool.
 * At its latest heartbeat (taken with no write in flight) every number up to {@code latestSeq} was either written
 * or in its spool, and the spool held its own numbers from {@code spooledFromSeq} on (0: none). So:
 * <ul>
 *   <li>numbers below {@code spooledFromSeq} (all up to {@code latestSeq} when nothing was spooled) that are not in
 *       the log never will be: lost (a spool line that could not be read, a spool cut short);</li>
 *   <li>numbers from {@code spooledFromSeq} on are expected: the spool still holds them;</li>
 *   <li>when the spool is known destroyed, nothing is expected any more: every number up to {@code latestSeq}
 *       not in the log is lost.</li>
 * </ul>
 */
public final class ExpectedSequences {
    /** The instance as its latest heartbeat described it. */
    public record InstanceReport(long latestSeq, long spooledFromSeq, boolean spoolDestroyed) {
    }

    /**
     * The outcome of checking numbers {@code (checkedThrough, deliveredThrough]}: what was lost there; the next
     * check starts after {@code deliveredThrough}.
     */
    public record Check(List<SequenceRange> lost, long deliveredThrough) {
        public Check {
            lost = List.copyOf(lost);
        }
    }

    private ExpectedSequences() {
    }

    /** The greatest number up to which every event must be in the log by now. */
    public static long deliveredThrough(InstanceReport report) {
        if (report.spoolDestroyed() || report.spooledFromSeq() <= 0) {
            return report.latestSeq();
        }
        return Math.min(report.latestSeq(), report.spooledFromSeq() - 1);
    }

    /** The numbers still expected (held in the spool), empty when none. */
    public static List<SequenceRange> stillExpected(InstanceReport report) {
        long delivered = deliveredThrough(report);
        return delivered >= report.latestSeq() ? List.of() : List.of(new SequenceRange(delivered + 1,
                report.latestSeq()));
    }

    /**
     * Checks numbers after {@code checkedThrough}: {@code present} are the numbers of this instance found in the log
     * in {@code (checkedThrough, deliveredThrough(report)]}, sorted ascending (duplicates allowed: delivery is at
     * least once).
     */
    public static Check check(long checkedThrough, InstanceReport report, long[] present) {
        long delivered = deliveredThrough(report);
        if (delivered <= checkedThrough) {
            return new Check(List.of(), checkedThrough);
        }
        List<SequenceRange> lost = new ArrayList<>();
        long next = checkedThrough + 1;
        for (long seq : present) {
            if (seq < next || seq > delivered) {
                continue;
            }
            if (seq > next) {
                lost.add(new SequenceRange(next, seq - 1));
            }
            next = seq + 1;
        }
        if (next <= delivered) {
            lost.add(new SequenceRange(next, delivered));
        }
        return new Check(lost, delivered);
    }
}
