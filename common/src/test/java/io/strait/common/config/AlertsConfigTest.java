package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code alerts} section: defaults, values, problems naming file, field and fix, and no secret printed. */
class AlertsConfigTest {
    private static final String BASE = """
            store: {jdbc-url: "jdbc:mysql://db:3306/strait"}
            regions:
              a: {metastore-uri: "thrift://hms-a:9083", roots: {w: "file:/a"}}
              b: {metastore-uri: "thrift://hms-b:9083", roots: {w: "file:/b"}}
            links:
              - {name: a-to-b, source: a, target: b}
            """;

    @Test
    void defaultsWhenAbsent() {
        AlertsConfig alerts = parse("").alerts();
        assertThat(alerts).isEqualTo(AlertsConfig.DEFAULT);
        assertThat(alerts.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(alerts.projected()).isFalse();
        assertThat(alerts.webhooks()).isEmpty();
        assertThat(alerts.retryBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(alerts.retryBackoffMax()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void values() {
        AlertsConfig alerts = parse("""
                alerts:
                  interval: 30s
                  projected: true
                  retry-backoff: 1s
                  retry-backoff-max: 1m
                  webhooks:
                    - url: "https://hooks.example.com:8443/services/T0/B0/url-secret"
                      headers: {Authorization: "Bearer header-secret", X-Team: data}
                    - url: "http://alerts.internal/strait"
                """).alerts();
        assertThat(alerts.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(alerts.projected()).isTrue();
        assertThat(alerts.webhooks()).hasSize(2);
        assertThat(alerts.webhooks().get(0).headers()).isEqualTo(Map.of("Authorization", "Bearer header-secret",
                "X-Team", "data"));
        assertThat(alerts.webhooks().get(0).display()).isEqualTo("https://hooks.example.com:8443");
        assertThat(alerts.webhooks().get(1).display()).isEqualTo("http://alerts.internal");
        assertThat(parse("alerts: {webhooks: [{url: \"https://hooks.example.com/x/url-secret\","
                + " headers: {Authorization: header-secret}}]}").toString())
                .doesNotContain("url-secret", "header-secret");
    }

    @Test
    void problemsNameTheFieldAndTheFixWithoutEchoingTheUrl() {
        assertThatThrownBy(() -> parse("""
                alerts:
                  interval: never
                  projected: maybe
                  retry-backoff: 1m
                  retry-backoff-max: 1s
                  webhook: []
                  webhooks:
                    - {url: "ftp://files.example.com/url-secret"}
                    - {headers: {A: b}}
                    - {url: "https://ok.example.com", header: {A: b}}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerts-test.yaml")
                .hasMessageContaining("alerts.interval")
                .hasMessageContaining("alerts.projected")
                .hasMessageContaining("alerts.retry-backoff-max")
                .hasMessageContaining("alerts.webhook")
                .hasMessageContaining("alerts.webhooks[0].url")
                .hasMessageContaining("https://alerts.example.com/strait")
                .hasMessageContaining("alerts.webhooks[1].url")
                .hasMessageContaining("alerts.webhooks[2].header")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("url-secret"));
    }

    private static StraitConfig parse(String extra) {
        return new StraitConfigLoader().parse(BASE + extra, "alerts-test.yaml");
    }
}
