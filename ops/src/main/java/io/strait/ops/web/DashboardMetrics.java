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
import io.strait.common.job.JobState;
import io.strait.sql.dashboard.DashboardQueries;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Prometheus exposition of {@code /metrics}: the state store's figures, read again at each scrape, as gauges
 * (a figure that disappears, such as a state no job is in any more, reads 0), and the JVM basics.
 *
 * <ul>
 *   <li>{@code strait_jobs{link,state}}: jobs by state (every state, 0 included: the backlog);</li>
 *   <li>{@code strait_replication_lag_seconds{link,window,quantile}}: lag percentiles over the last hour, day and
 *       week;</li>
 *   <li>{@code strait_files_verified{link}}, {@code strait_bytes_verified{link}};</li>
 *   <li>{@code strait_divergences{link,class}}: divergences of each table's latest scan, by class;</li>
 *   <li>{@code strait_state_store_up}: 1 when the state store answered this scrape.</li>
 * </ul>
 */
final class DashboardMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
    private final DashboardQueries queries;
    private final List<DashboardQueries.Link> links;
    private final Clock clock;

    DashboardMetrics(DashboardQueries queries, List<DashboardQueries.Link> links, Clock clock) {
        this.queries = queries;
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
        set(seen, "strait.state.store.up", Tags.empty(), up ? 1 : 0, 1);
        if (up) {
            refresh(seen);
        }
        values.keySet().stream().filter(key -> !seen.contains(key)).forEach(key -> values.get(key).set(0));
        return registry.scrape();
    }

    @SuppressWarnings("unchecked")
    private void refresh(Set<String> seen) {
        for (Map<String, Object> link : queries.links(links, clock.millis())) {
            String name = (String) link.get("link");
            Map<String, Long> byState = (Map<String, Long>) link.get("jobsByState");
            for (JobState state : JobState.values()) {
                set(seen, "strait.jobs", Tags.of("link", name, "state", state.name()),
                        byState.getOrDefault(state.name(), 0L), 1);
            }
            Map<String, Map<String, Object>> lag = (Map<String, Map<String, Object>>) link.get("lagMs");
            lag.forEach((window, percentiles) -> {
                for (String quantile : List.of("p50", "p95", "p99")) {
                    set(seen, "strait.replication.lag.seconds", Tags.of("link", name, "window", window,
                            "quantile", "0." + quantile.substring(1)), ((Number) percentiles.get(quantile)).longValue(),
                            1000);
                }
            });
            set(seen, "strait.files.verified", Tags.of("link", name), ((Number) link.get("filesVerified")).longValue(),
                    1);
            set(seen, "strait.bytes.verified", Tags.of("link", name), ((Number) link.get("bytesVerified")).longValue(),
                    1);
            Map<String, Object> reconcile = (Map<String, Object>) link.get("reconcile");
            ((Map<String, Long>) reconcile.get("divergencesByClass")).forEach((divergenceClass, count) ->
                    set(seen, "strait.divergences", Tags.of("link", name, "class", divergenceClass), count, 1));
        }
    }

    /** Sets gauge {@code name} with {@code tags} to {@code value / divisor}, registering it the first time. */
    private void set(Set<String> seen, String name, Tags tags, long value, long divisor) {
        String key = name + tags;
        seen.add(key);
        AtomicLong holder = values.computeIfAbsent(key, ignored -> {
            AtomicLong created = new AtomicLong();
            Gauge.builder(name, created, held -> held.get() / (double) divisor).tags(tags).register(registry);
            return created;
        });
        holder.set(value);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
