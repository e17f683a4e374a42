package io.strait.ops.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strait.common.alert.AlertState;
import io.strait.common.copy.FileVerification;
import io.strait.common.job.JobState;
import io.strait.sql.dashboard.DashboardQueries;
import io.strait.sql.metrics.MetricsQueries;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Prometheus exposition of {@code /metrics}: the state store's figures, read again at each scrape, as gauges
 * (a figure that disappears, such as a state no job is in any more, reads 0), and the JVM basics. The names, as
 * Prometheus sees them, are {@link #STRAIT_METRICS}; docs/API.md describes each.
 */
final class DashboardMetrics implements AutoCloseable {
    /** Every Strait metric (Prometheus names), besides the JVM's {@code jvm_*}, {@code process_*}, {@code system_*}. */
    static final Set<String> STRAIT_METRICS = Set.of("strait_state_store_up", "strait_jobs",
            "strait_replication_lag_seconds", "strait_replication_lag_jobs", "strait_files_verified",
            "strait_bytes_verified", "strait_files", "strait_files_copied", "strait_bytes_copied",
            "strait_sla_alerts_open", "strait_sla_breaches", "strait_events_captured_per_second",
            "strait_reconcile_tables", "strait_reconcile_consistent_ratio", "strait_divergences");
    private static final List<String> SCAN_STATUSES = List.of("CONSISTENT", "DIVERGENT", "FAILED");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<String, Value> values = new ConcurrentHashMap<>();
    private final DashboardQueries queries;
    private final MetricsQueries figures;
    private final List<DashboardQueries.Link> links;
    private final Clock clock;

    DashboardMetrics(DashboardQueries queries, MetricsQueries figures, List<DashboardQueries.Link> links,
            Clock clock) {
        this.queries = queries;
        this.figures = figures;
        this.links = links;
        this.clock = clock;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Reads the state store's figures and renders every meter in the Prometheus text format. */
    synchronized String scrape() {
        Set<String> seen = new HashSet<>();
        boolean up = queries.reachable();
        set(seen, "strait.state.store.up", Tags.empty(), up ? 1 : 0);
        if (up) {
            refresh(seen);
        }
        values.keySet().stream().filter(key -> !seen.contains(key)).forEach(key -> values.get(key).value = 0);
        return registry.scrape();
    }

    @SuppressWarnings("unchecked")
    private void refresh(Set<String> seen) {
        long now = clock.millis();
        for (Map<String, Object> link : queries.links(links, now)) {
            String name = (String) link.get("link");
            Map<String, Long> byState = (Map<String, Long>) link.get("jobsByState");
            for (JobState state : JobState.values()) {
                set(seen, "strait.jobs", Tags.of("link", name, "state", state.name()),
                        byState.getOrDefault(state.name(), 0L));
            }
            Map<String, Map<String, Object>> lag = (Map<String, Map<String, Object>>) link.get("lagMs");
            lag.forEach((window, percentiles) -> {
                for (String quantile : List.of("p50", "p95", "p99")) {
                    set(seen, "strait.replication.lag.seconds", Tags.of("link", name, "window", window,
                            "quantile", "0." + quantile.substring(1)),
                            number(percentiles.get(quantile)) / 1000.0);
                }
                set(seen, "strait.replication.lag.jobs", Tags.of("link", name, "window", window),
                        number(percentiles.get("jobs")));
            });
            set(seen, "strait.files.verified", Tags.of("link", name), number(link.get("filesVerified")));
            set(seen, "strait.bytes.verified", Tags.of("link", name), number(link.get("bytesVerified")));
            Map<String, Object> reconcile = (Map<String, Object>) link.get("reconcile");
            ((Map<String, Long>) reconcile.get("divergencesByClass")).forEach((divergenceClass, count) ->
                    set(seen, "strait.divergences", Tags.of("link", name, "class", divergenceClass), count));
            reconcile(seen, name, reconcile);
            linkFigures(seen, name, figures.link(name));
        }
        links.stream().map(DashboardQueries.Link::source).distinct().forEach(region -> set(seen,
                "strait.events.captured.per.second", Tags.of("region", region), figures.captureRate(region, now)));
    }

    private void reconcile(Set<String> seen, String link, Map<String, Object> reconcile) {
        long scanned = 0;
        for (String status : SCAN_STATUSES) {
            long count = number(reconcile.get(status.toLowerCase(java.util.Locale.ROOT)));
            scanned += count;
            set(seen, "strait.reconcile.tables", Tags.of("link", link, "status", status), count);
        }
        long consistent = number(reconcile.get("consistent"));
        set(seen, "strait.reconcile.consistent.ratio", Tags.of("link", link),
                scanned == 0 ? 1.0 : consistent / (double) scanned);
    }

    private void linkFigures(Set<String> seen, String link, MetricsQueries.LinkFigures linkFigures) {
        long copied = 0;
        long bytes = 0;
        for (FileVerification outcome : FileVerification.values()) {
            MetricsQueries.Files files = linkFigures.filesByVerification().getOrDefault(outcome.name(),
                    new MetricsQueries.Files(0, 0));
            set(seen, "strait.files", Tags.of("link", link, "verification", outcome.name()), files.files());
            if (outcome != FileVerification.PENDING) {
                copied += files.files();
            }
            bytes += files.bytesCopied();
        }
        set(seen, "strait.files.copied", Tags.of("link", link), copied);
        set(seen, "strait.bytes.copied", Tags.of("link", link), bytes);
        for (AlertState state : List.of(AlertState.PROJECTED, AlertState.BREACHED)) {
            set(seen, "strait.sla.alerts.open", Tags.of("link", link, "state", state.name()),
                    linkFigures.openAlertsByState().getOrDefault(state.name(), 0L));
        }
        set(seen, "strait.sla.breaches", Tags.of("link", link), linkFigures.breaches());
    }

    /**
     * Every metric name this exposition can carry (Prometheus names): {@link #STRAIT_METRICS} and those of the JVM
     * binders, read from the registry without touching the state store.
     */
    Set<String> exposedNames() {
        Set<String> names = new java.util.TreeSet<>(STRAIT_METRICS);
        for (String line : registry.scrape().split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                names.add(line.split("[{ ]")[0]);
            }
        }
        return names;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Sets gauge {@code name} with {@code tags} to {@code value}, registering it the first time. */
    private void set(Set<String> seen, String name, Tags tags, double value) {
        String key = name + tags;
        seen.add(key);
        values.computeIfAbsent(key, ignored -> {
            Value created = new Value();
            Gauge.builder(name, created, held -> held.value).tags(tags).register(registry);
            return created;
        }).value = value;
    }

    /** The current value of one gauge. */
    private static final class Value {
        private volatile double value;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
