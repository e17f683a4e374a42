package io.strait.common.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.report.SlaStatus;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (open alert, status, projected alerts) case of {@link AlertRule}. */
class AlertRuleTest {
    private static final Optional<AlertState> NONE = Optional.empty();
    private static final Optional<AlertState> PROJECTED = Optional.of(AlertState.PROJECTED);
    private static final Optional<AlertState> BREACHED = Optional.of(AlertState.BREACHED);
    private static final Optional<AlertState> RESOLVED = Optional.of(AlertState.RESOLVED);

    static Stream<Arguments> cases() {
        return Stream.of(
                // open alert, status now, projected alerts on, step
                Arguments.of(NONE, SlaStatus.ON_TIME, false, AlertStep.NONE),
                Arguments.of(NONE, SlaStatus.ON_TIME, true, AlertStep.NONE),
                Arguments.of(NONE, SlaStatus.AT_RISK, false, AlertStep.NONE),
                Arguments.of(NONE, SlaStatus.AT_RISK, true, AlertStep.RAISE_PROJECTED),
                Arguments.of(NONE, SlaStatus.BREACHED, false, AlertStep.RAISE_BREACHED),
                Arguments.of(NONE, SlaStatus.BREACHED, true, AlertStep.RAISE_BREACHED),
                Arguments.of(RESOLVED, SlaStatus.BREACHED, false, AlertStep.RAISE_BREACHED),
                Arguments.of(RESOLVED, SlaStatus.BREACHED, true, AlertStep.RAISE_BREACHED),
                Arguments.of(RESOLVED, SlaStatus.AT_RISK, true, AlertStep.RAISE_PROJECTED),
                Arguments.of(RESOLVED, SlaStatus.AT_RISK, false, AlertStep.NONE),
                Arguments.of(RESOLVED, SlaStatus.ON_TIME, true, AlertStep.NONE),
                Arguments.of(RESOLVED, SlaStatus.ON_TIME, false, AlertStep.NONE),
                Arguments.of(PROJECTED, SlaStatus.ON_TIME, false, AlertStep.RESOLVE),
                Arguments.of(PROJECTED, SlaStatus.AT_RISK, true, AlertStep.NONE),
                Arguments.of(PROJECTED, SlaStatus.BREACHED, true, AlertStep.ESCALATE),
                Arguments.of(PROJECTED, SlaStatus.BREACHED, false, AlertStep.ESCALATE),
                Arguments.of(PROJECTED, SlaStatus.ON_TIME, true, AlertStep.RESOLVE),
                Arguments.of(PROJECTED, SlaStatus.AT_RISK, false, AlertStep.RESOLVE),
                Arguments.of(BREACHED, SlaStatus.BREACHED, false, AlertStep.NONE),
                Arguments.of(BREACHED, SlaStatus.BREACHED, true, AlertStep.NONE),
                Arguments.of(BREACHED, SlaStatus.AT_RISK, false, AlertStep.NONE),
                Arguments.of(BREACHED, SlaStatus.AT_RISK, true, AlertStep.NONE),
                Arguments.of(BREACHED, SlaStatus.ON_TIME, false, AlertStep.RESOLVE),
                Arguments.of(BREACHED, SlaStatus.ON_TIME, true, AlertStep.RESOLVE));
    }

    @ParameterizedTest(name = "open {0}, {1}, projected {2} -> {3}")
    @MethodSource("cases")
    void step(Optional<AlertState> open, SlaStatus status, boolean projected, AlertStep expected) {
        assertThat(AlertRule.next(open, status, projected)).isEqualTo(expected);
    }

    @Test
    void everyCombinationIsCovered() {
        long combinations = 4L * SlaStatus.values().length * 2;
        assertThat(cases().map(arguments -> java.util.List.of(arguments.get()[0], arguments.get()[1],
                arguments.get()[2])).distinct().count()).isEqualTo(combinations);
    }

    /** A breach that is evaluated again and again, hovering around the SLA, is one alert and one resolution. */
    @Test
    void aHoveringBreachIsOneAlert() {
        Optional<AlertState> open = NONE;
        int raised = 0;
        int resolved = 0;
        for (SlaStatus status : new SlaStatus[] {SlaStatus.ON_TIME, SlaStatus.BREACHED, SlaStatus.BREACHED,
                SlaStatus.AT_RISK, SlaStatus.BREACHED, SlaStatus.AT_RISK, SlaStatus.ON_TIME, SlaStatus.ON_TIME}) {
            AlertStep step = AlertRule.next(open, status, false);
            if (step == AlertStep.RAISE_BREACHED) {
                raised++;
                open = BREACHED;
            } else if (step == AlertStep.RESOLVE) {
                resolved++;
                open = NONE;
            }
        }
        assertThat(raised).isEqualTo(1);
        assertThat(resolved).isEqualTo(1);
    }
}
