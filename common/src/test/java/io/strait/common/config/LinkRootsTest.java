package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkRootsTest {
    private static StraitConfig config(String sourceRoots, String targetRoots) {
        return new StraitConfigLoader(name -> java.util.Optional.empty()).parse("""
                store: {jdbc-url: "jdbc:mysql://db/strait"}
                regions:
                  a: {metastore-uri: "thrift://hms-a:9083", roots: {%s}}
                  b: {metastore-uri: "thrift://hms-b:9083", roots: {%s}}
                links:
                  - {name: a-to-b, source: a, target: b}
                """.formatted(sourceRoots, targetRoots), "strait.yaml");
    }

    @ParameterizedTest(name = "source {0} / target {1} -> unmapped {2}")
    @CsvSource(delimiter = '|', value = {
            "w: 'hdfs://a/w'|w: 'hdfs://b/w'|''",
            "w: 'hdfs://a/w', raw: 'hdfs://a/raw'|w: 'hdfs://b/w'|raw",
            "w: 'hdfs://a/w', raw: 'hdfs://a/raw'|other: 'hdfs://b/o'|raw,w",
            "w: 'hdfs://a/w'|w: 'hdfs://b/w', extra: 'hdfs://b/x'|''"})
    void warnsOfEverySourceRootTheTargetLacks(String source, String target, String unmapped) {
        List<ConfigProblem> warnings = LinkRoots.unmapped(config(source, target), "strait.yaml");

        List<String> expected = unmapped.isEmpty() ? List.of() : List.of(unmapped.split(","));
        assertThat(warnings).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(warnings.get(i).field()).isEqualTo("links[0]");
            assertThat(warnings.get(i).message()).contains("has root '" + expected.get(i) + "'", "target region b");
            assertThat(warnings.get(i).fix()).contains("regions.b.roots." + expected.get(i));
        }
    }
}
