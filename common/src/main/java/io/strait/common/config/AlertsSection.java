package io.strait.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code alerts} section ({@link AlertsConfig}), every problem reported at once. */
final class AlertsSection {
    private static final Set<String> KEYS = Set.of("interval", "projected", "webhooks", "retry-backoff",
            "retry-backoff-max");

    private AlertsSection() {
    }

    static AlertsConfig read(ConfigReader reader, JsonNode node) {
        String prefix = "alerts";
        reader.rejectUnknownKeys(node, prefix, KEYS);
        Duration interval = reader.duration(node, prefix, ConfigKeys.ALERTS_INTERVAL);
        String projected = reader.string(node, prefix, ConfigKeys.ALERTS_PROJECTED).trim();
        if (!projected.equals("true") && !projected.equals("false")) {
            reader.problem("alerts.projected", "'" + projected + "' is not a boolean", "use true or false");
        }
        Duration backoff = reader.duration(node, prefix, ConfigKeys.ALERTS_RETRY_BACKOFF);
        Duration backoffMax = reader.duration(node, prefix, ConfigKeys.ALERTS_RETRY_BACKOFF_MAX);
        if (backoffMax.compareTo(backoff) < 0) {
            reader.problem("alerts.retry-backoff-max", "is shorter than alerts.retry-backoff (" + backoff + ")",
                    "use a value of at least alerts.retry-backoff");
        }
        return new AlertsConfig(interval, projected.equals("true"),
                webhooks(reader, node == null ? null : node.get("webhooks")), backoff, backoffMax);
    }

    private static List<AlertsConfig.Webhook> webhooks(ConfigReader reader, JsonNode node) {
        List<AlertsConfig.Webhook> webhooks = new ArrayList<>();
        if (node == null || node.isNull()) {
            return webhooks;
        }
        if (!node.isArray()) {
            reader.problem("alerts.webhooks", "must be a list",
                    "e.g. webhooks: [{url: \"https://alerts.example.com/strait\"}]");
            return webhooks;
        }
        for (int i = 0; i < node.size(); i++) {
            String prefix = "alerts.webhooks[" + i + "]";
            JsonNode entry = node.get(i);
            if (!entry.isObject()) {
                reader.problem(prefix, "must be a mapping", "e.g. {url: \"https://alerts.example.com/strait\"}");
                continue;
            }
            reader.rejectUnknownKeys(entry, prefix, Set.of("url", "headers"));
            String url = reader.secret(reader.string(entry, prefix, ConfigKeys.ALERTS_WEBHOOK_URL).trim());
            if (!url.isEmpty() && !isHttpUrl(url)) {
                // the URL itself is not echoed: its path or query may hold a token
                reader.problem(prefix + ".url", "is not an http:// or https:// URL with a host",
                        "write e.g. https://alerts.example.com/strait");
            }
            Map<String, String> headers = reader.stringMap(reader.section(entry, prefix, "headers", false),
                    prefix + ".headers");
            headers.values().forEach(reader::secret);
            if (!url.isEmpty()) {
                webhooks.add(new AlertsConfig.Webhook(url, headers));
            }
        }
        return webhooks;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
