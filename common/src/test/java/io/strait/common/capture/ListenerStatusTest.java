package io.strait.common.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ListenerStatusTest {
    private static final long NOW = 1_780_000_000_000L;
    private static final Duration SILENCE = Duration.ofMinutes(3);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("contact just now", NOW, 0L, ListenerStatus.LIVE),
                Arguments.of("contact exactly the silence limit ago", NOW - SILENCE.toMillis(), 0L,
                        ListenerStatus.LIVE),
                Arguments.of("one millisecond beyond the limit", NOW - SILENCE.toMillis() - 1, 0L,
                        ListenerStatus.SILENT),
                Arguments.of("contact in the future (clock skew)", NOW + 5_000, 0L, ListenerStatus.LIVE),
                Arguments.of("stopped long ago is not silent", NOW - SILENCE.toMillis() * 10, NOW - 1,
                        ListenerStatus.STOPPED),
                Arguments.of("stopped just now", NOW, NOW, ListenerStatus.STOPPED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesSilence(String name, long lastContact, long stoppedAt, ListenerStatus expected) {
        assertThat(ListenerStatus.of(lastContact, stoppedAt, NOW, SILENCE)).isEqualTo(expected);
    }
}
