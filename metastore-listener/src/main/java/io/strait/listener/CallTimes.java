package io.strait.listener;

import io.strait.common.capture.ListenerCallTimes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * How long the listener's own work takes in each metastore callback, over a rolling window (the last
 * {@link #WINDOW}, in slices of {@link #SLICE}): recorded wait-free by the metastore's threads (HdrHistogram's
 * {@link Recorder}, two significant digits, microseconds up to {@link #HIGHEST_MICROS}; longer calls count as that),
 * summarised by the heartbeat thread. Only {@link #summary} is serialised; {@link #record} never waits.
 */
final class CallTimes {
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration SLICE = Duration.ofMinutes(1);
    static final long HIGHEST_MICROS = Duration.ofMinutes(10).toNanos() / 1_000;
    private static final int DIGITS = 2;

    private final Recorder recorder = new Recorder(HIGHEST_MICROS, DIGITS);
    private final Deque<Slice> slices = new ArrayDeque<>();
    private final Clock clock;
    private Histogram interval;

    CallTimes(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One callback took {@code nanos}. */
    void record(long nanos) {
        recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1_000)));
    }

    /** The callbacks of the window up to now: count, p50, p99 and max. */
    synchronized ListenerCallTimes summary() {
        long now = clock.millis();
        interval = recorder.getIntervalHistogram(interval);
        Slice current = slices.peekLast();
        if (current == null || now - current.startedAtMillis >= SLICE.toMillis()) {
            current = new Slice(now, new Histogram(HIGHEST_MICROS, DIGITS));
            slices.addLast(current);
        }
        current.histogram.add(interval);
        while (!slices.isEmpty() && now - slices.peekFirst().startedAtMillis >= WINDOW.toMillis()) {
            slices.removeFirst();
        }
        Histogram window = new Histogram(HIGHEST_MICROS, DIGITS);
        slices.forEach(slice -> window.add(slice.histogram));
        if (window.getTotalCount() == 0) {
            return ListenerCallTimes.NONE;
        }
        return new ListenerCallTimes(window.getTotalCount(), window.getValueAtPercentile(50),
                window.getValueAtPercentile(99), window.getMaxValue());
    }

    private record Slice(long startedAtMillis, Histogram histogram) {
    }
}
