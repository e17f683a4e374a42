package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code spark} section: defaults, values and problems, each naming the field and the fix. */
class SparkConfigTest {
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
        SparkConfig spark = parse("").spark();
        assertThat(spark).isEqualTo(SparkConfig.DEFAULT);
        assertThat(spark.enabled()).isFalse();
        assertThat(spark.master()).isEqualTo("local[*]");
        assertThat(spark.copyThreshold().bytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(spark.rowSample()).isEqualTo(10);
        assertThat(spark.conf()).isEmpty();
    }

    @Test
    void values() {
        SparkConfig spark = parse("""
                spark:
                  enabled: true
                  master: "spark://spark-master:7077"
                  copy-threshold: 1GB
                  row-sample: 25
                  conf: {spark.executor.memory: 4g, spark.cores.max: "8"}
                """).spark();
        assertThat(spark).isEqualTo(new SparkConfig(true, "spark://spark-master:7077", DataSize.parse("1GB"), 25,
                Map.of("spark.executor.memory", "4g", "spark.cores.max", "8")));
    }

    @Test
    void problems() {
        assertThatThrownBy(() -> parse("""
                spark: {enabled: maybe, master: "", copy-threshold: lots, row-sample: 0, conf: {a: {b: c}}, mastr: x}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spark.enabled")
                .hasMessageContaining("spark.master")
                .hasMessageContaining("spark.copy-threshold")
                .hasMessageContaining("spark.row-sample")
                .hasMessageContaining("spark.conf.a")
                .hasMessageContaining("mastr");
    }

    @Test
    void aScheduledReconcileCannotReadRows() {
        assertThatThrownBy(() -> new StraitConfigLoader().parse(BASE.replace("source: a, target: b}",
                "source: a, target: b, reconcile: {interval: 6h, depth: rows}}"), "strait.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("links[0].reconcile.depth")
                .hasMessageContaining("rows is for strait reconcile --depth rows only");
    }

    private static StraitConfig parse(String spark) {
        return new StraitConfigLoader().parse(BASE + spark, "strait.yaml");
    }
}
