package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.common.region.RegionId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code regions.<name>.listener-silence}: default, value, and a problem naming file, field and fix. */
class ListenerSilenceConfigTest {
    private static StraitConfig parse(String silenceOfA) {
        return TwoRegionConfigs.withRegionA(silenceOfA);
    }

    @Test
    void defaultsToThreeMinutesAndTakesAValuePerRegion() {
        StraitConfig config = parse(", listener-silence: 90s");

        assertThat(config.region(RegionId.of("a")).listenerSilence()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.region(RegionId.of("b")).listenerSilence()).isEqualTo(Duration.ofMinutes(3))
                .isEqualTo(RegionConfig.DEFAULT_LISTENER_SILENCE);
    }

    @Test
    void anInvalidValueNamesTheFileTheFieldAndTheFix() {
        assertThatThrownBy(() -> parse(", listener-silence: soon"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("strait.yaml")
                .hasMessageContaining("regions.a.listener-silence")
                .hasMessageContaining("e.g. 3m");
    }
}
