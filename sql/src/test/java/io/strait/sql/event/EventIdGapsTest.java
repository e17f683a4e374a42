package io.strait.sql.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.sql.event.EventIdGaps.Entry;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventIdGapsTest {
    private static final long NOW = 100_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing new", 7L, List.of(), 0, 7L),
                Arguments.of("contiguous ids are all read", 7L, List.of(new Entry(8, NOW), new Entry(9, NOW)), 2, 9L),
                Arguments.of("a fresh gap stops reading before it", 7L,
                        List.of(new Entry(8, NOW), new Entry(10, NOW - 1_000)), 1, 8L),
                Arguments.of("a fresh gap right after the cursor reads nothing", 7L, List.of(new Entry(9, NOW)), 0, 7L),
                Arguments.of("a gap older than the timeout is passed", 7L,
                        List.of(new Entry(8, NOW), new Entry(10, NOW - 30_000), new Entry(11, NOW)), 3, 11L),
                Arguments.of("reading stops at the first fresh gap", 7L,
                        List.of(new Entry(9, NOW - 60_000), new Entry(10, NOW), new Entry(12, NOW)), 2, 10L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCursorNeverPassesAnIdThatMayStillAppear(String name, long afterId, List<Entry> entries, int usable,
            long through) {
        EventIdGaps.Decision decision = EventIdGaps.decide(afterId, entries, NOW, TIMEOUT);

        assertThat(decision.usableEntries()).isEqualTo(usable);
        assertThat(decision.scannedThroughId()).isEqualTo(through);
    }
}
