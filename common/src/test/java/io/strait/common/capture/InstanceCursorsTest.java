package io.strait.common.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.capture.InstanceCursors.Entry;
import io.strait.common.capture.InstanceCursors.LogEntry;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InstanceCursorsTest {
    private static Entry e(long id, long sequence) {
        return new Entry(id, sequence);
    }

    private static SequenceRange r(long first, long last) {
        return new SequenceRange(first, last);
    }

    static Stream<Arguments> advances() {
        return Stream.of(
                // name, cursor, entries (by number), lost, taken ids, cursor after, waiting for
                Arguments.of("nothing visible", 4L, List.of(), List.of(), List.of(), 4L, 0L),
                Arguments.of("the next numbers, whatever their ids", 2L, List.of(e(40, 3), e(12, 4), e(41, 5)),
                        List.of(), List.of(40L, 12L, 41L), 5L, 0L),
                Arguments.of("a number not visible yet stops the instance", 2L, List.of(e(40, 3), e(44, 5)),
                        List.of(), List.of(40L), 3L, 4L),
                Arguments.of("the first number missing: nothing taken", 0L, List.of(e(9, 2)), List.of(), List.of(),
                        0L, 1L),
                Arguments.of("a lost number is passed", 2L, List.of(e(40, 3), e(44, 5)), List.of(r(4, 4)),
                        List.of(40L, 44L), 5L, 0L),
                Arguments.of("lost right after the cursor", 0L, List.of(e(7, 3)), List.of(r(1, 2)), List.of(7L), 3L,
                        0L),
                Arguments.of("a trailing loss moves the cursor", 3L, List.of(), List.of(r(4, 6)), List.of(), 6L, 0L),
                Arguments.of("a duplicate number is taken once", 1L, List.of(e(5, 2), e(8, 2), e(9, 3)), List.of(),
                        List.of(5L, 9L), 3L, 0L),
                Arguments.of("an open-ended loss passes everything", 1L, List.of(e(5, 4)),
                        List.of(r(2, Long.MAX_VALUE)), List.of(), Long.MAX_VALUE - 1, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("advances")
    void takesEachInstanceInItsOwnOrder(String name, long cursor, List<Entry> entries, List<SequenceRange> lost,
            List<Long> taken, long after, long waitingFor) {
        InstanceCursors.Advance advance = InstanceCursors.advance(cursor, entries, lost);

        assertThat(advance.takenIds()).as("taken").isEqualTo(taken);
        assertThat(advance.cursor()).as("cursor").isEqualTo(after);
        assertThat(advance.waitingFor()).as("waiting for").isEqualTo(waitingFor);
    }

    static Stream<Arguments> settled() {
        LogEntry unstamped = new LogEntry(10, null, 0);
        return Stream.of(
                // name, settled entries, cursors after the read, how many the id cursor passes
                Arguments.of("unstamped entries pass", List.of(unstamped), Map.of(), 1),
                Arguments.of("stamped entries taken by their instance pass", List.of(new LogEntry(10, "x", 3),
                        new LogEntry(11, "y", 1)), Map.of("x", 3L, "y", 1L), 2),
                Arguments.of("stops before an entry its instance has not taken", List.of(new LogEntry(10, "x", 3),
                        new LogEntry(11, "y", 2), new LogEntry(12, "x", 4)), Map.of("x", 4L, "y", 1L), 1),
                Arguments.of("an instance without a cursor has taken nothing", List.of(unstamped,
                        new LogEntry(11, "z", 1)), Map.of(), 1),
                Arguments.of("nothing settled", List.of(), Map.of("x", 9L), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settled")
    void theIdCursorNeverPassesAnEntryNotTaken(String name, List<LogEntry> entries, Map<String, Long> cursors,
            int passed) {
        assertThat(InstanceCursors.settledAndTaken(entries, cursors)).isEqualTo(passed);
    }
}
