package io.strait.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.strait.common.divergence.DivergenceClass;
import io.strait.common.divergence.ReconcileDepth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads a link's {@code reconcile} section ({@link ScheduledReconcileConfig}), every problem reported at once. */
final class ScheduledReconcileSection {
    private static final Set<String> KEYS = Set.of("interval", "depth", "scope", "recent-interval", "recent-window",
            "repair");

    private ScheduledReconcileSection() {
    }

    static Optional<ScheduledReconcileConfig> read(ConfigReader reader, String prefix, JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            reader.problem(prefix, "must be a mapping", "e.g. reconcile: {interval: 6h, depth: files}");
            return Optional.empty();
        }
        reader.rejectUnknownKeys(node, prefix, KEYS);
        Optional<Duration> interval = optionalDuration(reader, node, prefix, ConfigKeys.LINK_RECONCILE_INTERVAL);
        if (interval.isEmpty() && node.get("interval") == null) {
            reader.problem(prefix + ".interval", "is required", ConfigKeys.LINK_RECONCILE_INTERVAL.doc());
        }
        ReconcileDepth depth = depth(reader, prefix, reader.string(node, prefix, ConfigKeys.LINK_RECONCILE_DEPTH));
        List<String> scope = scope(reader, prefix + ".scope",
                reader.stringList(node, prefix, ConfigKeys.LINK_RECONCILE_SCOPE, List.of()));
        Optional<Duration> recentInterval = optionalDuration(reader, node, prefix,
                ConfigKeys.LINK_RECONCILE_RECENT_INTERVAL);
        Duration recentWindow = optionalDuration(reader, node, prefix, ConfigKeys.LINK_RECONCILE_RECENT_WINDOW)
                .orElse(Durations.parse(ConfigKeys.LINK_RECONCILE_RECENT_WINDOW.defaultValue()));
        Set<DivergenceClass> repair = repair(reader, prefix + ".repair",
                reader.stringList(node, prefix, ConfigKeys.LINK_RECONCILE_REPAIR, List.of()));
        return interval.map(every -> new ScheduledReconcileConfig(every, depth, scope, recentInterval, recentWindow,
                repair));
    }

    private static Optional<Duration> optionalDuration(ConfigReader reader, JsonNode node, String prefix,
            ConfigKeys.Key key) {
        String field = ConfigReader.join(prefix, ConfigKeys.leaf(key));
        JsonNode value = node.get(ConfigKeys.leaf(key));
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        try {
            Duration duration = Durations.parse(value.asText());
            if (duration.isNegative() || duration.isZero()) {
                reader.problem(field, "must be positive", "e.g. 6h");
                return Optional.empty();
            }
            return Optional.of(duration);
        } catch (IllegalArgumentException e) {
            reader.problem(field, e.getMessage(), "e.g. 30m or 6h");
            return Optional.empty();
        }
    }

    private static ReconcileDepth depth(ConfigReader reader, String prefix, String text) {
        try {
            ReconcileDepth depth = ReconcileDepth.parse(text);
            if (depth == ReconcileDepth.ROWS) {
                reader.problem(prefix + ".depth", "rows is for strait reconcile --depth rows only (it reads every row"
                        + " with Spark)", "write meta, files or bytes");
                return ReconcileDepth.FILES;
            }
            return depth;
        } catch (IllegalArgumentException e) {
            reader.problem(prefix + ".depth", e.getMessage(), "write meta, files or bytes");
            return ReconcileDepth.FILES;
        }
    }

    private static List<String> scope(ConfigReader reader, String field, List<String> names) {
        List<String> valid = new ArrayList<>();
        for (String name : names) {
            if (name.matches("[^.\\s/]+(\\.[^.\\s/]+)?")) {
                valid.add(name);
            } else {
                reader.problem(field, "'" + name + "' is not DB, DB.TABLE or a pattern of them",
                        "e.g. sales, sales.orders or sales.events_*");
            }
        }
        return valid;
    }

    private static Set<DivergenceClass> repair(ConfigReader reader, String field, List<String> names) {
        Set<DivergenceClass> classes = EnumSet.noneOf(DivergenceClass.class);
        for (String name : names) {
            Optional<DivergenceClass> divergenceClass = Arrays.stream(DivergenceClass.values())
                    .filter(value -> value.name().equals(name.trim().toUpperCase(Locale.ROOT))).findFirst();
            if (divergenceClass.isEmpty()) {
                reader.problem(field, "'" + name + "' is not a divergence class",
                        "use some of " + repairableNames());
            } else if (ScheduledReconcileConfig.NEVER_AUTOMATIC.contains(divergenceClass.get())) {
                reader.problem(field, divergenceClass.get() + " cannot be repaired automatically",
                        "remove it; drop extra objects with strait reconcile --repair --allow-delete");
            } else {
                classes.add(divergenceClass.get());
            }
        }
        return classes;
    }

    private static List<String> repairableNames() {
        return Arrays.stream(DivergenceClass.values())
                .filter(value -> !ScheduledReconcileConfig.NEVER_AUTOMATIC.contains(value)).map(Enum::name).toList();
    }
}
