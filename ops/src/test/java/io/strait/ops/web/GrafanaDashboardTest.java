package io.strait.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every metric the Grafana dashboard ({@code ops/grafana/strait.json}) queries is one Strait registers. */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("grafana/strait.json");
    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");

    @Test
    void everyQueriedMetricIsRegistered() throws IOException {
        Set<String> registered;
        try (DashboardMetrics metrics = new DashboardMetrics(null, null, List.of(), Clock.systemUTC())) {
            registered = metrics.exposedNames();
        }
        Set<String> queried = queriedMetrics(new ObjectMapper().readTree(DASHBOARD.toFile()));

        assertThat(queried).as("the dashboard queries something").hasSizeGreaterThanOrEqualTo(10);
        assertThat(queried).contains("strait_replication_lag_seconds", "strait_jobs", "strait_bytes_copied",
                "strait_sla_alerts_open", "strait_events_captured_per_second", "strait_divergences");
        assertThat(registered).as("metrics Strait registers").containsAll(queried);
    }

    @Test
    void metricNamesAreReadOutOfPromQl() {
        assertThat(metricsIn("sum by (link, state) (strait_jobs{link=~\"$link\",state!~\"A|B\"})"))
                .containsExactly("strait_jobs");
        assertThat(metricsIn("sum by (link) (rate(strait_bytes_copied{link=~\"$link\"}[5m])) / ignoring(x) foo_total"))
                .containsExactly("foo_total", "strait_bytes_copied");
        assertThat(metricsIn("min(strait_state_store_up) and bool up")).containsExactly("strait_state_store_up",
                "up");
    }

    private static Set<String> queriedMetrics(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        List<JsonNode> expressions = new ArrayList<>(dashboard.findValues("expr"));
        expressions.forEach(expr -> names.addAll(metricsIn(expr.asText())));
        for (JsonNode definition : dashboard.path("templating").findValues("definition")) {
            Matcher matcher = LABEL_VALUES.matcher(definition.asText());
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** The metric names of a PromQL expression: identifiers outside strings, matchers, ranges and groupings. */
    static Set<String> metricsIn(String promQl) {
        String bare = promQl.replaceAll("\"[^\"]*\"", "")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            String word = matcher.group(1);
            if (!PROMQL_WORDS.contains(word.toLowerCase(java.util.Locale.ROOT)) && !word.matches("\\d.*")) {
                names.add(word);
            }
        }
        return names;
    }
}
