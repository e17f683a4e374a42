package io.strait.common.capture;

import java.util.Locale;

/**
 * How long a listener instance's own work took inside the metastore's calls (turning the event into its snapshot
 * and handing it to the recorder, up to the callback's return) over its recent window: what the listener adds to
 * each metastore call directly.
 *
 * @param calls callbacks measured in the window
 * @param p50Micros the median, in microseconds
 * @param p99Micros the 99th percentile, in microseconds
 * @param maxMicros the longest, in microseconds
 */
public record ListenerCallTimes(long calls, long p50Micros, long p99Micros, long maxMicros) {
    /** No call measured (yet, or by a listener too old to report it). */
    public static final ListenerCallTimes NONE = new ListenerCallTimes(0, 0, 0, 0);

    public ListenerCallTimes {
        if (calls < 0 || p50Micros < 0 || p99Micros < 0 || maxMicros < 0) {
            throw new IllegalArgumentException("call times cannot be negative: " + calls + " calls, p50 " + p50Micros
                    + " us, p99 " + p99Micros + " us, max " + maxMicros + " us");
        }
    }

    /** "p50 0.02 ms, p99 0.06 ms, max 1.20 ms over 1234 calls", or "no call measured". */
    public String describe() {
        if (calls == 0) {
            return "no call measured";
        }
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d call(s)", p50Micros / 1e3,
                p99Micros / 1e3, maxMicros / 1e3, calls);
    }
}
