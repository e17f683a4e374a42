package io.strait.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileDepth;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code links[].reconcile}: a link's scheduled reconcile, its defaults and every problem at once. */
class ScheduledReconcileConfigTest {
    private static final String FILE = "conf/strait.yaml";

    private static String withLink(String link) {
        return """
                store: {jdbc-url: "jdbc:mysql://db:3306/strait"}
                regions:
                  a: {metastore-uri: "thrift://a:9083", roots: {external: "file:/a"}}
                  b: {metastore-uri: "thrift://b:9083", roots: {external: "file:/b"}}
                links:
                %s
                """.formatted(link);
    }

    @Test
    void aLinkWithoutAReconcileSectionHasNoScheduledReconcile() {
        StraitConfig config = new StraitConfigLoader().parse(withLink("  - {name: a-to-b, source: a, target: b}"),
                FILE);

        assertThat(config.links().get(0).scheduledReconcile()).isEmpty();
    }

    @Test
    void everyFieldIsReadAndTheOthersDefault() {
        StraitConfig config = new StraitConfigLoader().parse(withLink("""
                  - name: a-to-b
                    source: a
                    target: b
                    reconcile:
                      interval: 6h
                      recent-interval: 30m
                      scope: [sales, "web.events_*"]
                      repair: [MISSING_PARTITION, missing_file]
                """), FILE);

        assertThat(config.links().get(0).scheduledReconcile()).contains(new ScheduledReconcileConfig(
                Duration.ofHours(6), ReconcileDepth.FILES, List.of("sales", "web.events_*"),
                Optional.of(Duration.ofMinutes(30)), Duration.ofDays(2),
                Set.of(DivergenceClass.MISSING_PARTITION, DivergenceClass.MISSING_FILE)));
    }

    @Test
    void everyProblemIsReportedWithItsFieldAndFix() {
        assertThatThrownBy(() -> new StraitConfigLoader().parse(withLink("""
                  - name: a-to-b
                    source: a
                    target: b
                    reconcile:
                      depth: deep
                      recent-window: soon
                      scope: ["a.b.c"]
                      repair: [EXTRA_PARTITION, MISSING_THING]
                      every: 1h
                """), FILE)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
                .contains("links[0].reconcile.interval: is required")
                .contains("links[0].reconcile.depth: 'deep' is not a reconcile depth")
                .contains("links[0].reconcile.recent-window: 'soon' is not a duration")
                .contains("links[0].reconcile.scope: 'a.b.c' is not DB, DB.TABLE or a pattern")
                .contains("links[0].reconcile.repair: EXTRA_PARTITION cannot be repaired automatically")
                .contains("--allow-delete")
                .contains("links[0].reconcile.repair: 'MISSING_THING' is not a divergence class")
                .contains("links[0].reconcile.every: unknown key")
                .contains(FILE));
    }
}
