package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Secrets in the configuration: resolved by the loader, every failure a problem, never shown in a problem. */
class ConfigSecretsTest {
    private static final String FILE = "conf/strait.yaml";
    private static final Environment ENVIRONMENT = name -> Optional.ofNullable(Map.of(
            "STORE_PASSWORD", "store-secret-from-env", "HTTP_TOKEN", "token-secret-from-env").get(name));

    @TempDir
    Path folder;

    private static String config(String store, String extra) {
        return """
                store: {%s}
                regions:
                  a: {metastore-uri: "thrift://hms-a:9083", roots: {warehouse: "hdfs://nn-a/w"}}
                  b: {metastore-uri: "thrift://hms-b:9083", roots: {warehouse: "hdfs://nn-b/w"}}
                links:
                  - {name: a-to-b, source: a, target: b}
                %s
                """.formatted(store, extra);
    }

    private static StraitConfig load(String yaml) {
        return new StraitConfigLoader(ENVIRONMENT).parse(yaml, FILE);
    }

    private static List<ConfigProblem> problems(String yaml) {
        try {
            load(yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a problem");
    }

    @Test
    void resolvesEnvironmentAndFileReferencesEverywhere() throws IOException {
        Path header = folder.resolve("webhook-token");
        Files.writeString(header, "webhook-secret-from-file\n");
        StraitConfig config = load(config("""
                jdbc-url: "jdbc:mysql://db:3306/strait", password: "${env:STORE_PASSWORD}\"""", """
                http: {token: "${env:HTTP_TOKEN}"}
                alerts:
                  webhooks:
                    - url: "https://alerts.example.com/hook"
                      headers: {Authorization: "Bearer ${file:%s}"}
                """.formatted(header)));

        assertThat(config.store().password()).isEqualTo("store-secret-from-env");
        assertThat(config.http().token()).isEqualTo("token-secret-from-env");
        assertThat(config.alerts().webhooks().get(0).headers())
                .containsEntry("Authorization", "Bearer webhook-secret-from-file");
        assertThat(config.store().toString() + config.http() + config.alerts())
                .doesNotContain("store-secret-from-env", "token-secret-from-env", "webhook-secret-from-file");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("jdbc-url: \"jdbc:mysql://db/strait\", password: \"${env:MISSING}\"", "store.password",
                        "environment variable MISSING", "set MISSING"),
                Arguments.of("jdbc-url: \"jdbc:mysql://db/strait\", password: \"${file:/nonexistent/pw}\"",
                        "store.password", "cannot read file /nonexistent/pw", "create /nonexistent/pw"),
                Arguments.of("jdbc-url: \"jdbc:mysql://db/strait\", password: \"${DB_PASSWORD}\"", "store.password",
                        "is not a reference Strait resolves", "write ${env:DB_PASSWORD}"),
                Arguments.of("jdbc-url: \"${env:MISSING_URL}\"", "store.jdbc-url", "MISSING_URL", "set MISSING_URL"),
                Arguments.of("jdbc-url: \"jdbc:mariadb://db:3306/strait\"", "store.jdbc-url",
                        "jdbc:mariadb: URLs need MariaDB Connector/J", "jdbc:mysql://"),
                Arguments.of("jdbc-url: \"jdbc:mysql://db:3306\"", "store.jdbc-url", "names no database",
                        "jdbc:mysql://"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("refused")
    void aReferenceThatCannotBeResolvedIsAProblemNamingFileFieldAndFix(String store, String field, String message,
            String fix) {
        List<ConfigProblem> problems = problems(config(store, ""));

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).file()).isEqualTo(FILE);
        assertThat(problems.get(0).field()).isEqualTo(field);
        assertThat(problems.get(0).message()).contains(message);
        assertThat(problems.get(0).fix()).contains(fix);
    }

    @Test
    void aRegionShowsItsHadoopSettingsByNameOnly() {
        StraitConfig config = load(config("jdbc-url: \"jdbc:mysql://db/strait\"", "").replace(
                "roots: {warehouse: \"hdfs://nn-a/w\"}}",
                "roots: {warehouse: \"hdfs://nn-a/w\"}, hadoop: {fs.s3a.secret.key: \"${env:STORE_PASSWORD}\"}}"));

        StraitConfig.RegionConfig region = config.region(io.strait.common.region.RegionId.of("a"));
        assertThat(region.hadoop()).containsEntry("fs.s3a.secret.key", "store-secret-from-env");
        assertThat(region.toString()).contains("fs.s3a.secret.key").doesNotContain("store-secret-from-env");
    }

    @Test
    void aSyntaxErrorDoesNotQuoteTheLineItFoundItIn() {
        assertThatThrownBy(() -> load("store: {jdbc-url: \"jdbc:mysql://db/s\", password: \"literal-secret-77\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("(syntax)").hasMessageContaining("at line 1")
                .hasMessageNotContaining("literal-secret-77");
    }

    @Test
    void noProblemShowsASecret() {
        String yaml = config("""
                jdbc-url: "jdbc:mysql://db/strait?password=url-secret-1", password: "${env:STORE_PASSWORD}",
                pool-size: "${env:HTTP_TOKEN}\"""", """
                alerts:
                  webhooks:
                    - url: "ftp://hooks.example.com/literal-url-secret"
                      headers: {X-Key: "${env:NOT_THERE}"}
                """);

        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class).satisfies(e -> {
            assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::field)
                    .contains("store.pool-size", "alerts.webhooks[0].url", "alerts.webhooks[0].headers.X-Key");
            assertThat(e.getMessage()).contains("not a whole number", "NOT_THERE")
                    .doesNotContain("url-secret-1", "token-secret-from-env", "store-secret-from-env",
                            "literal-url-secret");
        });
    }
}
