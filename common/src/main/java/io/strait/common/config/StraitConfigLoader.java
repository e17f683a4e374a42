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
        reader.rejectUnknownKeys(node, "store", Set.of("jdbc-url", "user", "password", "pool-size", "retention"));
        String url = reader.string(node, "store", ConfigKeys.STORE_JDBC_URL);
        if (node != null && !url.isEmpty()) {
            StoreUrlRule.storeProblem(url).ifPresent(reason -> reader.problem("store.jdbc-url",
                    "'" + url + "' cannot be used: " + reason, "write " + StoreUrlRule.EXPECTED));
        }
        return new StoreConfig(url, reader.string(node, "store", ConfigKeys.STORE_USER),
                reader.secret(reader.string(node, "store", ConfigKeys.STORE_PASSWORD)),
                reader.integer(node, "store", ConfigKeys.STORE_POOL_SIZE, 1, 200),
                retention(reader, reader.section(node, "store", "retention", false)));
    }

    private static StraitConfig.RetentionConfig retention(ConfigReader reader, JsonNode node) {
        String prefix = "store.retention";
        reader.rejectUnknownKeys(node, prefix, Set.of("events", "finished-jobs", "interval", "batch-size",
                "version-folders"));
        return new StraitConfig.RetentionConfig(reader.duration(node, prefix, ConfigKeys.STORE_RETENTION_EVENTS),
                reader.duration(node, prefix, ConfigKeys.STORE_RETENTION_FINISHED_JOBS),
                reader.duration(node, prefix, ConfigKeys.STORE_RETENTION_INTERVAL),
                // a value out of range is a problem already; keep building to report every problem at once
                Math.max(1, reader.integer(node, prefix, ConfigKeys.STORE_RETENTION_BATCH_SIZE, 1, 100_000)),
                reader.duration(node, prefix, ConfigKeys.STORE_RETENTION_VERSION_FOLDERS));
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
                "listener-silence"));
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
                hadoop, reader.duration(node, prefix, ConfigKeys.REGION_LISTENER_SILENCE));
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
                        "retry-backoff-max", "lease", "shutdown-grace", "table-concurrency"));
        return new SchedulerConfig(reader.duration(node, "scheduler", ConfigKeys.SCHEDULER_CYCLE_INTERVAL),
                reader.integer(node, "scheduler", ConfigKeys.SCHEDULER_EVENT_BATCH_SIZE, 1, 100_000),
                reader.integer(node, "scheduler", ConfigKeys.SCHEDULER_JOB_WORKERS, 1, 256),
                reader.integer(node, "scheduler", ConfigKeys.SCHEDULER_MAX_ATTEMPTS, 1, 100),
                reader.duration(node, "scheduler", ConfigKeys.SCHEDULER_RETRY_BACKOFF),
                reader.duration(node, "scheduler", ConfigKeys.SCHEDULER_RETRY_BACKOFF_MAX),
                reader.duration(node, "scheduler", ConfigKeys.SCHEDULER_LEASE),
                reader.duration(node, "scheduler", ConfigKeys.SCHEDULER_SHUTDOWN_GRACE),
                reader.integer(node, "scheduler", ConfigKeys.SCHEDULER_TABLE_CONCURRENCY, 1, 256));
    }

    private static CopyConfig copy(ConfigReader reader, JsonNode node) {
        reader.rejectUnknownKeys(node, "copy", Set.of("parallelism", "task-target-bytes", "task-max-files"));
        return new CopyConfig(reader.integer(node, "copy", ConfigKeys.COPY_PARALLELISM, 1, 1024),
                reader.dataSize(node, "copy", ConfigKeys.COPY_TASK_TARGET_BYTES),
                reader.integer(node, "copy", ConfigKeys.COPY_TASK_MAX_FILES, 1, 1_000_000));
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
        reader.rejectUnknownKeys(node, "http", Set.of("enabled", "address", "port", "token"));
        String enabled = reader.string(node, "http", ConfigKeys.HTTP_ENABLED).trim();
        if (!enabled.equals("true") && !enabled.equals("false")) {
            reader.problem("http.enabled", "'" + enabled + "' is not a boolean", "use true or false");
        }
        String address = reader.string(node, "http", ConfigKeys.HTTP_ADDRESS).trim();
        if (address.isEmpty()) {
            reader.problem("http.address", "is empty", "e.g. 127.0.0.1, or 0.0.0.0 for every interface");
        }
        int port = reader.integer(node, "http", ConfigKeys.HTTP_PORT, 0, 65_535);
        return new HttpConfig(enabled.equals("true"), address, port, reader.secret(reader.string(node, "http",
                ConfigKeys.HTTP_TOKEN)));
    }
}
