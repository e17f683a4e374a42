package io.strait.common.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenerCallTimesTest {
    @Test
    void describesTheWindowInMilliseconds() {
        assertThat(new ListenerCallTimes(5120, 21, 640, 9100).describe())
                .isEqualTo("p50 0.02 ms, p99 0.64 ms, max 9.10 ms over 5120 call(s)");
        assertThat(ListenerCallTimes.NONE.describe()).isEqualTo("no call measured");
    }

    @Test
    void refusesNegativeTimes() {
        assertThatThrownBy(() -> new ListenerCallTimes(1, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be negative");
    }
}
