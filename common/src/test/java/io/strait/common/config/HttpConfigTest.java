package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.config.StraitConfig.HttpConfig;
import org.junit.jupiter.api.Test;

/** The {@code http} section: defaults, values, problems, and a token never printed. */
class HttpConfigTest {
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
        HttpConfig http = parse("").http();
        assertThat(http).isEqualTo(HttpConfig.DEFAULT);
        assertThat(http.enabled()).isFalse();
        assertThat(http.address()).isEqualTo("127.0.0.1");
        assertThat(http.port()).isEqualTo(8080);
        assertThat(http.token()).isEmpty();
    }

    @Test
    void values() {
        HttpConfig http = parse("http: {enabled: true, address: 0.0.0.0, port: 9090, token: abc123,"
                + " insecure-plain-http: true}").http();
        assertThat(http).isEqualTo(new HttpConfig(true, "0.0.0.0", 9090, "abc123", StraitConfig.HttpTls.NONE, true));
        assertThat(http.toString()).doesNotContain("abc123");
    }

    @Test
    void problems() {
        assertThatThrownBy(() -> parse("http: {enabled: yes-please, port: 70000, adress: x}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.enabled")
                .hasMessageContaining("http.port")
                .hasMessageContaining("adress");
    }

    @Test
    void plainHttpBeyondThisMachineIsAProblemUnlessAllowedOrHttps() {
        assertThatThrownBy(() -> parse("http: {enabled: true, address: 0.0.0.0}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.address: '0.0.0.0' would serve the dashboard over plain HTTP beyond this"
                        + " machine")
                .hasMessageContaining("http.tls.key-store");
        assertThat(parse("http: {enabled: true, address: localhost}").http().tls().enabled()).isFalse();
        assertThat(parse("http: {enabled: true, address: 127.0.0.2}").http().address()).isEqualTo("127.0.0.2");
        assertThatThrownBy(() -> parse("http: {address: 10.1.2.3, tls: {key-store: /no/such/dashboard.p12}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.tls.key-store: '/no/such/dashboard.p12' cannot be read");
    }

    private static StraitConfig parse(String http) {
        return new StraitConfigLoader().parse(BASE + http, "strait.yaml");
    }
}
