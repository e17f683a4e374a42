package io.strait.common.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SlaJudgeTest {
    private static final long NOW = 1_780_000_000_000L;
    private static final Duration SLA = Duration.ofHours(4);
    private static final long HOUR = 3_600_000L;
    private static final OptionalLong NONE = OptionalLong.empty();

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, oldest unapplied capture, projected finish, state, waiting, lag
                Arguments.of("nothing missing: no change since", NONE, NONE, SlaStatus.ON_TIME, false, 0L),
                Arguments.of("just captured", OptionalLong.of(NOW - 1_000), NONE, SlaStatus.ON_TIME, true, 1_000L),
                Arguments.of("at the at-risk fraction exactly", OptionalLong.of(NOW - 3 * HOUR), NONE,
                        SlaStatus.ON_TIME, true, 3 * HOUR),
                Arguments.of("past three quarters of the SLA", OptionalLong.of(NOW - 3 * HOUR - 1), NONE, SlaStatus.AT_RISK,
                        true, 3 * HOUR + 1),
                Arguments.of("at the deadline exactly", OptionalLong.of(NOW - 4 * HOUR), NONE, SlaStatus.AT_RISK,
                        true, 4 * HOUR),
                Arguments.of("past the deadline", OptionalLong.of(NOW - 4 * HOUR - 1), NONE, SlaStatus.BREACHED,
                        true, 4 * HOUR + 1),
                Arguments.of("projection past the deadline", OptionalLong.of(NOW - HOUR),
                        OptionalLong.of(NOW + 3 * HOUR + 1), SlaStatus.AT_RISK, true, HOUR),
                Arguments.of("projection before the deadline", OptionalLong.of(NOW - HOUR),
                        OptionalLong.of(NOW + 2 * HOUR), SlaStatus.ON_TIME, true, HOUR),
                Arguments.of("breached whatever the projection", OptionalLong.of(NOW - 5 * HOUR),
                        OptionalLong.of(NOW + 1), SlaStatus.BREACHED, true, 5 * HOUR),
                Arguments.of("captured in the future (clock skew)", OptionalLong.of(NOW + 5_000), NONE,
                        SlaStatus.ON_TIME, true, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String name, OptionalLong oldest, OptionalLong projected, SlaStatus state, boolean waiting,
            long lag) {
        SlaVerdict verdict = SlaJudge.verdict(oldest, NOW, SLA, projected);
        assertThat(verdict.state()).isEqualTo(state);
        assertThat(verdict.waiting()).isEqualTo(waiting);
        assertThat(verdict.lagMillis()).isEqualTo(lag);
        assertThat(verdict.deadlineMillis()).isEqualTo(oldest.isPresent()
                ? OptionalLong.of(oldest.getAsLong() + SLA.toMillis()) : NONE);
        assertThat(verdict.why()).isNotBlank();
    }

    @Test
    void namesTheRule() {
        assertThat(SlaJudge.verdict(OptionalLong.of(NOW - 5 * HOUR), NOW, SLA, NONE).why())
                .isEqualTo("lag 5h is past the SLA of 4h");
        assertThat(SlaJudge.verdict(OptionalLong.of(NOW - HOUR), NOW, SLA, OptionalLong.of(NOW + 4 * HOUR)).why())
                .isEqualTo("the projected finish is 1h after the deadline");
    }

    @Test
    void typicalLagIsAProjection() {
        assertThat(SlaJudge.judge(OptionalLong.of(NOW - HOUR), SLA, Duration.ofHours(2), NOW))
                .isEqualTo(SlaStatus.ON_TIME);
        assertThat(SlaJudge.judge(OptionalLong.of(NOW - HOUR), SLA, Duration.ofHours(3).plusMillis(1), NOW))
                .isEqualTo(SlaStatus.AT_RISK);
        assertThat(SlaJudge.judge(OptionalLong.of(NOW - 3 * HOUR - 1), SLA, Duration.ZERO, NOW))
                .isEqualTo(SlaStatus.AT_RISK);
        assertThat(SlaJudge.judge(NONE, SLA, Duration.ofDays(1), NOW)).isEqualTo(SlaStatus.ON_TIME);
    }
}
