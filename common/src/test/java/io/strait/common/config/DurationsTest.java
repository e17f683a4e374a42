package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class DurationsTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "500ms,   PT0.5S",
            "0ms,     PT0S",
            "30s,     PT30S",
            "30S,     PT30S",
            "30 s,    PT30S",
            "' 30s ', PT30S",
            "5m,      PT5M",
            "2h,      PT2H",
            "3d,      PT72H",
            "PT1H,    PT1H",
            "pt1h30m, PT1H30M",
            "PT0.25S, PT0.25S",
    })
    void parsesShortFormsAndIso8601(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 parsecs", "-5s", "1.5s", "5sec", "s", "5 m s", "P1X"})
    void refusesWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("500ms");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "PT0.5S, 500ms",
            "PT1.001S, 1001ms",
            "PT30S,  30s",
            "PT5M,   300s",
            "PT0S,   0s",
    })
    void formatsAsMillisecondsOrSeconds(Duration duration, String text) {
        assertThat(Durations.format(duration)).isEqualTo(text);
    }

    @Test
    void formattingAndParsingRoundTrips() {
        qt().forAll(millis()).checkAssert(millis -> {
            Duration duration = Duration.ofMillis(millis);
            assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
        });
    }

    /** 0 to 10^12 milliseconds, often whole seconds (formatted as seconds), often small, and the edges. */
    private static Gen<Long> millis() {
        return Generate.frequency(List.of(
                Pair.of(2, longs().between(0, 1_000_000_000_000L)),
                Pair.of(2, longs().between(0, 1_000_000_000L).map(seconds -> seconds * 1000)),
                Pair.of(1, longs().between(0, 2000)),
                Pair.of(1, arbitrary().pick(0L, 1L, 999L, 1000L, 1001L, 1_000_000_000_000L))));
    }
}
