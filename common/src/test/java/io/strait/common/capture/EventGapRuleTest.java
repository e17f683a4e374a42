package io.strait.common.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.capture.EventGapRule.Entry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventGapRuleTest {
    private static Entry e(long id, String instance) {
        return new Entry(id, instance);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, cursor, entries, live horizons, usable, through, waiting for
                Arguments.of("no gap: everything is read", 0L, List.of(e(1, "a"), e(2, "a")), Map.of("a", 0L), 2, 2L,
                        List.of()),
                Arguments.of("nothing to read", 5L, List.of(), Map.of("a", 0L), 0, 5L, List.of()),
                Arguments.of("a gap the writer of a later row cleared: passed at once", 0L,
                        List.of(e(1, "a"), e(3, "a")), Map.of("a", 0L), 2, 3L, List.of()),
                Arguments.of("a gap below another live instance's horizon: passed", 0L,
                        List.of(e(1, "a"), e(3, "a")), Map.of("a", 0L, "b", 3L), 2, 3L, List.of()),
                Arguments.of("a gap an idle instance has not cleared yet: wait for it alone", 0L,
                        List.of(e(1, "a"), e(3, "a")), Map.of("a", 0L, "b", 1L), 1, 1L, List.of("b")),
                Arguments.of("horizon exactly at the missing id clears it", 0L, List.of(e(1, "a"), e(3, "a")),
                        Map.of("a", 0L, "b", 2L), 2, 3L, List.of()),
                Arguments.of("each instance cleared by its own later row", 0L,
                        List.of(e(1, "a"), e(3, "b"), e(4, "a")), Map.of("a", 0L, "b", 0L), 3, 4L, List.of()),
                Arguments.of("a gap after an instance's last row waits for that instance alone", 0L,
                        List.of(e(1, "a"), e(3, "a"), e(7, "b")), Map.of("a", 0L, "b", 0L), 2, 3L, List.of("a")),
                Arguments.of("a slow commit of b (rows of a after it, b silent since): stop before it", 0L,
                        List.of(e(1, "a"), e(3, "a"), e(4, "a")), Map.of("a", 0L, "b", 1L), 1, 1L, List.of("b")),
                Arguments.of("no live instance: nobody can still write, gaps pass", 10L, List.of(e(14, null)),
                        Map.of(), 1, 14L, List.of()),
                Arguments.of("rows of a stopped instance do not clear anybody", 0L, List.of(e(2, "old")),
                        Map.of("a", 0L), 0, 0L, List.of("a")),
                Arguments.of("a gap right after the cursor", 4L, List.of(e(6, "a")), Map.of("a", 5L), 1, 6L,
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesWhereTheCursorMayGo(String name, long cursor, List<Entry> entries, Map<String, Long> horizons,
            int usable, long through, List<String> waitingFor) {
        EventGapRule.Decision decision = EventGapRule.decide(cursor, entries, horizons);

        assertThat(decision.usableEntries()).as("usable entries").isEqualTo(usable);
        assertThat(decision.scannedThroughId()).as("scanned through").isEqualTo(through);
        assertThat(decision.waitingFor()).as("waiting for").isEqualTo(waitingFor);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void passedGapsAreExactlyTheMissingIdsBelowTheStop(String name, long cursor, List<Entry> entries,
            Map<String, Long> horizons, int usable, long through, List<String> waitingFor) {
        EventGapRule.Decision decision = EventGapRule.decide(cursor, entries, horizons);

        long missing = decision.passedGaps().stream().mapToLong(gap -> gap[1] - gap[0] + 1).sum();
        assertThat(missing + decision.usableEntries()).isEqualTo(decision.scannedThroughId() - cursor);
        decision.passedGaps().forEach(gap -> assertThat(Arrays.stream(new long[] {gap[0], gap[1]}))
                .allMatch(id -> id > cursor && id < decision.scannedThroughId()));
    }
}
