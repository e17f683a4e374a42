package io.strait.common.config;

import io.strait.common.region.RegionId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Strait's whole configuration, validated. Built by {@link StraitConfigLoader}; see docs/CONFIGURATION.md. */
public record StraitConfig(StoreConfig store, Map<RegionId, RegionConfig> regions, List<LinkConfig> links,
        SchedulerConfig scheduler, CopyConfig copy, ReconcileConfig reconcile, HttpConfig http, AlertsConfig alerts,
        SparkConfig spark) {
    public StraitConfig {
        Objects.requireNonNull(store, "store");
        regions = Map.copyOf(regions);
        links = List.copyOf(links);
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(copy, "copy");
        reconcile = Objects.requireNonNullElse(reconcile, ReconcileConfig.DEFAULT);
        http = Objects.requireNonNullElse(http, HttpConfig.DEFAULT);
        alerts = Objects.requireNonNullElse(alerts, AlertsConfig.DEFAULT);
        spark = Objects.requireNonNullElse(spark, SparkConfig.DEFAULT);
    }

    /** A configuration with Spark's defaults (large copies in-process). */
    public StraitConfig(StoreConfig store, Map<RegionId, RegionConfig> regions, List<LinkConfig> links,
            SchedulerConfig scheduler, CopyConfig copy, ReconcileConfig reconcile, HttpConfig http,
            AlertsConfig alerts) {
        this(store, regions, links, scheduler, copy, reconcile, http, alerts, SparkConfig.DEFAULT);
    }

    /** A configuration with the SLA alerts' defaults (log only, no webhook). */
    public StraitConfig(StoreConfig store, Map<RegionId, RegionConfig> regions, List<LinkConfig> links,
            SchedulerConfig scheduler, CopyConfig copy, ReconcileConfig reconcile, HttpConfig http) {
        this(store, regions, links, scheduler, copy, reconcile, http, AlertsConfig.DEFAULT);
    }

    /** A configuration with the dashboard server's defaults (disabled in strait run). */
    public StraitConfig(StoreConfig store, Map<RegionId, RegionConfig> regions, List<LinkConfig> links,
            SchedulerConfig scheduler, CopyConfig copy, ReconcileConfig reconcile) {
        this(store, regions, links, scheduler, copy, reconcile, HttpConfig.DEFAULT);
    }

    /** A configuration with reconcile's defaults. */
    public StraitConfig(StoreConfig store, Map<RegionId, RegionConfig> regions, List<LinkConfig> links,
            SchedulerConfig scheduler, CopyConfig copy) {
        this(store, regions, links, scheduler, copy, ReconcileConfig.DEFAULT, HttpConfig.DEFAULT);
    }

    public RegionConfig region(RegionId id) {
        RegionConfig region = regions.get(id);
        if (region == null) {
            throw new IllegalArgumentException("no region " + id + " in the configuration");
        }
        return region;
    }

    /** Each link's SLA, for the jobs' deadlines. */
    public io.strait.common.job.JobDeadlines jobDeadlines() {
        Map<String, Duration> slas = new java.util.HashMap<>();
        links.forEach(link -> slas.put(link.name(), link.sla()));
        return new io.strait.common.job.JobDeadlines(slas);
    }

    public Optional<LinkConfig> link(String name) {
        return links.stream().filter(link -> link.name().equals(name)).findFirst();
    }

    /** The state store, and how long its history is kept ({@link RetentionConfig}). */
    public record StoreConfig(String jdbcUrl, String user, String password, int poolSize, RetentionConfig retention) {
        public StoreConfig {
            retention = Objects.requireNonNullElse(retention, RetentionConfig.DEFAULT);
        }

        /** A state store with the default retention. */
        public StoreConfig(String jdbcUrl, String user, String password, int poolSize) {
            this(jdbcUrl, user, password, poolSize, RetentionConfig.DEFAULT);
        }

        @Override
        public String toString() {
            return "StoreConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + "]";
        }
    }

    /**
     * Housekeeping of the state store ({@code store.retention}).
     *
     * @param events captured events older than this are deleted once every link reading their region planned them
     * @param finishedJobs settled jobs (not BLOCKED) unchanged for longer than this are deleted with their history
     * @param interval how often {@code strait run} runs housekeeping
     * @param batchSize rows deleted per statement
     */
    /**
     * Housekeeping: how long captured events and finished jobs are kept, how long a replaced or failed version
     * folder is kept after it went out of use ({@code versionFolders}), how often it runs and its batch size.
     */
    public record RetentionConfig(Duration events, Duration finishedJobs, Duration interval, int batchSize,
            Duration versionFolders) {
        public static final Duration DEFAULT_VERSION_FOLDERS = Duration.ofHours(1);
        public static final RetentionConfig DEFAULT = new RetentionConfig(Duration.ofDays(30), Duration.ofDays(30),
                Duration.ofHours(1), 1000);

        public RetentionConfig {
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(finishedJobs, "finishedJobs");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(versionFolders, "versionFolders");
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1");
            }
        }

        /** A retention with the default delay of version folders. */
        public RetentionConfig(Duration events, Duration finishedJobs, Duration interval, int batchSize) {
            this(events, finishedJobs, interval, batchSize, DEFAULT_VERSION_FOLDERS);
        }
    }

    /**
     * A region: its metastore, its named filesystem roots, its jurisdiction and Hadoop settings, and how long one of
     * its listener instances may be silent before it is reported.
     */
    public record RegionConfig(RegionId name, String metastoreUri, Map<String, String> roots, String jurisdiction,
            Map<String, String> hadoop, Duration listenerSilence) {
        public static final Duration DEFAULT_LISTENER_SILENCE = Duration.ofMinutes(3);

        public RegionConfig {
            roots = Map.copyOf(roots);
            hadoop = Map.copyOf(hadoop);
            java.util.Objects.requireNonNull(listenerSilence, "listenerSilence");
        }

        public RegionConfig(RegionId name, String metastoreUri, Map<String, String> roots, String jurisdiction,
                Map<String, String> hadoop) {
            this(name, metastoreUri, roots, jurisdiction, hadoop, DEFAULT_LISTENER_SILENCE);
        }

        /** Names the Hadoop settings without their values: some hold credentials (e.g. an object store's key). */
        @Override
        public String toString() {
            return "RegionConfig[name=" + name + ", metastoreUri=" + metastoreUri + ", roots=" + roots
                    + ", jurisdiction=" + jurisdiction + ", hadoop=" + new java.util.TreeSet<>(hadoop.keySet())
                    + ", listenerSilence=" + listenerSilence + "]";
        }
    }

    /**
     * A replication link from one region to another, over the tables its patterns select, with its scheduled
     * reconcile when configured.
     */
    public record LinkConfig(String name, RegionId source, RegionId target, List<String> include,
            List<String> exclude, Optional<ScheduledReconcileConfig> scheduledReconcile, Duration sla,
            Optional<DataSize> bandwidth) {
        /** The SLA of a link that does not set one. */
        public static final Duration DEFAULT_SLA = io.strait.common.job.JobDeadlines.DEFAULT_SLA;

        public LinkConfig {
            include = List.copyOf(include);
            exclude = List.copyOf(exclude);
            Objects.requireNonNull(scheduledReconcile, "scheduledReconcile");
            Objects.requireNonNull(sla, "sla");
            Objects.requireNonNull(bandwidth, "bandwidth");
        }

        /** A link with the default SLA, no bandwidth budget and the given scheduled reconcile. */
        public LinkConfig(String name, RegionId source, RegionId target, List<String> include,
                List<String> exclude, Optional<ScheduledReconcileConfig> scheduledReconcile) {
            this(name, source, target, include, exclude, scheduledReconcile, DEFAULT_SLA, Optional.empty());
        }

        /** A link without scheduled reconcile, with the default SLA and no bandwidth budget. */
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
            Duration retryBackoff, Duration retryBackoffMax, Duration lease, Duration shutdownGrace,
            int tableConcurrency) {
        public static final int DEFAULT_TABLE_CONCURRENCY = 4;
        public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofMinutes(10);
        public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
        public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

        public SchedulerConfig {
            retryBackoffMax = Objects.requireNonNullElse(retryBackoffMax, DEFAULT_RETRY_BACKOFF_MAX);
            lease = Objects.requireNonNullElse(lease, DEFAULT_LEASE);
            shutdownGrace = Objects.requireNonNullElse(shutdownGrace, DEFAULT_SHUTDOWN_GRACE);
        }

        /** Scheduler settings with the default retry cap, lease and shutdown grace. */
        public SchedulerConfig(Duration cycleInterval, int eventBatchSize, int jobWorkers, int maxAttempts,
                Duration retryBackoff) {
            this(cycleInterval, eventBatchSize, jobWorkers, maxAttempts, retryBackoff, null, null, null,
                    DEFAULT_TABLE_CONCURRENCY);
        }
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

    /**
     * The dashboard server (pages, JSON API, /metrics, /health).
     *
     * @param enabled whether {@code strait run} serves it ({@code strait serve} always does)
     * @param token bearer token for mutating endpoints; empty: none accepted. Never printed.
     */
    public record HttpConfig(boolean enabled, String address, int port, String token) {
        public static final HttpConfig DEFAULT = new HttpConfig(false, "127.0.0.1", 8080, "");

        public HttpConfig {
            Objects.requireNonNull(address, "address");
            token = Objects.requireNonNullElse(token, "");
        }

        @Override
        public String toString() {
            return "HttpConfig[enabled=" + enabled + ", address=" + address + ", port=" + port + ", token="
                    + (token.isEmpty() ? "none" : "(set)") + "]";
        }
    }
}
