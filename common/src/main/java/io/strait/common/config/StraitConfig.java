package io.strait.common.config;

import io.strait.common.region.RegionId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Strait's whole configuration, validated. Built by {@link StraitConfigLoader}; see docs/CONFIGURATION.md. */
public record StraitConfig(StoreConfig store, Map<RegionId, RegionConfig> regions, List<LinkConfig> links,
        SchedulerConfig scheduler, CopyConfig copy, ReconcileConfig reconcile) {
    public StraitConfig {
        Objects.requireNonNull(store, "store");
        regions = Map.copyOf(regions);
        links = List.copyOf(links);
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(copy, "copy");
        reconcile = Objects.requireNonNullElse(reconcile, ReconcileConfig.DEFAULT);
    }

    /** A configuration with reconcile's defaults. */
    public StraitConfig(StoreConfig store, Map<RegionId, RegionConfig> regions, List<LinkConfig> links,
            SchedulerConfig scheduler, CopyConfig copy) {
        this(store, regions, links, scheduler, copy, ReconcileConfig.DEFAULT);
    }

    public RegionConfig region(RegionId id) {
        RegionConfig region = regions.get(id);
        if (region == null) {
            throw new IllegalArgumentException("no region " + id + " in the configuration");
        }
        return region;
    }

    public Optional<LinkConfig> link(String name) {
        return links.stream().filter(link -> link.name().equals(name)).findFirst();
    }

    /** The state store. */
    public record StoreConfig(String jdbcUrl, String user, String password, int poolSize) {
        @Override
        public String toString() {
            return "StoreConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + "]";
        }
    }

    /** A region: its metastore, its named filesystem roots, its jurisdiction and Hadoop settings. */
    public record RegionConfig(RegionId name, String metastoreUri, Map<String, String> roots, String jurisdiction,
            Map<String, String> hadoop) {
        public RegionConfig {
            roots = Map.copyOf(roots);
            hadoop = Map.copyOf(hadoop);
        }
    }

    /**
     * A replication link from one region to another, over the tables its patterns select, with its scheduled
     * reconcile when configured.
     */
    public record LinkConfig(String name, RegionId source, RegionId target, List<String> include,
            List<String> exclude, Optional<ScheduledReconcileConfig> scheduledReconcile) {
        public LinkConfig {
            include = List.copyOf(include);
            exclude = List.copyOf(exclude);
            Objects.requireNonNull(scheduledReconcile, "scheduledReconcile");
        }

        /** A link without scheduled reconcile. */
        public LinkConfig(String name, RegionId source, RegionId target, List<String> include,
                List<String> exclude) {
            this(name, source, target, include, exclude, Optional.empty());
        }

        public TableFilter tableFilter() {
            return new TableFilter(include, exclude);
        }
    }

    /** The replication cycle. */
    public record SchedulerConfig(Duration cycleInterval, int eventBatchSize, int jobWorkers, int maxAttempts,
            Duration retryBackoff) {
    }

    /** Copy settings. */
    public record CopyConfig(int parallelism, DataSize taskTargetBytes, int taskMaxFiles) {
    }

    /**
     * Reconcile settings.
     *
     * @param hiddenPrefixes a file whose path below an object's location has a segment starting with one of these
     *     is ignored on both sides
     */
    public record ReconcileConfig(List<String> hiddenPrefixes) {
        /** Hive's own rule: names starting with {@code _} or {@code .} are not data. */
        public static final ReconcileConfig DEFAULT = new ReconcileConfig(List.of("_", "."));

        public ReconcileConfig {
            hiddenPrefixes = List.copyOf(hiddenPrefixes);
        }
    }
}
