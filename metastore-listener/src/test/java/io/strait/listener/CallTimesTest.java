package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.strait.common.capture.ListenerCallTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallTimesTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final CallTimes times = new CallTimes(new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    });

    @Test
    void nothingMeasuredIsNone() {
        assertThat(times.summary()).isEqualTo(ListenerCallTimes.NONE);
    }

    @Test
    void percentilesOfTheCallsInMicroseconds() {
        for (int i = 1; i <= 1_000; i++) {
            times.record(i * 1_000L); // 1 .. 1000 us
        }

        ListenerCallTimes summary = times.summary();

        assertThat(summary.calls()).isEqualTo(1_000);
        assertThat((double) summary.p50Micros()).isCloseTo(500, within(10.0));
        assertThat((double) summary.p99Micros()).isCloseTo(990, within(20.0));
        assertThat((double) summary.maxMicros()).isCloseTo(1_000, within(20.0));
    }

    @Test
    void keepsTheWindowAcrossSummariesAndForgetsWhatIsOlder() {
        times.record(Duration.ofMillis(50).toNanos());
        assertThat(times.summary().calls()).isEqualTo(1);

        now.addAndGet(CallTimes.SLICE.toMillis());
        times.record(Duration.ofMillis(1).toNanos());
        ListenerCallTimes both = times.summary();
        assertThat(both.calls()).as("the earlier slice is still in the window").isEqualTo(2);
        assertThat((double) both.maxMicros()).isCloseTo(50_000, within(1_000.0));

        now.addAndGet(CallTimes.WINDOW.toMillis() - CallTimes.SLICE.toMillis());
        ListenerCallTimes later = times.summary();
        assertThat(later.calls()).as("the 50 ms call left the window").isEqualTo(1);
        assertThat((double) later.maxMicros()).isCloseTo(1_000, within(20.0));

        now.addAndGet(CallTimes.WINDOW.toMillis());
        assertThat(times.summary()).isEqualTo(ListenerCallTimes.NONE);
    }

    @Test
    void aCallLongerThanTheRangeCountsAsTheLongestAndNegativeAsZero() {
        times.record(Duration.ofHours(2).toNanos());
        times.record(-5);

        ListenerCallTimes summary = times.summary();

        assertThat(summary.calls()).isEqualTo(2);
        assertThat((double) summary.maxMicros()).isCloseTo(CallTimes.HIGHEST_MICROS,
                within(CallTimes.HIGHEST_MICROS * 0.01));
        assertThat(summary.p50Micros()).isZero();
    }

    @Test
    void recordsFromManyThreadsWhileSummarised() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            threads.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    times.record(2_000);
                }
            });
        }
        long seen = 0;
        while (!threads.isTerminated()) {
            threads.shutdown();
            seen = times.summary().calls();
            threads.awaitTermination(1, TimeUnit.MILLISECONDS);
        }

        assertThat(times.summary().calls()).isEqualTo(80_000).isGreaterThanOrEqualTo(seen);
    }
}
