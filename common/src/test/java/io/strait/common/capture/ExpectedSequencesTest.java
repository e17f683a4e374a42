package io.strait.common.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.capture.ExpectedSequences.InstanceReport;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpectedSequencesTest {
    private static SequenceRange r(long first, long last) {
        return new SequenceRange(first, last);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, checked through, report, present, lost, delivered through, still expected
                Arguments.of("all written, all present", 0L, new InstanceReport(3, 0, false), new long[] {1, 2, 3},
                        List.of(), 3L, List.of()),
                Arguments.of("nothing captured yet", 0L, new InstanceReport(0, 0, false), new long[] {}, List.of(),
                        0L, List.of()),
                Arguments.of("spooled numbers are expected, not lost", 0L, new InstanceReport(5, 3, false),
                        new long[] {1, 2}, List.of(), 2L, List.of(r(3, 5))),
                Arguments.of("a hole below the spool is lost", 0L, new InstanceReport(5, 4, false),
                        new long[] {1, 3}, List.of(r(2, 2)), 3L, List.of(r(4, 5))),
                Arguments.of("duplicates (at least once) are no holes", 0L, new InstanceReport(3, 0, false),
                        new long[] {1, 1, 2, 3, 3}, List.of(), 3L, List.of()),
                Arguments.of("a destroyed spool: everything missing is lost", 0L, new InstanceReport(6, 3, true),
                        new long[] {1, 2}, List.of(r(3, 6)), 6L, List.of()),
                Arguments.of("only numbers after the last check are looked at", 4L, new InstanceReport(8, 0, false),
                        new long[] {5, 7, 8}, List.of(r(6, 6)), 8L, List.of()),
                Arguments.of("missing at both ends", 0L, new InstanceReport(5, 0, false), new long[] {3},
                        List.of(r(1, 2), r(4, 5)), 5L, List.of()),
                Arguments.of("nothing new since the last check", 5L, new InstanceReport(7, 6, false),
                        new long[] {}, List.of(), 5L, List.of(r(6, 7))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsLostAndExpectedNumbers(String name, long checkedThrough, InstanceReport report, long[] present,
            List<SequenceRange> lost, long deliveredThrough, List<SequenceRange> expected) {
        ExpectedSequences.Check check = ExpectedSequences.check(checkedThrough, report, present);

        assertThat(check.lost()).as("lost").isEqualTo(lost);
        assertThat(check.deliveredThrough()).as("delivered through").isEqualTo(deliveredThrough);
        assertThat(ExpectedSequences.stillExpected(report)).as("still expected").isEqualTo(expected);
    }
}
