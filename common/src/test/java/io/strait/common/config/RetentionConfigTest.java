package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.config.StraitConfig.RetentionConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code store.retention}: defaults, values, and problems named by field. */
class RetentionConfigTest {
    private static String yaml(String retention) {
        return """
                store:
                  jdbc-url: "jdbc:mysql://db:3306/strait"
                %s
                regions:
                  a: {metastore-uri: "thrift://a:9083", roots: {external: "file:/tmp/a"}}
                  b: {metastore-uri: "thrift://b:9083", roots: {external: "file:/tmp/b"}}
                links:
                  - {name: a-to-b, source: a, target: b}
                """.formatted(retention);
    }

    @Test
    void withoutARetentionSectionTheDefaultsApply() {
        StraitConfig config = new StraitConfigLoader().parse(yaml(""), "strait.yaml");

        assertThat(config.store().retention()).isEqualTo(RetentionConfig.DEFAULT);
        assertThat(RetentionConfig.DEFAULT).isEqualTo(new RetentionConfig(Duration.ofDays(30), Duration.ofDays(30),
                Duration.ofHours(1), 1000));
    }

    @Test
    void everyKeyIsRead() {
        StraitConfig config = new StraitConfigLoader().parse(yaml(
                "  retention: {events: 7d, finished-jobs: 90d, interval: 15m, batch-size: 250}"), "strait.yaml");

        assertThat(config.store().retention()).isEqualTo(new RetentionConfig(Duration.ofDays(7), Duration.ofDays(90),
                Duration.ofMinutes(15), 250));
    }

    @Test
    void badValuesAndUnknownKeysAreProblemsNamingTheField() {
        assertThatThrownBy(() -> new StraitConfigLoader().parse(yaml(
                "  retention: {events: forever, batch-size: 0, finished-job: 3d}"), "strait.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("store.retention.events")
                .hasMessageContaining("store.retention.batch-size")
                .hasMessageContaining("store.retention.finished-job");
    }
}
