package io.strait.common.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.strait.common.config.StraitConfig.CopyConfig;
import io.strait.common.config.StraitConfig.HttpConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.config.StraitConfig.ReconcileConfig;
import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.common.config.StraitConfig.SchedulerConfig;
import io.strait.common.config.StraitConfig.StoreConfig;
import io.strait.common.region.FileLayout;
import io.strait.common.region.RegionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads and validates Strait's YAML configuration. Every problem is reported at once, each naming the file, the
 * field and the fix; unknown keys are problems too (a misspelt key must not silently fall back to a default).
 */
public final class StraitConfigLoader {
    private static final Set<String> TOP_LEVEL = Set.of("store", "regions", "links", "scheduler", "copy",
            "reconcile", "http", "alerts", "spark");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Environment environment;

    /** A loader resolving {@code ${env:}} references against this process's environment. */
    public StraitConfigLoader() {
        this(Environment.ofProcess());
    }

    /** A loader resolving {@code ${env:}} references against {@code environment}. */
    public StraitConfigLoader(Environment environment) {
        this.environment = java.util.Objects.requireNonNull(environment, "environment");
    }

    public StraitConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), "(file)",
                    "cannot be read: " + e.getMessage(), "pass an existing YAML file with --config")));
        }
        return parse(text, file.toString());
    }

    public StraitConfig parse(String text, String fileName) {
        ConfigReader reader = new ConfigReader(fileName, environment);
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(new ConfigProblem(fileName, "(syntax)",
                    syntaxError(e.getOriginalMessage()) + " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr(), "fix the YAML syntax")));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(List.of(new ConfigProblem(fileName, "(document)",
                    "is empty or not a mapping", "see docs/CONFIGURATION.md for an example")));
        }
        reader.rejectUnknownKeys(root, "", TOP_LEVEL);
        StoreConfig store = store(reader, reader.section(root, "", "store", true));
        Map<RegionId, RegionConfig> regions = regions(reader, reader.section(root, "", "regions", true));
        List<LinkConfig> links = links(reader, reader.section(root, "", "links", true), regions);
        SchedulerConfig scheduler = scheduler(reader, reader.section(root, "", "scheduler", false));
        CopyConfig copy = copy(reader, reader.section(root, "", "copy", false));
        ReconcileConfig reconcile = reconcile(reader, reader.section(root, "", "reconcile", false));
        HttpConfig http = http(reader, reader.section(root, "", "http", false));
        AlertsConfig alerts = AlertsSection.read(reader, reader.section(root, "", "alerts", false));
        SparkConfig spark = SparkSection.read(reader, reader.section(root, "", "spark", false));
        if (!reader.problems().isEmpty()) {
            throw new ConfigException(reader.problems());
        }
        return new StraitConfig(store, regions, links, scheduler, copy, reconcile, http, alerts, spark);
    }

    /**
     * The parser's description of a syntax error without the excerpt of the file it quotes (the excerpt may hold a
     * password).
     */
    static String syntaxError(String message) {
        String description = message == null ? "" : message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .collect(java.util.stream.Collectors.joining("; "));
        return description.isEmpty() ? "is not valid YAML" : description;
    }

    private static StoreConfig store(ConfigReader reader, JsonNode node) {
        reader.rejectUnknownKeys(node, "store", Set.of("jdbc-url", "user", "password", "pool-size", "retention",
                "tls"));
        String url = reader.string(node, "store", ConfigKeys.STORE_JDBC_URL);
        if (node != null && !url.isEmpty()) {
            StoreUrlRule.storeProblem(url).ifPresent(reason -> reader.problem("store.jdbc-url",
                    "'" + url + "' cannot be used: " + reason, "write " + StoreUrlRule.EXPECTED));
        }
        return new StoreConfig(url, reader.string(node, "store", ConfigKeys.STORE_USER),
                reader.secret(reader.string(node, "store", ConfigKeys.STORE_PASSWORD)),
                reader.integer(node, "store", ConfigKeys.STORE_POOL_SIZE, 1, 200),
                retention(reader, reader.section(node, "store", "retention", false)),
                tls(reader, reader.section(node, "store", "tls", false), url));
    }

    private static StoreTls tls(ConfigReader reader, JsonNode node, String url) {
        if (node == null) {
            return StoreTls.UNSET;
        }
        String prefix = "store.tls";
        reader.rejectUnknownKeys(node, prefix, Set.of("mode", "trust-store", "trust-store-password",
                "trust-store-type", "key-store", "key-store-password", "key-store-type"));
        String modeText = reader.string(node, prefix, ConfigKeys.STORE_TLS_MODE);
        StoreTls.Mode mode = StoreTls.modeOf(modeText).orElse(null);
        if (mode == null) {
            reader.problem(prefix + ".mode", "'" + modeText + "' is not a TLS mode",
                    "write disabled, preferred, required, verify-ca or verify-identity");
            mode = StoreTls.Mode.PREFERRED;
        }
        String trustStore = storeFile(reader, node, prefix, ConfigKeys.STORE_TLS_TRUST_STORE);
        String keyStore = storeFile(reader, node, prefix, ConfigKeys.STORE_TLS_KEY_STORE);
        if (!trustStore.isEmpty() && !mode.verifies()) {
            reader.problem(prefix + ".trust-store", "is not used with mode " + mode.configValue()
                    + " (the server's certificate is not verified)", "set store.tls.mode to verify-ca or"
                    + " verify-identity, or remove trust-store");
        }
        if (StoreTls.urlSetsTls(url)) {
            reader.problem("store.jdbc-url", "sets TLS parameters while store.tls is present",
                    "set TLS in one place: remove them from the URL and keep store.tls");
        }
        return new StoreTls(mode, trustStore,
                reader.secret(reader.string(node, prefix, ConfigKeys.STORE_TLS_TRUST_STORE_PASSWORD)),
                storeType(reader, node, prefix, ConfigKeys.STORE_TLS_TRUST_STORE_TYPE), keyStore,
                reader.secret(reader.string(node, prefix, ConfigKeys.STORE_TLS_KEY_STORE_PASSWORD)),
                storeType(reader, node, prefix, ConfigKeys.STORE_TLS_KEY_STORE_TYPE));
    }

    private static String storeFile(ConfigReader reader, JsonNode node, String prefix, ConfigKeys.Key key) {
        String path = reader.string(node, prefix, key);
        if (!path.isEmpty() && !java.nio.file.Files.isReadable(java.nio.file.Path.of(path))) {
            reader.problem(prefix + "." + ConfigKeys.leaf(key), "'" + path + "' cannot be read",
                    "point it at a readable " + (key == ConfigKeys.STORE_TLS_KEY_STORE ? "key" : "trust")
                            + " store file (PKCS12 or JKS)");
        }
        return path;
    }

    private static String storeType(ConfigReader reader, JsonNode node, String prefix, ConfigKeys.Key key) {
        String type = reader.string(node, prefix, key).toUpperCase(java.util.Locale.ROOT);
        if (!type.equals("PKCS12") && !type.equals("JKS")) {
            reader.problem(prefix + "." + ConfigKeys.leaf(key), "'" + type + "' is not a key store type",
                    "write PKCS12 or JKS");
            return "PKCS12";
        }
        return type;
    }

    private static StraitConfig.RetentionConfig retention(ConfigReader reader, JsonNode node) {
        String prefix = "store.retention";
        reader.rejectUnknownKeys(node, prefix, Set.of("events", "finished-jobs", "interval", "batch-size",
                "version-folders", "records"));
        return new StraitConfig.RetentionConfig(reader.duration(node, prefix, ConfigKeys.STORE_RETENTION_EVENTS),
                reader.duration(node, prefix, ConfigKeys.STORE_RETENTION_FINISHED_JOBS),
                reader.duration(node, prefix, ConfigKeys.STORE_RETENTION_INTERVAL),
                // a value out of range is a problem already; keep building to report every problem at once
                Math.max(1, reader.integer(node, prefix, ConfigKeys.STORE_RETENTION_BATCH_SIZE, 1, 100_000)),
                reader.duration(node, prefix, ConfigKeys.STORE_RETENTION_VERSION_FOLDERS),
                reader.duration(node, prefix, ConfigKeys.STORE_RETENTION_RECORDS));
    }

    private static Map<RegionId, RegionConfig> regions(ConfigReader reader, JsonNode node) {
        Map<RegionId, RegionConfig> regions = new LinkedHashMap<>();
        if (node == null) {
            return regions;
        }
        if (!node.isObject() || node.isEmpty()) {
            reader.problem("regions", "must map region names to regions", "e.g. regions: {a: {...}, b: {...}}");
            return regions;
        }
        node.fields().forEachRemaining(entry -> {
            String prefix = "regions." + entry.getKey();
            if (!RegionId.isValid(entry.getKey())) {
                reader.problem(prefix, "'" + entry.getKey() + "' is not a valid region name",
                        "use lower case letters, digits and dashes, starting with a letter");
                return;
            }
            regions.put(RegionId.of(entry.getKey()), region(reader, prefix, RegionId.of(entry.getKey()),
                    entry.getValue()));
        });
        return regions;
    }

    private static RegionConfig region(ConfigReader reader, String prefix, RegionId name, JsonNode node) {
        reader.rejectUnknownKeys(node, prefix, Set.of("metastore-uri", "roots", "jurisdiction", "hadoop",
                "listener-silence", "files", "hadoop-conf-dir", "hadoop-site-files", "metastore-client",
                "kerberos", "notification-log"));
        String uri = reader.string(node, prefix, ConfigKeys.REGION_METASTORE_URI);
        if (!uri.isEmpty() && !uri.startsWith("thrift://")) {
            reader.problem(prefix + ".metastore-uri", "'" + uri + "' is not a thrift:// URI",
                    "use thrift://<host>:<port>");
        }
        Map<String, String> roots = reader.stringMap(reader.section(node, prefix, "roots", true), prefix + ".roots");
        if (node != null && node.get("roots") != null && roots.isEmpty()) {
            reader.problem(prefix + ".roots", "declares no root", "add e.g. external: hdfs://nn/warehouse/external");
        }
        roots.forEach((root, location) -> {
            if (!location.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                reader.problem(prefix + ".roots." + root, "'" + location + "' is not a URI with a scheme",
                        "write e.g. hdfs://nn:8020/warehouse or file:/data/warehouse");
            }
        });
        Map<String, String> hadoop = reader.stringMap(reader.section(node, prefix, "hadoop", false),
                prefix + ".hadoop");
        return new RegionConfig(name, uri, roots, reader.string(node, prefix, ConfigKeys.REGION_JURISDICTION),
                hadoop, reader.duration(node, prefix, ConfigKeys.REGION_LISTENER_SILENCE),
                hadoopSiteFiles(reader, node, prefix),
                metastoreClient(reader, reader.section(node, prefix, "metastore-client", false),
                        prefix + ".metastore-client"),
                fileLayout(reader, prefix + ".files", reader.section(node, prefix, "files", false)),
                kerberos(reader, prefix + ".kerberos", reader.section(node, prefix, "kerberos", false)),
                notificationLog(reader, reader.section(node, prefix, "notification-log", false),
                        prefix + ".notification-log"));
    }

    /** {@code regions.<name>.kerberos}: principal and keytab, both or neither; the keytab must be readable. */
    private static StraitConfig.KerberosConfig kerberos(ConfigReader reader, String prefix, JsonNode node) {
        if (node == null) {
            return StraitConfig.KerberosConfig.NONE;
        }
        reader.rejectUnknownKeys(node, prefix, Set.of("principal", "keytab"));
        String principal = reader.string(node, prefix, ConfigKeys.REGION_KERBEROS_PRINCIPAL).trim();
        String keytab = reader.string(node, prefix, ConfigKeys.REGION_KERBEROS_KEYTAB).trim();
        if (principal.isEmpty()) {
            reader.problem(prefix + ".principal", "is required in a kerberos section",
                    "set the principal Strait logs in as, e.g. strait/host.example.com@EXAMPLE.COM");
        }
        if (keytab.isEmpty()) {
            reader.problem(prefix + ".keytab", "is required in a kerberos section",
                    "set the keytab file holding the principal's key, e.g. /etc/security/keytabs/strait.keytab");
        } else if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of(keytab))
                || !java.nio.file.Files.isReadable(java.nio.file.Path.of(keytab))) {
            reader.problem(prefix + ".keytab", "'" + keytab + "' is not a readable file",
                    "point it at the keytab of " + (principal.isEmpty() ? "the principal" : principal)
                            + " and let Strait's user read it");
        }
        return new StraitConfig.KerberosConfig(principal, keytab.isEmpty() ? ""
                : java.nio.file.Path.of(keytab).toAbsolutePath().toString());
    }

    private static StraitConfig.NotificationLogConfig notificationLog(ConfigReader reader, JsonNode node,
            String prefix) {
        reader.rejectUnknownKeys(node, prefix, Set.of("cross-check", "settle"));
        String crossCheck = reader.string(node, prefix, ConfigKeys.REGION_NOTIFICATION_LOG_CROSS_CHECK).trim();
        if (!crossCheck.equals("true") && !crossCheck.equals("false")) {
            reader.problem(prefix + ".cross-check", "'" + crossCheck + "' is not a boolean", "use true or false");
        }
        java.time.Duration settle = reader.duration(node, prefix, ConfigKeys.REGION_NOTIFICATION_LOG_SETTLE);
        if (settle.isNegative()) {
            reader.problem(prefix + ".settle", "must not be negative", "write e.g. 1m");
            settle = StraitConfig.NotificationLogConfig.DEFAULT_SETTLE;
        }
        return new StraitConfig.NotificationLogConfig(crossCheck.equals("true"), settle);
    }

    /** The files of hadoop-conf-dir that exist (in {@link #CONF_DIR_SITE_FILES} order), then hadoop-site-files. */
    private static List<String> hadoopSiteFiles(ConfigReader reader, JsonNode node, String prefix) {
        List<String> files = new ArrayList<>();
        String confDir = reader.string(node, prefix, ConfigKeys.REGION_HADOOP_CONF_DIR);
        if (!confDir.isEmpty()) {
            java.nio.file.Path folder = java.nio.file.Path.of(confDir);
            if (!java.nio.file.Files.isDirectory(folder)) {
                reader.problem(prefix + ".hadoop-conf-dir", "'" + confDir + "' is not a folder",
                        "point it at the region's Hadoop configuration folder (holding core-site.xml, hdfs-site.xml)");
            } else {
                List<String> present = CONF_DIR_SITE_FILES.stream().map(folder::resolve)
                        .filter(java.nio.file.Files::isRegularFile).map(file -> file.toAbsolutePath().toString())
                        .toList();
                if (present.isEmpty()) {
                    reader.problem(prefix + ".hadoop-conf-dir", "'" + confDir + "' holds none of "
                            + CONF_DIR_SITE_FILES, "point it at the region's Hadoop configuration folder");
                }
                files.addAll(present);
            }
        }
        List<String> listed = reader.stringList(node, prefix, ConfigKeys.REGION_HADOOP_SITE_FILES, List.of());
        for (int i = 0; i < listed.size(); i++) {
            if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(listed.get(i)))) {
                reader.problem(prefix + ".hadoop-site-files[" + i + "]", "'" + listed.get(i) + "' cannot be read",
                        "list readable Hadoop site files (XML)");
            } else {
                files.add(java.nio.file.Path.of(listed.get(i)).toAbsolutePath().toString());
            }
        }
        return files;
    }

    /** Site files of a Hadoop configuration folder Strait loads, in this order. */
    static final List<String> CONF_DIR_SITE_FILES = List.of("core-site.xml", "hdfs-site.xml", "mapred-site.xml",
            "yarn-site.xml");

    private static StraitConfig.MetastoreClientConfig metastoreClient(ConfigReader reader, JsonNode node,
            String prefix) {
        reader.rejectUnknownKeys(node, prefix, Set.of("sasl", "kerberos-principal", "socket-timeout",
                "connection-retries", "connect-retry-delay"));
        String sasl = reader.string(node, prefix, ConfigKeys.REGION_METASTORE_CLIENT_SASL).trim();
        if (!sasl.equals("true") && !sasl.equals("false")) {
            reader.problem(prefix + ".sasl", "'" + sasl + "' is not a boolean", "use true or false");
        }
        String principal = reader.string(node, prefix, ConfigKeys.REGION_METASTORE_CLIENT_PRINCIPAL).trim();
        if (sasl.equals("true") && principal.isEmpty()) {
            reader.problem(prefix + ".kerberos-principal", "is required with sasl: true",
                    "set the metastore's service principal, e.g. hive/_HOST@EXAMPLE.COM");
        }
        java.time.Duration socketTimeout = reader.duration(node, prefix,
                ConfigKeys.REGION_METASTORE_CLIENT_SOCKET_TIMEOUT);
        if (socketTimeout.isZero() || socketTimeout.isNegative()) {
            reader.problem(prefix + ".socket-timeout", "must be positive", "write e.g. 60s");
            socketTimeout = StraitConfig.MetastoreClientConfig.DEFAULT.socketTimeout();
        }
        return new StraitConfig.MetastoreClientConfig(sasl.equals("true"), principal, socketTimeout,
                reader.integer(node, prefix, ConfigKeys.REGION_METASTORE_CLIENT_CONNECTION_RETRIES, 1, 100),
                reader.duration(node, prefix, ConfigKeys.REGION_METASTORE_CLIENT_CONNECT_RETRY_DELAY));
    }

    /** {@code regions.<name>.files}: block size and replication of the files Strait writes (0: the source's). */
    private static FileLayout fileLayout(ConfigReader reader, String prefix, JsonNode node) {
        if (node == null) {
            return FileLayout.DEFAULT;
        }
        reader.rejectUnknownKeys(node, prefix, Set.of("block-size", "replication"));
        long blockSize = node.get("block-size") == null ? 0
                : reader.dataSize(node, prefix, ConfigKeys.REGION_FILES_BLOCK_SIZE).bytes();
        if (blockSize % 512 != 0) {
            reader.problem(prefix + ".block-size", "is " + blockSize + " bytes, not a multiple of 512 (HDFS's"
                    + " checksum chunk)", "use a size like 128MB or 256MB");
            blockSize = 0;
        }
        int replication = node.get("replication") == null ? 0
                : reader.integer(node, prefix, ConfigKeys.REGION_FILES_REPLICATION, 1, Short.MAX_VALUE);
        return new FileLayout(blockSize, Math.max(0, replication));
    }

    private static List<LinkConfig> links(ConfigReader reader, JsonNode node, Map<RegionId, RegionConfig> regions) {
        List<LinkConfig> links = new ArrayList<>();
        if (node == null) {
            return links;
        }
        if (!node.isArray() || node.isEmpty()) {
            reader.problem("links", "must be a non-empty list", "add - {name: a-to-b, source: a, target: b}");
            return links;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            LinkConfig link = link(reader, "links[" + i + "]", node.get(i), regions);
            if (link != null && !names.add(link.name())) {
                reader.problem("links[" + i + "].name", "'" + link.name() + "' is used twice", "give each link its own name");
            }
            if (link != null) {
                links.add(link);
            }
        }
        return links;
    }

    private static LinkConfig link(ConfigReader reader, String prefix, JsonNode node, Map<RegionId, RegionConfig> regions) {
        reader.rejectUnknownKeys(node, prefix, Set.of("name", "source", "target", "include", "exclude",
                "reconcile", "sla", "bandwidth"));
        String name = reader.string(node, prefix, ConfigKeys.LINK_NAME);
        RegionId source = regionRef(reader, prefix + ".source", reader.string(node, prefix, ConfigKeys.LINK_SOURCE), regions);
        RegionId target = regionRef(reader, prefix + ".target", reader.string(node, prefix, ConfigKeys.LINK_TARGET), regions);
        if (source != null && source.equals(target)) {
            reader.problem(prefix + ".target", "equals the source region " + source, "replicate to another region");
        }
        List<String> include = patterns(reader, prefix + ".include",
                reader.stringList(node, prefix, ConfigKeys.LINK_INCLUDE, List.of("*.*")));
        List<String> exclude = patterns(reader, prefix + ".exclude",
                reader.stringList(node, prefix, ConfigKeys.LINK_EXCLUDE, List.of()));
        Optional<ScheduledReconcileConfig> scheduledReconcile = ScheduledReconcileSection.read(reader,
                prefix + ".reconcile", reader.section(node, prefix, "reconcile", false));
        Duration sla = reader.duration(node, prefix, ConfigKeys.LINK_SLA);
        Optional<DataSize> bandwidth = "none".equalsIgnoreCase(reader.string(node, prefix, ConfigKeys.LINK_BANDWIDTH))
                ? Optional.empty() : Optional.of(reader.dataSize(node, prefix, ConfigKeys.LINK_BANDWIDTH));
        if (name.isEmpty() || source == null || target == null) {
            return null;
        }
        return new LinkConfig(name, source, target, include, exclude, scheduledReconcile, sla, bandwidth);
    }

    private static RegionId regionRef(ConfigReader reader, String field, String name, Map<RegionId, RegionConfig> regions) {
        if (name.isEmpty()) {
            return null;
        }
        if (!RegionId.isValid(name) || !regions.containsKey(RegionId.of(name))) {
            reader.problem(field, "names region '" + name + "', which is not declared",
                    "use one of " + regions.keySet() + " or declare it under regions");
            return null;
        }
        return RegionId.of(name);
    }

    private static List<String> patterns(ConfigReader reader, String field, List<String> patterns) {
        for (String pattern : patterns) {
            String error = TableFilter.validate(pattern);
            if (!error.isEmpty()) {
                reader.problem(field, error, "e.g. sales.* or *.events_*");
            }
        }
        return patterns.stream().filter(pattern -> TableFilter.validate(pattern).isEmpty()).toList();
    }

    private static SchedulerConfig scheduler(ConfigReader reader, JsonNode node) {
        reader.rejectUnknownKeys(node, "scheduler",
                Set.of("cycle-interval", "event-batch-size", "job-workers", "max-attempts", "retry-backoff",
                        "retry-backoff-max", "lease", "shutdown-grace", "table-concurrency", "partition-batch"));
        return new SchedulerConfig(reader.duration(node, "scheduler", ConfigKeys.SCHEDULER_CYCLE_INTERVAL),
                reader.integer(node, "scheduler", ConfigKeys.SCHEDULER_EVENT_BATCH_SIZE, 1, 100_000),
                reader.integer(node, "scheduler", ConfigKeys.SCHEDULER_JOB_WORKERS, 1, 256),
                reader.integer(node, "scheduler", ConfigKeys.SCHEDULER_MAX_ATTEMPTS, 1, 100),
                reader.duration(node, "scheduler", ConfigKeys.SCHEDULER_RETRY_BACKOFF),
                reader.duration(node, "scheduler", ConfigKeys.SCHEDULER_RETRY_BACKOFF_MAX),
                reader.duration(node, "scheduler", ConfigKeys.SCHEDULER_LEASE),
                reader.duration(node, "scheduler", ConfigKeys.SCHEDULER_SHUTDOWN_GRACE),
                reader.integer(node, "scheduler", ConfigKeys.SCHEDULER_TABLE_CONCURRENCY, 1, 256),
                reader.integer(node, "scheduler", ConfigKeys.SCHEDULER_PARTITION_BATCH, 1, 1000));
    }

    private static CopyConfig copy(ConfigReader reader, JsonNode node) {
        reader.rejectUnknownKeys(node, "copy", Set.of("parallelism", "task-target-bytes", "task-max-files",
                "range-threshold", "range-size"));
        DataSize rangeSize = reader.dataSize(node, "copy", ConfigKeys.COPY_RANGE_SIZE);
        if (rangeSize.bytes() > 0 && rangeSize.bytes() < 5L << 20) {
            reader.problem("copy.range-size", "is " + rangeSize.bytes() + " bytes, below 5MB (the smallest part of"
                    + " an S3 multipart upload)", "use e.g. 256MB");
        }
        return new CopyConfig(reader.integer(node, "copy", ConfigKeys.COPY_PARALLELISM, 1, 1024),
                reader.dataSize(node, "copy", ConfigKeys.COPY_TASK_TARGET_BYTES),
                reader.integer(node, "copy", ConfigKeys.COPY_TASK_MAX_FILES, 1, 1_000_000),
                reader.dataSize(node, "copy", ConfigKeys.COPY_RANGE_THRESHOLD), rangeSize);
    }

    private static ReconcileConfig reconcile(ConfigReader reader, JsonNode node) {
        reader.rejectUnknownKeys(node, "reconcile", Set.of("hidden-prefixes"));
        List<String> prefixes = reader.stringList(node, "reconcile", ConfigKeys.RECONCILE_HIDDEN_PREFIXES,
                ReconcileConfig.DEFAULT.hiddenPrefixes());
        for (String prefix : prefixes) {
            if (prefix.isEmpty() || prefix.contains("/")) {
                reader.problem("reconcile.hidden-prefixes", "'" + prefix + "' is not a file name prefix",
                        "use non-empty prefixes without '/', e.g. [\"_\", \".\"]");
            }
        }
        return new ReconcileConfig(prefixes.stream().filter(prefix -> !prefix.isEmpty() && !prefix.contains("/"))
                .toList());
    }

    private static HttpConfig http(ConfigReader reader, JsonNode node) {
        reader.rejectUnknownKeys(node, "http", Set.of("enabled", "address", "port", "token", "tls",
                "insecure-plain-http"));
        String enabled = reader.string(node, "http", ConfigKeys.HTTP_ENABLED).trim();
        if (!enabled.equals("true") && !enabled.equals("false")) {
            reader.problem("http.enabled", "'" + enabled + "' is not a boolean", "use true or false");
        }
        String address = reader.string(node, "http", ConfigKeys.HTTP_ADDRESS).trim();
        if (address.isEmpty()) {
            reader.problem("http.address", "is empty", "e.g. 127.0.0.1, or 0.0.0.0 for every interface");
        }
        int port = reader.integer(node, "http", ConfigKeys.HTTP_PORT, 0, 65_535);
        StraitConfig.HttpTls tls = httpTls(reader, reader.section(node, "http", "tls", false));
        String insecure = reader.string(node, "http", ConfigKeys.HTTP_INSECURE_PLAIN_HTTP).trim();
        if (!insecure.equals("true") && !insecure.equals("false")) {
            reader.problem("http.insecure-plain-http", "'" + insecure + "' is not a boolean", "use true or false");
        }
        if (!address.isEmpty() && !StraitConfig.HttpTls.isLoopback(address) && !tls.enabled()
                && !insecure.equals("true")) {
            reader.problem("http.address", "'" + address + "' would serve the dashboard over plain HTTP beyond this"
                    + " machine", "set http.tls.key-store to serve HTTPS, or http.insecure-plain-http: true behind a"
                    + " TLS-terminating proxy, or bind 127.0.0.1");
        }
        return new HttpConfig(enabled.equals("true"), address, port, reader.secret(reader.string(node, "http",
                ConfigKeys.HTTP_TOKEN)), tls, insecure.equals("true"));
    }

    private static StraitConfig.HttpTls httpTls(ConfigReader reader, JsonNode node) {
        if (node == null) {
            return StraitConfig.HttpTls.NONE;
        }
        String prefix = "http.tls";
        reader.rejectUnknownKeys(node, prefix, Set.of("key-store", "key-store-password", "key-store-type"));
        String keyStore = reader.string(node, prefix, ConfigKeys.HTTP_TLS_KEY_STORE);
        if (keyStore.isEmpty()) {
            reader.problem(prefix + ".key-store", "is required in an http.tls section",
                    "point it at the dashboard's key store (PKCS12 or JKS), or remove http.tls");
        } else if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(keyStore))) {
            reader.problem(prefix + ".key-store", "'" + keyStore + "' cannot be read",
                    "point it at a readable key store file (PKCS12 or JKS)");
        }
        return new StraitConfig.HttpTls(keyStore,
                reader.secret(reader.string(node, prefix, ConfigKeys.HTTP_TLS_KEY_STORE_PASSWORD)),
                storeType(reader, node, prefix, ConfigKeys.HTTP_TLS_KEY_STORE_TYPE));
    }
}
