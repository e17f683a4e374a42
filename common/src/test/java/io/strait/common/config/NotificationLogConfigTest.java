package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.config.StraitConfig.NotificationLogConfig;
import io.strait.common.region.RegionId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code regions.<name>.notification-log.*}: defaults, values, and problems naming file, field and fix. */
class NotificationLogConfigTest {
    private static StraitConfig parse(String notificationLogOfA) {
        return TwoRegionConfigs.withRegionA(notificationLogOfA);
    }

    @Test
    void isOffByDefaultAndTurnedOnPerRegion() {
        StraitConfig config = parse(", notification-log: {cross-check: true, settle: 20s}");

        assertThat(config.region(RegionId.of("a")).notificationLog())
                .isEqualTo(new NotificationLogConfig(true, Duration.ofSeconds(20)));
        assertThat(config.region(RegionId.of("b")).notificationLog()).isEqualTo(NotificationLogConfig.OFF);
        assertThat(NotificationLogConfig.OFF.settle()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aValueThatIsNoBooleanNamesTheFileTheFieldAndTheFix() {
        assertThatThrownBy(() -> parse(", notification-log: {cross-check: sometimes}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("strait.yaml")
                .hasMessageContaining("regions.a.notification-log.cross-check")
                .hasMessageContaining("use true or false");
    }

    @Test
    void anUnknownKeyIsRefused() {
        assertThatThrownBy(() -> parse(", notification-log: {crosscheck: true}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("regions.a.notification-log");
    }
}
