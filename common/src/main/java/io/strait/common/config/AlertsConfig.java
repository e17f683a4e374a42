package io.strait.common.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SLA alerts ({@code alerts}): how often {@code strait run} judges every link's tables against their SLA, whether a
 * projected breach is alerted too, where alerts are delivered besides the log, and how failed deliveries are retried.
 *
 * @param interval how often the evaluation runs (one evaluator at a time across the Quartz cluster)
 * @param projected whether a projected breach (at risk) raises an alert before the SLA is missed
 * @param webhooks where every alert and resolution is POSTed as JSON
 * @param retryBackoff wait before the first retry of a failed delivery; doubles per failed try
 * @param retryBackoffMax longest wait between tries of a delivery
 */
public record AlertsConfig(Duration interval, boolean projected, List<Webhook> webhooks, Duration retryBackoff,
        Duration retryBackoffMax) {
    public static final AlertsConfig DEFAULT = new AlertsConfig(Duration.ofMinutes(1), false, List.of(),
            Duration.ofSeconds(5), Duration.ofMinutes(10));

    public AlertsConfig {
        Objects.requireNonNull(interval, "interval");
        webhooks = List.copyOf(webhooks);
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(retryBackoffMax, "retryBackoffMax");
    }

    /**
     * A webhook: its URL and the headers sent with every delivery. Header values may be secrets (an authorization
     * token) and so may the URL's path and query (many chat services put the token there): neither is ever printed,
     * only {@link #display()}.
     */
    public record Webhook(String url, Map<String, String> headers) {
        public Webhook {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
        }

        /** What logs and answers show of the webhook: scheme, host and port only. */
        public String display() {
            try {
                URI uri = URI.create(url);
                return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            } catch (IllegalArgumentException e) {
                return "(webhook)";
            }
        }

        @Override
        public String toString() {
            return "Webhook[" + display() + ", headers=" + headers.keySet() + "]";
        }
    }
}
