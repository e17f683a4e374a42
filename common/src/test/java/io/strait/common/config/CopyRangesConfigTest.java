package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.config.StraitConfig.CopyConfig;
import org.junit.jupiter.api.Test;

/** {@code copy.range-threshold} and {@code copy.range-size}: defaults, values, problems naming file and field. */
class CopyRangesConfigTest {
    private static StraitConfig parse(String copy) {
        return new StraitConfigLoader().parse("""
                store: {jdbc-url: "jdbc:mysql://db:3306/strait"}
                regions:
                  a: {metastore-uri: "thrift://hms-a:9083", roots: {w: "hdfs://nn-a:8020/w"}}
                  b: {metastore-uri: "thrift://hms-b:9083", roots: {w: "hdfs://nn-b:8020/w"}}
                links:
                  - {name: a-to-b, source: a, target: b}
                %s
                """.formatted(copy), "strait.yaml");
    }

    @Test
    void defaultsToRangesOf256MbAbove1Gb() {
        CopyConfig copy = parse("").copy();
        assertThat(copy.rangeThreshold()).isEqualTo(new DataSize(1L << 30)).isEqualTo(CopyConfig.DEFAULT_RANGE_THRESHOLD);
        assertThat(copy.rangeSize()).isEqualTo(new DataSize(256L << 20)).isEqualTo(CopyConfig.DEFAULT_RANGE_SIZE);
    }

    @Test
    void takesValues() {
        CopyConfig copy = parse("copy: {range-threshold: 4GB, range-size: 512MB}").copy();
        assertThat(copy.rangeThreshold()).isEqualTo(new DataSize(4L << 30));
        assertThat(copy.rangeSize()).isEqualTo(new DataSize(512L << 20));
    }

    @Test
    void aRangeBelowS3sSmallestPartIsAProblem() {
        assertThatThrownBy(() -> parse("copy: {range-size: 1MB}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("strait.yaml")
                .hasMessageContaining("copy.range-size")
                .hasMessageContaining("5MB");
    }
}
