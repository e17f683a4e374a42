package io.strait.common.config;

import io.strait.common.region.PathMapper;
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

    /** How {@code link} maps its source region's locations to its target's: by the roots both declare. */
    public PathMapper pathMapper(LinkConfig link) {
        return new PathMapper(link.source(), region(link.source()).roots(), link.target(),
                region(link.target()).roots());
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
    public record StoreConfig(String jdbcUrl, String user, String password, int poolSize, RetentionConfig retention,
            StoreTls tls) {
        public StoreConfig {
            retention = Objects.requireNonNullElse(retention, RetentionConfig.DEFAULT);
            tls = Objects.requireNonNullElse(tls, StoreTls.UNSET);
        }

        /** A state store without {@code store.tls} settings. */
        public StoreConfig(String jdbcUrl, String user, String password, int poolSize, RetentionConfig retention) {
            this(jdbcUrl, user, password, poolSize, retention, StoreTls.UNSET);
        }

        /** A state store with the default retention. */
        public StoreConfig(String jdbcUrl, String user, String password, int poolSize) {
            this(jdbcUrl, user, password, poolSize, RetentionConfig.DEFAULT);
        }

        /**
         * The URL Strait connects with: {@link #jdbcUrl} plus the {@code store.tls} settings as Connector/J
         * parameters. It may hold a key store password: show {@link #jdbcUrl}, never this.
         */
        public String connectionUrl() {
            return tls.appendTo(jdbcUrl);
        }

        @Override
        public String toString() {
            return "StoreConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + ", tls=" + tls + "]";
        }
    }

    /**
     * Housekeeping of the state store and of version folders ({@code store.retention}).
     *
     * @param events captured events older than this are deleted once every link reading their region planned them
     * @param finishedJobs settled jobs (not BLOCKED) unchanged for longer than this are deleted with their history
     * @param interval how often {@code strait run} runs housekeeping
     * @param batchSize rows deleted per statement
     * @param versionFolders how long a replaced or failed version folder is kept after it went out of use
     * @param records how long reconcile scans and resolved SLA alerts are kept (the latest scan of each table, open
     *     alerts and undelivered messages always are)
     */
    public record RetentionConfig(Duration events, Duration finishedJobs, Duration interval, int batchSize,
            Duration versionFolders, Duration records) {
        public static final Duration DEFAULT_VERSION_FOLDERS = Duration.ofHours(1);
        public static final Duration DEFAULT_RECORDS = Duration.ofDays(90);
        public static final RetentionConfig DEFAULT = new RetentionConfig(Duration.ofDays(30), Duration.ofDays(30),
                Duration.ofHours(1), 1000);

        public RetentionConfig {
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(finishedJobs, "finishedJobs");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(versionFolders, "versionFolders");
            Objects.requireNonNull(records, "records");
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1");
            }
        }

        /** A retention with the default delay of version folders and of records. */
        public RetentionConfig(Duration events, Duration finishedJobs, Duration interval, int batchSize) {
            this(events, finishedJobs, interval, batchSize, DEFAULT_VERSION_FOLDERS, DEFAULT_RECORDS);
        }

        /** A retention with the default retention of records. */
        public RetentionConfig(Duration events, Duration finishedJobs, Duration interval, int batchSize,
                Duration versionFolders) {
            this(events, finishedJobs, interval, batchSize, versionFolders, DEFAULT_RECORDS);
        }
    }

    /**
     * A region: its metastore, its named filesystem roots, its jurisdiction and Hadoop settings, and how long one of
     * its listener instances may be silent before it is reported.
     */
    public record RegionConfig(RegionId name, String metastoreUri, Map<String, String> roots, String jurisdiction,
            Map<String, String> hadoop, Duration listenerSilence, List<String> hadoopSiteFiles,
            MetastoreClientConfig metastoreClient, io.strait.common.region.FileLayout fileLayout,
            KerberosConfig kerberos, NotificationLogConfig notificationLog) {
        public static final Duration DEFAULT_LISTENER_SILENCE = Duration.ofMinutes(3);

        /** A region without a Kerberos login of its own and without the notification-log cross-check. */
        public RegionConfig(RegionId name, String metastoreUri, Map<String, String> roots, String jurisdiction,
                Map<String, String> hadoop, Duration listenerSilence, List<String> hadoopSiteFiles,
                MetastoreClientConfig metastoreClient, io.strait.common.region.FileLayout fileLayout) {
            this(name, metastoreUri, roots, jurisdiction, hadoop, listenerSilence, hadoopSiteFiles, metastoreClient,
                    fileLayout, KerberosConfig.NONE, NotificationLogConfig.OFF);
        }

        /** A region without the notification-log cross-check. */
        public RegionConfig(RegionId name, String metastoreUri, Map<String, String> roots, String jurisdiction,
                Map<String, String> hadoop, Duration listenerSilence, List<String> hadoopSiteFiles,
                MetastoreClientConfig metastoreClient, io.strait.common.region.FileLayout fileLayout,
                KerberosConfig kerberos) {
            this(name, metastoreUri, roots, jurisdiction, hadoop, listenerSilence, hadoopSiteFiles, metastoreClient,
                    fileLayout, kerberos, NotificationLogConfig.OFF);
        }

        /** A region without a Kerberos login of its own. */
        public RegionConfig(RegionId name, String metastoreUri, Map<String, String> roots, String jurisdiction,
                Map<String, String> hadoop, Duration listenerSilence, List<String> hadoopSiteFiles,
                MetastoreClientConfig metastoreClient, io.strait.common.region.FileLayout fileLayout,
                NotificationLogConfig notificationLog) {
            this(name, metastoreUri, roots, jurisdiction, hadoop, listenerSilence, hadoopSiteFiles, metastoreClient,
                    fileLayout, KerberosConfig.NONE, notificationLog);
        }

        public RegionConfig {
            roots = Map.copyOf(roots);
            hadoop = Map.copyOf(hadoop);
            java.util.Objects.requireNonNull(listenerSilence, "listenerSilence");
            hadoopSiteFiles = List.copyOf(hadoopSiteFiles);
            metastoreClient = Objects.requireNonNullElse(metastoreClient, MetastoreClientConfig.DEFAULT);
            java.util.Objects.requireNonNull(fileLayout, "fileLayout");
            kerberos = Objects.requireNonNullElse(kerberos, KerberosConfig.NONE);
            notificationLog = Objects.requireNonNullElse(notificationLog, NotificationLogConfig.OFF);
        }

        /**
         * A region without site files, with the default metastore client settings, whose new files keep the layout
         * of the files they copy ({@code files.*} not set).
         */
        public RegionConfig(RegionId name, String metastoreUri, Map<String, String> roots, String jurisdiction,
                Map<String, String> hadoop, Duration listenerSilence) {
            this(name, metastoreUri, roots, jurisdiction, hadoop, listenerSilence, List.of(),
                    MetastoreClientConfig.DEFAULT, io.strait.common.region.FileLayout.DEFAULT);
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
                    + ", listenerSilence=" + listenerSilence + ", hadoopSiteFiles=" + hadoopSiteFiles
                    + ", metastoreClient=" + metastoreClient + ", fileLayout=" + fileLayout + ", kerberos=" + kerberos
                    + ", notificationLog=" + notificationLog + "]";
        }
    }

    /**
     * The Kerberos login Strait uses for a region ({@code regions.<name>.kerberos}): every filesystem and metastore
     * call of the region is made as {@code principal}, logged in from {@code keytab}.
     *
     * @param principal the principal, e.g. {@code strait/host.example.com@EXAMPLE.COM}; empty: no login
     * @param keytab the keytab file holding the principal's key; empty: no login
     */
    public record KerberosConfig(String principal, String keytab) {
        public static final KerberosConfig NONE = new KerberosConfig("", "");

        public KerberosConfig {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(keytab, "keytab");
        }

        /** Whether the region logs in with Kerberos. */
        public boolean enabled() {
            return !principal.isEmpty();
        }
    }

    /**
     * The notification-log cross-check of a region ({@code regions.<name>.notification-log}).
     *
     * @param crossCheck whether Strait compares the source metastore's notification log with what its listeners
     *     recorded, reads lost events back from the log and repairs the tables of events that expired from it
     * @param settle how old a notification must be before it is checked (a listener may still be writing or
     *     replaying it from its spool)
     */
    public record NotificationLogConfig(boolean crossCheck, Duration settle) {
        public static final Duration DEFAULT_SETTLE = Duration.ofMinutes(1);
        public static final NotificationLogConfig OFF = new NotificationLogConfig(false, DEFAULT_SETTLE);

        public NotificationLogConfig {
            Objects.requireNonNull(settle, "settle");
        }
    }

    /**
     * How Strait's Thrift client talks to a region's metastore ({@code regions.<name>.metastore-client}).
     *
     * @param sasl whether the connection uses SASL (Kerberos): a secured metastore
     * @param kerberosPrincipal the metastore's service principal, e.g. {@code hive/_HOST@EXAMPLE.COM}; empty: none
     * @param socketTimeout how long one metastore call may take
     * @param connectionRetries connection attempts before failing
     * @param connectRetryDelay pause between connection attempts
     */
    public record MetastoreClientConfig(boolean sasl, String kerberosPrincipal, Duration socketTimeout,
            int connectionRetries, Duration connectRetryDelay) {
        public static final MetastoreClientConfig DEFAULT = new MetastoreClientConfig(false, "",
                Duration.ofSeconds(60), 3, Duration.ofSeconds(1));

        public MetastoreClientConfig {
            Objects.requireNonNull(kerberosPrincipal, "kerberosPrincipal");
            Objects.requireNonNull(socketTimeout, "socketTimeout");
            Objects.requireNonNull(connectRetryDelay, "connectRetryDelay");
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
            int tableConcurrency, int partitionBatch) {
        public static final int DEFAULT_TABLE_CONCURRENCY = 128;
        public static final int DEFAULT_PARTITION_BATCH = 32;
        public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofMinutes(10);
        public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
        public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

        public SchedulerConfig {
            retryBackoffMax = Objects.requireNonNullElse(retryBackoffMax, DEFAULT_RETRY_BACKOFF_MAX);
            lease = Objects.requireNonNullElse(lease, DEFAULT_LEASE);
            shutdownGrace = Objects.requireNonNullElse(shutdownGrace, DEFAULT_SHUTDOWN_GRACE);
            if (partitionBatch < 1) {
                throw new IllegalArgumentException("partitionBatch must be at least 1, not " + partitionBatch);
            }
        }

        /** Scheduler settings with the default retry cap, lease and shutdown grace. */
        public SchedulerConfig(Duration cycleInterval, int eventBatchSize, int jobWorkers, int maxAttempts,
                Duration retryBackoff) {
            this(cycleInterval, eventBatchSize, jobWorkers, maxAttempts, retryBackoff, null, null, null,
                    DEFAULT_TABLE_CONCURRENCY, DEFAULT_PARTITION_BATCH);
        }
    }

    /** Copy settings. */
    public record CopyConfig(int parallelism, DataSize taskTargetBytes, int taskMaxFiles, DataSize rangeThreshold,
            DataSize rangeSize) {
        public static final DataSize DEFAULT_RANGE_THRESHOLD = new DataSize(1L << 30);
        public static final DataSize DEFAULT_RANGE_SIZE = new DataSize(256L << 20);

        /** Copy settings with the default ranges of large files. */
        public CopyConfig(int parallelism, DataSize taskTargetBytes, int taskMaxFiles) {
            this(parallelism, taskTargetBytes, taskMaxFiles, DEFAULT_RANGE_THRESHOLD, DEFAULT_RANGE_SIZE);
        }
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
    public record HttpConfig(boolean enabled, String address, int port, String token, HttpTls tls,
            boolean insecurePlainHttp) {
        public static final HttpConfig DEFAULT = new HttpConfig(false, "127.0.0.1", 8080, "");

        public HttpConfig {
            Objects.requireNonNull(address, "address");
            token = Objects.requireNonNullElse(token, "");
            tls = Objects.requireNonNullElse(tls, HttpTls.NONE);
        }

        /** Plain HTTP, no exception for addresses beyond this machine. */
        public HttpConfig(boolean enabled, String address, int port, String token) {
            this(enabled, address, port, token, HttpTls.NONE, false);
        }

        @Override
        public String toString() {
            return "HttpConfig[enabled=" + enabled + ", address=" + address + ", port=" + port + ", token="
                    + (token.isEmpty() ? "none" : "(set)") + ", tls=" + tls + ", insecurePlainHttp="
                    + insecurePlainHttp + "]";
        }
    }

    /**
     * HTTPS for the dashboard ({@code http.tls}): the key store holding its certificate and private key.
     *
     * @param keyStore path of the key store, empty for plain HTTP
     * @param keyStorePassword its password (a secret), also the key's
     * @param keyStoreType {@code PKCS12} or {@code JKS}
     */
    public record HttpTls(String keyStore, String keyStorePassword, String keyStoreType) {
        public static final HttpTls NONE = new HttpTls("", "", "PKCS12");

        public HttpTls {
            keyStore = Objects.requireNonNullElse(keyStore, "");
            keyStorePassword = Objects.requireNonNullElse(keyStorePassword, "");
            keyStoreType = Objects.requireNonNullElse(keyStoreType, "PKCS12");
        }

        /** Whether the dashboard serves HTTPS. */
        public boolean enabled() {
            return !keyStore.isEmpty();
        }

        /** Whether {@code address} only accepts connections from this machine (loopback). */
        public static boolean isLoopback(String address) {
            String trimmed = address.trim();
            return trimmed.equals("localhost") || trimmed.startsWith("127.") || trimmed.equals("::1")
                    || trimmed.equals("[::1]");
        }

        @Override
        public String toString() {
            return enabled() ? "HttpTls[keyStore=" + keyStore + ", type=" + keyStoreType + "]" : "HttpTls[none]";
        }
    }
}
