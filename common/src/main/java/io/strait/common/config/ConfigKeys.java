package io.strait.common.config;

import java.util.List;

/**
 * Every configuration key, declared once with its type, default and meaning. The loader takes defaults from here
 * and docs/CONFIGURATION.md is checked against this list by a test. {@code <name>} stands for a user-chosen name
 * and {@code []} for a list entry.
 */
public final class ConfigKeys {
    /** One key: dotted path, type, default ("" when required or empty), and what it does. */
    public record Key(String path, String type, String defaultValue, boolean required, String doc) {
    }

    public static final Key STORE_JDBC_URL = required("store.jdbc-url", "string",
            "JDBC URL of the MySQL or MariaDB state store, e.g. jdbc:mysql://db:3306/strait (jdbc:mariadb: is refused:"
                    + " MySQL Connector/J serves both)");
    public static final Key STORE_USER = optional("store.user", "string", "root", "state store user");
    public static final Key STORE_PASSWORD = optional("store.password", "string", "",
            "state store password; a secret: write ${env:NAME} or ${file:/path}, never shown");
    public static final Key STORE_POOL_SIZE = optional("store.pool-size", "int", "8",
            "maximum JDBC connections Strait opens to the state store");
    public static final Key STORE_RETENTION_EVENTS = optional("store.retention.events", "duration", "30d",
            "captured events older than this are deleted by housekeeping, once every link reading their region has"
                    + " planned them (the newest event of each region is kept)");
    public static final Key STORE_RETENTION_FINISHED_JOBS = optional("store.retention.finished-jobs", "duration",
            "30d", "jobs settled (SUCCEEDED, SUPERSEDED, CANCELLED, FAILED, UNVERIFIABLE) and unchanged for longer than"
                    + " this are deleted by housekeeping with their transitions, tasks and manifests; the newest"
                    + " SUCCEEDED job of each object and BLOCKED jobs are kept");
    public static final Key STORE_RETENTION_INTERVAL = optional("store.retention.interval", "duration", "1h",
            "how often strait run runs housekeeping");
    public static final Key STORE_RETENTION_BATCH_SIZE = optional("store.retention.batch-size", "int", "1000",
            "rows housekeeping deletes per statement (short transactions)");
    public static final Key STORE_RETENTION_VERSION_FOLDERS = optional("store.retention.version-folders", "duration",
            "1h", "a replaced or failed version folder (_strait_v<job>_<attempt> that no live table or partition of"
                    + " the target points at) is deleted by housekeeping this long after it went out of use");
    public static final Key STORE_RETENTION_RECORDS = optional("store.retention.records", "duration", "90d",
            "reconcile scans (with their divergences) and resolved SLA alerts (with their delivered messages) older"
                    + " than this are deleted by housekeeping; the latest scan of each table, open alerts and"
                    + " undelivered messages are kept");
    public static final Key STORE_TLS_MODE = optional("store.tls.mode", "enum", "preferred",
            "TLS to the state store (Connector/J's sslMode): disabled, preferred (TLS when offered, unverified),"
                    + " required (TLS, unverified), verify-ca (the server's certificate is checked against"
                    + " trust-store), verify-identity (verify-ca and the certificate names the URL's host); without a"
                    + " store.tls section the URL's own parameters decide");
    public static final Key STORE_TLS_TRUST_STORE = optional("store.tls.trust-store", "path", "",
            "trust store holding the CA certificate of the state store server (verify-ca, verify-identity);"
                    + " empty: the JVM's default CAs");
    public static final Key STORE_TLS_TRUST_STORE_PASSWORD = optional("store.tls.trust-store-password", "string", "",
            "password of trust-store; a secret: write ${env:NAME} or ${file:/path}, never shown");
    public static final Key STORE_TLS_TRUST_STORE_TYPE = optional("store.tls.trust-store-type", "enum", "PKCS12",
            "type of trust-store: PKCS12 or JKS");
    public static final Key STORE_TLS_KEY_STORE = optional("store.tls.key-store", "path", "",
            "key store with Strait's client certificate and key, for a server that requires one (mutual TLS)");
    public static final Key STORE_TLS_KEY_STORE_PASSWORD = optional("store.tls.key-store-password", "string", "",
            "password of key-store; a secret: write ${env:NAME} or ${file:/path}, never shown");
    public static final Key STORE_TLS_KEY_STORE_TYPE = optional("store.tls.key-store-type", "enum", "PKCS12",
            "type of key-store: PKCS12 or JKS");
    public static final Key REGION_METASTORE_URI = required("regions.<name>.metastore-uri", "uri",
            "Thrift URI of the region's Hive Metastore, e.g. thrift://hms-a:9083");
    public static final Key REGION_ROOTS = required("regions.<name>.roots.<root>", "uri",
            "named filesystem roots; a location under source root R maps to the target root named R");
    public static final Key REGION_JURISDICTION = optional("regions.<name>.jurisdiction", "string", "",
            "the legal jurisdiction of the region's data (for residency rules)");
    public static final Key REGION_HADOOP = optional("regions.<name>.hadoop.<key>", "string", "",
            "Hadoop settings for this region's filesystem client (e.g. fs.defaultFS)");
    public static final Key REGION_FILES_BLOCK_SIZE = optional("regions.<name>.files.block-size", "data size",
            "", "HDFS block size of the files Strait writes into this region; unset, each copy keeps its"
                    + " source file's block size (the filesystem's default when the source has none, e.g. file: or s3a:)");
    public static final Key REGION_FILES_REPLICATION = optional("regions.<name>.files.replication", "int",
            "", "HDFS replication of the files Strait writes into this region; unset, each copy keeps its"
                    + " source file's replication (the filesystem's default when the source has none)");
    public static final Key REGION_HADOOP_CONF_DIR = optional("regions.<name>.hadoop-conf-dir", "path", "",
            "a Hadoop configuration folder of this region (e.g. a copy of its /etc/hadoop/conf): its core-site.xml,"
                    + " hdfs-site.xml, mapred-site.xml and yarn-site.xml, those present, are loaded for the region's"
                    + " filesystem client (HA nameservices, s3a settings, ...); hadoop.<key> entries win over them");
    public static final Key REGION_HADOOP_SITE_FILES = optional("regions.<name>.hadoop-site-files", "list of paths",
            "[]", "Hadoop site files loaded after hadoop-conf-dir's, in order (a later file wins); hadoop.<key>"
                    + " entries win over them");
    public static final Key REGION_METASTORE_CLIENT_SASL = optional("regions.<name>.metastore-client.sasl", "boolean",
            "false", "whether Strait's Thrift client talks SASL (Kerberos) to the region's metastore"
                    + " (metastore.sasl.enabled)");
    public static final Key REGION_METASTORE_CLIENT_PRINCIPAL = optional(
            "regions.<name>.metastore-client.kerberos-principal", "string", "",
            "the metastore's Kerberos service principal, e.g. hive/_HOST@EXAMPLE.COM (metastore.kerberos.principal);"
                    + " required with sasl: true");
    public static final Key REGION_KERBEROS_PRINCIPAL = optional("regions.<name>.kerberos.principal", "string", "",
            "the Kerberos principal Strait logs in as for this region, e.g. strait/host.example.com@EXAMPLE.COM; every"
                    + " filesystem and metastore call of the region is made as it (hadoop.security.authentication"
                    + " = kerberos); with keytab, and the two together or neither");
    public static final Key REGION_KERBEROS_KEYTAB = optional("regions.<name>.kerberos.keytab", "path", "",
            "the keytab file holding principal's key; must be readable by Strait");
    public static final Key REGION_METASTORE_CLIENT_SOCKET_TIMEOUT = optional(
            "regions.<name>.metastore-client.socket-timeout", "duration", "60s",
            "how long one metastore call may take (metastore.client.socket.timeout)");
    public static final Key REGION_METASTORE_CLIENT_CONNECTION_RETRIES = optional(
            "regions.<name>.metastore-client.connection-retries", "int", "3",
            "connection attempts before a metastore is reported unreachable (metastore.connect.retries)");
    public static final Key REGION_METASTORE_CLIENT_CONNECT_RETRY_DELAY = optional(
            "regions.<name>.metastore-client.connect-retry-delay", "duration", "1s",
            "pause between connection attempts (metastore.client.connect.retry.delay)");
    public static final Key REGION_LISTENER_SILENCE = optional("regions.<name>.listener-silence", "duration", "3m",
            "a listener instance of this region silent for longer is reported silent (strait report)");
    public static final Key REGION_NOTIFICATION_LOG_CROSS_CHECK = optional(
            "regions.<name>.notification-log.cross-check", "boolean", "false",
            "compare the source metastore's notification log (DbNotificationListener as a transactional listener)"
                    + " with what Strait's listeners recorded: read lost events back from it, repair the tables of"
                    + " events that expired from it by a scan");
    public static final Key REGION_NOTIFICATION_LOG_SETTLE = optional("regions.<name>.notification-log.settle",
            "duration", "1m", "how old a notification must be before the cross-check looks at it (a listener may"
                    + " still be writing it or replaying it from its spool)");
    public static final Key LINK_NAME = required("links[].name", "string", "the link's name, used in job ids and metrics");
    public static final Key LINK_SOURCE = required("links[].source", "region", "region the link replicates from");
    public static final Key LINK_TARGET = required("links[].target", "region", "region the link replicates to");
    public static final Key LINK_INCLUDE = optional("links[].include", "list of db.table patterns", "[*.*]",
            "tables to replicate; * matches any characters");
    public static final Key LINK_EXCLUDE = optional("links[].exclude", "list of db.table patterns", "[]",
            "tables never replicated, even when included");
    public static final Key LINK_SLA = optional("links[].sla", "duration", "4h",
            "replication SLA of the link: a source change must be applied in the target within this of its capture;"
                    + " runnable jobs of every link are started earliest deadline (capture time + SLA) first, and the"
                    + " dashboard and alerts judge freshness against it");
    public static final Key LINK_BANDWIDTH = optional("links[].bandwidth", "data size per second", "none",
            "bytes per second the link's copies may send across regions, summed over its running copies in one"
                    + " process (e.g. `100MB`); `none`: no budget");
    public static final Key LINK_RECONCILE_INTERVAL = required("links[].reconcile.interval", "duration",
            "how often the link's scheduled reconcile scans its whole scope (a links[].reconcile section schedules"
                    + " one; without it the link has none)");
    public static final Key LINK_RECONCILE_DEPTH = optional("links[].reconcile.depth", "meta, files or bytes",
            "files", "how deep the scheduled scans look");
    public static final Key LINK_RECONCILE_SCOPE = optional("links[].reconcile.scope",
            "list of DB, DB.TABLE or patterns", "[]", "what the scheduled scans cover; [] is every table of the link");
    public static final Key LINK_RECONCILE_RECENT_INTERVAL = optional("links[].reconcile.recent-interval",
            "duration", "none", "how often the scope's recent partitions are scanned apart (more often than the"
                    + " whole scope)");
    public static final Key LINK_RECONCILE_RECENT_WINDOW = optional("links[].reconcile.recent-window", "duration",
            "2d", "a partition is recent when its source transient_lastDdlTime, or a date-like partition value, is"
                    + " within this of now");
    public static final Key LINK_RECONCILE_REPAIR = optional("links[].reconcile.repair",
            "list of divergence classes", "[]", "classes repaired automatically after a scheduled scan, as"
                    + " reconcile --repair does; EXTRA_TABLE and EXTRA_PARTITION are not allowed (deletes need an"
                    + " operator)");
    public static final Key SCHEDULER_CYCLE_INTERVAL = optional("scheduler.cycle-interval", "duration", "1s",
            "how often the replication cycle plans new events and dispatches runnable jobs");
    public static final Key SCHEDULER_EVENT_BATCH_SIZE = optional("scheduler.event-batch-size", "int", "1000",
            "events planned per link per cycle");
    public static final Key SCHEDULER_JOB_WORKERS = optional("scheduler.job-workers", "int", "4",
            "jobs run at once in this process");
    public static final Key SCHEDULER_MAX_ATTEMPTS = optional("scheduler.max-attempts", "int", "3",
            "attempts per job before it is FAILED");
    public static final Key SCHEDULER_RETRY_BACKOFF = optional("scheduler.retry-backoff", "duration", "5s",
            "wait before the first retry; doubles per attempt");
    public static final Key SCHEDULER_RETRY_BACKOFF_MAX = optional("scheduler.retry-backoff-max", "duration", "10m",
            "longest wait between retries; a job failing for an environmental (EXTERNAL) cause keeps being retried"
                    + " at most this far apart after its attempts are used up, instead of ending FAILED");
    public static final Key SCHEDULER_TABLE_CONCURRENCY = optional("scheduler.table-concurrency", "int", "128",
            "jobs of one table in flight at once across every process (with the default partition batch of 32: four"
                    + " workers' batches): the rest of the table's jobs wait, and jobs of other tables take the free"
                    + " workers (fairness); each process commits one table's partitions in"
                    + " turn, grouped into batches, so the target metastore sees at most one change of a table per"
                    + " process at a time (no lock waits)");
    public static final Key SCHEDULER_PARTITION_BATCH = optional("scheduler.partition-batch", "int", "32",
            "partition jobs of one table a job worker takes at once and runs as one batch (its partition syncs, or"
                    + " its partition drops, never both in one batch): one read of the source table, its partitions and"
                    + " their statistics, one state-store write per step and one metastore commit for all of them (for"
                    + " drops: one read of the replicas and one drop call), each partition still verified and"
                    + " published or dropped atomically on its own;"
                    + " larger batches cost the metastores and the state store less per partition, and make a partition"
                    + " wait for the copies of its batch before it is published; 1 runs every job alone");
    public static final Key SCHEDULER_LEASE = optional("scheduler.lease", "duration", "30s",
            "lease of a running job: renewed by its process's heartbeat every third of it; once expired, any"
                    + " process takes the job over (its holder is deemed dead)");
    public static final Key SCHEDULER_SHUTDOWN_GRACE = optional("scheduler.shutdown-grace", "duration", "30s",
            "on SIGTERM, how long strait run lets running jobs finish before giving their leases back");
    public static final Key COPY_PARALLELISM = optional("copy.parallelism", "int", "4",
            "files copied at once by the in-process copy executor");
    public static final Key COPY_TASK_TARGET_BYTES = optional("copy.task-target-bytes", "data size", "128MB",
            "bytes a copy task aims to hold");
    public static final Key COPY_RANGE_THRESHOLD = optional("copy.range-threshold", "data size", "1GB",
            "a file above this size is copied as ranges in parallel, joined on the target where it can join them"
                    + " (HDFS concat, S3 multipart upload)");
    public static final Key COPY_RANGE_SIZE = optional("copy.range-size", "data size", "256MB",
            "bytes per range of a large file (rounded up to a multiple of the target file's HDFS block size)");
    public static final Key COPY_TASK_MAX_FILES = optional("copy.task-max-files", "int", "200",
            "files a copy task holds at most");
    public static final Key RECONCILE_HIDDEN_PREFIXES = optional("reconcile.hidden-prefixes", "list of strings",
            "[_, .]", "files reconcile ignores on both sides: those with a path segment below the object's location"
                    + " starting with one of these (as Hive readers ignore _SUCCESS, .staging/, _temporary/)");

    public static final Key HTTP_ENABLED = optional("http.enabled", "boolean", "false",
            "whether strait run serves the dashboard, JSON API, /metrics and /health (strait serve always does)");
    public static final Key HTTP_ADDRESS = optional("http.address", "string", "127.0.0.1",
            "address the dashboard server binds to; 0.0.0.0 for every interface");
    public static final Key HTTP_PORT = optional("http.port", "int", "8080", "port of the dashboard server");
    public static final Key HTTP_TOKEN = optional("http.token", "string", "",
            "bearer token required by mutating endpoints (none yet); environment STRAIT_HTTP_TOKEN overrides it;"
                    + " empty: mutating endpoints are refused");
    public static final Key HTTP_TLS_KEY_STORE = optional("http.tls.key-store", "path", "",
            "key store (PKCS12 or JKS) with the dashboard's certificate and private key: the dashboard serves HTTPS;"
                    + " empty: plain HTTP, which is only allowed on a loopback http.address unless"
                    + " http.insecure-plain-http is true");
    public static final Key HTTP_TLS_KEY_STORE_PASSWORD = optional("http.tls.key-store-password", "string", "",
            "password of http.tls.key-store and of its key; a secret: write ${env:NAME} or ${file:/path}, never shown");
    public static final Key HTTP_TLS_KEY_STORE_TYPE = optional("http.tls.key-store-type", "enum", "PKCS12",
            "type of http.tls.key-store: PKCS12 or JKS");
    public static final Key HTTP_INSECURE_PLAIN_HTTP = optional("http.insecure-plain-http", "boolean", "false",
            "true allows plain HTTP on an http.address beyond this machine (e.g. behind a TLS-terminating proxy on"
                    + " a private network); false: such an address needs http.tls.key-store");

    public static final Key ALERTS_INTERVAL = optional("alerts.interval", "duration", "1m",
            "how often strait run judges every link's tables and partitions against the link's SLA (one evaluator at"
                    + " a time across the Quartz cluster)");
    public static final Key ALERTS_PROJECTED = optional("alerts.projected", "boolean", "false",
            "whether a projected breach (less time left before the SLA than the link usually needs) raises an alert"
                    + " too, before the SLA is missed");
    public static final Key ALERTS_WEBHOOK_URL = required("alerts.webhooks[].url", "uri",
            "http:// or https:// URL every alert and resolution is POSTed to as JSON; only its scheme, host and port"
                    + " are ever shown");
    public static final Key ALERTS_WEBHOOK_HEADERS = optional("alerts.webhooks[].headers.<name>", "string", "",
            "headers sent with every delivery to the webhook (e.g. Authorization); values are never logged or shown");
    public static final Key ALERTS_RETRY_BACKOFF = optional("alerts.retry-backoff", "duration", "5s",
            "wait before the first retry of a failed delivery; doubles per failed try");
    public static final Key ALERTS_RETRY_BACKOFF_MAX = optional("alerts.retry-backoff-max", "duration", "10m",
            "longest wait between tries of a delivery that keeps failing (it stays in the outbox, never dropped)");

    public static final Key SPARK_ENABLED = optional("spark.enabled", "boolean", "false",
            "whether strait run copies jobs of at least spark.copy-threshold on Spark (else every job copies"
                    + " in-process); strait reconcile --depth rows uses Spark either way");
    public static final Key SPARK_MASTER = optional("spark.master", "string", "local[*]",
            "Spark master: local[N] or local[*] (in the Strait process), spark://host:7077 (standalone) or yarn");
    public static final Key SPARK_COPY_THRESHOLD = optional("spark.copy-threshold", "data size", "256MB",
            "a copy job of at least this many bytes runs on Spark when spark.enabled");
    public static final Key SPARK_ROW_SAMPLE = optional("spark.row-sample", "int", "10",
            "differing rows strait reconcile --depth rows shows per partition");
    public static final Key SPARK_CONF = optional("spark.conf.<key>", "string", "",
            "further Spark settings passed as they are, e.g. spark.executor.memory: 4g");

    public static final List<Key> ALL = List.of(STORE_JDBC_URL, STORE_USER, STORE_PASSWORD, STORE_POOL_SIZE,
            STORE_RETENTION_EVENTS, STORE_RETENTION_FINISHED_JOBS, STORE_RETENTION_INTERVAL, STORE_RETENTION_BATCH_SIZE,
            STORE_RETENTION_VERSION_FOLDERS, STORE_RETENTION_RECORDS, STORE_TLS_MODE, STORE_TLS_TRUST_STORE,
            STORE_TLS_TRUST_STORE_PASSWORD, STORE_TLS_TRUST_STORE_TYPE, STORE_TLS_KEY_STORE, STORE_TLS_KEY_STORE_PASSWORD,
            STORE_TLS_KEY_STORE_TYPE, REGION_METASTORE_URI, REGION_ROOTS, REGION_JURISDICTION, REGION_HADOOP,
            REGION_HADOOP_CONF_DIR, REGION_HADOOP_SITE_FILES, REGION_METASTORE_CLIENT_SASL,
            REGION_METASTORE_CLIENT_PRINCIPAL, REGION_KERBEROS_PRINCIPAL, REGION_KERBEROS_KEYTAB,
            REGION_METASTORE_CLIENT_SOCKET_TIMEOUT,
            REGION_METASTORE_CLIENT_CONNECTION_RETRIES, REGION_METASTORE_CLIENT_CONNECT_RETRY_DELAY,
            REGION_FILES_BLOCK_SIZE, REGION_FILES_REPLICATION, REGION_LISTENER_SILENCE, REGION_NOTIFICATION_LOG_CROSS_CHECK,
            REGION_NOTIFICATION_LOG_SETTLE, LINK_NAME, LINK_SOURCE,
            LINK_TARGET, LINK_INCLUDE, LINK_EXCLUDE, LINK_SLA, LINK_BANDWIDTH, LINK_RECONCILE_INTERVAL, LINK_RECONCILE_DEPTH,
            LINK_RECONCILE_SCOPE, LINK_RECONCILE_RECENT_INTERVAL, LINK_RECONCILE_RECENT_WINDOW, LINK_RECONCILE_REPAIR,
            SCHEDULER_CYCLE_INTERVAL, SCHEDULER_EVENT_BATCH_SIZE,
            SCHEDULER_JOB_WORKERS, SCHEDULER_MAX_ATTEMPTS, SCHEDULER_RETRY_BACKOFF, SCHEDULER_RETRY_BACKOFF_MAX,
            SCHEDULER_LEASE, SCHEDULER_SHUTDOWN_GRACE, SCHEDULER_TABLE_CONCURRENCY, SCHEDULER_PARTITION_BATCH,
            COPY_PARALLELISM,
            COPY_TASK_TARGET_BYTES, COPY_TASK_MAX_FILES, COPY_RANGE_THRESHOLD, COPY_RANGE_SIZE, RECONCILE_HIDDEN_PREFIXES,
            HTTP_ENABLED, HTTP_ADDRESS, HTTP_PORT, HTTP_TOKEN, HTTP_TLS_KEY_STORE, HTTP_TLS_KEY_STORE_PASSWORD,
            HTTP_TLS_KEY_STORE_TYPE, HTTP_INSECURE_PLAIN_HTTP, ALERTS_INTERVAL, ALERTS_PROJECTED, ALERTS_WEBHOOK_URL,
            ALERTS_WEBHOOK_HEADERS,
            ALERTS_RETRY_BACKOFF, ALERTS_RETRY_BACKOFF_MAX, SPARK_ENABLED, SPARK_MASTER, SPARK_COPY_THRESHOLD,
            SPARK_ROW_SAMPLE, SPARK_CONF);

    private ConfigKeys() {
    }

    /** The last segment of a key, as written in YAML. */
    public static String leaf(Key key) {
        return key.path().substring(key.path().lastIndexOf('.') + 1);
    }

    private static Key required(String path, String type, String doc) {
        return new Key(path, type, "", true, doc);
    }

    private static Key optional(String path, String type, String defaultValue, String doc) {
        return new Key(path, type, defaultValue, false, doc);
    }
}
