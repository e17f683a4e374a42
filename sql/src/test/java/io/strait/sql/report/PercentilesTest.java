package io.strait.sql.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class PercentilesTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(List.of(), 50, 0L),
                Arguments.of(List.of(5L), 50, 5L),
                Arguments.of(List.of(5L), 99, 5L),
                Arguments.of(List.of(1L, 2L), 50, 1L),
                Arguments.of(List.of(3L, 1L, 2L), 50, 2L),
                Arguments.of(oneTo(10), 50, 5L),
                Arguments.of(oneTo(10), 99, 10L),
                Arguments.of(oneTo(100), 50, 50L),
                Arguments.of(oneTo(100), 99, 99L),
                Arguments.of(oneTo(100), 100, 100L),
                Arguments.of(oneTo(100), 1, 1L),
                Arguments.of(oneTo(200), 99, 198L),
                Arguments.of(List.of(-4L, 7L, 7L, 7L), 50, 7L));
    }

    @ParameterizedTest(name = "p{1} of {0} = {2}")
    @MethodSource("cases")
    void nearestRank(List<Long> values, int percentile, long expected) {
        assertThat(Percentiles.nearestRank(values, percentile)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101})
    void percentileOutsideOneToHundredIsRefused(int percentile) {
        assertThatThrownBy(() -> Percentiles.nearestRank(List.of(1L), percentile))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultIsTheSmallestValueCoveringThePercentile() {
        qt().forAll(valueLists(300), integers().between(1, 100)).checkAssert((values, percentile) -> {
            long result = Percentiles.nearestRank(values, percentile);
            long atOrBelow = values.stream().filter(value -> value <= result).count();
            long below = values.stream().filter(value -> value < result).count();

            assertThat(values).contains(result);
            assertThat(atOrBelow * 100).isGreaterThanOrEqualTo((long) percentile * values.size());
            assertThat(below * 100).isLessThan((long) percentile * values.size());
        });
    }

    @Test
    void higherPercentileIsNeverSmaller() {
        qt().forAll(valueLists(100), integers().between(1, 99)).checkAssert((values, percentile) ->
                assertThat(Percentiles.nearestRank(values, percentile + 1))
                        .isGreaterThanOrEqualTo(Percentiles.nearestRank(values, percentile)));
    }

    /** Non-empty lists mixing small values (many duplicates), the extremes of long, and any long. */
    private static Gen<List<Long>> valueLists(int maxSize) {
        Gen<Long> value = Generate.frequency(List.of(
                Pair.of(3, longs().between(-20, 20)),
                Pair.of(1, arbitrary().pick(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE)),
                Pair.of(2, longs().all())));
        return lists().of(value).ofSizeBetween(1, maxSize);
    }

    private static List<Long> oneTo(long last) {
        return LongStream.rangeClosed(1, last).boxed().toList();
    }
}
