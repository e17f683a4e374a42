package io.strait.ops.alerts;

import io.strait.common.config.AlertsConfig;
import io.strait.common.config.AlertsConfig.Webhook;
import io.strait.common.retry.Retrier;
import io.strait.common.retry.RetryPolicy;
import io.strait.sql.alert.JdbcAlertOutbox;
import io.strait.sql.alert.JdbcAlertOutbox.Delivery;
import io.strait.sql.alert.WebhookTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the alert outbox's deliveries to their webhooks on a thread of its own, apart from replication: every
 * {@link #POLL} it claims the deliveries due and sends each with a few tries backed off through the retry helper
 * ({@link Retrier}, from {@code alerts.retry-backoff} up to {@code alerts.retry-backoff-max}). A delivery whose tries
 * all failed stays in the outbox, PENDING with its attempts and last error, and is tried again later, further and
 * further apart (at most {@code alerts.retry-backoff-max}): never dropped. One log line per outcome (logger
 * {@code alert}): INFO when delivered, WARN when a round of tries failed; webhooks are named by scheme, host and port.
 */
public final class AlertDispatcher implements AutoCloseable {
    private static final Logger ALERTS = LoggerFactory.getLogger("alert");
    static final Duration POLL = Duration.ofSeconds(1);
    /** Tries of one delivery in one round, backed off. */
    static final int TRIES_PER_ROUND = 3;
    /** How long a claimed delivery is this process's: longer than a round of tries can take. */
    private static final Duration CLAIM = Duration.ofMinutes(5);
    private static final int BATCH = 50;

    private final JdbcAlertOutbox outbox;
    private final Map<String, Webhook> webhooks = new LinkedHashMap<>();
    private final WebhookSender sender;
    private final AlertsConfig config;
    private final String owner;
    private final Clock clock;
    private ScheduledExecutorService executor;

    public AlertDispatcher(AlertsConfig config, JdbcAlertOutbox outbox, WebhookSender sender, String owner,
            Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.clock = Objects.requireNonNull(clock, "clock");
        config.webhooks().forEach(webhook -> webhooks.put(WebhookTarget.of(webhook.url(), webhook.display()).key(),
                webhook));
    }

    /** Starts sending every {@link #POLL} on a daemon thread of its own; nothing to do without webhooks. */
    public synchronized void start() {
        if (executor != null || webhooks.isEmpty()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "strait-alert-delivery");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::drainQuietly, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void drainQuietly() {
        try {
            drainOnce();
        } catch (RuntimeException e) {
            ALERTS.warn("alert delivery: cannot read the outbox: {}", e.getMessage());
        }
    }

    /** Claims the deliveries due now and sends each; returns how many were delivered. */
    public int drainOnce() {
        int delivered = 0;
        for (Delivery delivery : outbox.claimDue(owner, clock.millis(), CLAIM, BATCH)) {
            if (send(delivery)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean send(Delivery delivery) {
        Webhook webhook = webhooks.get(delivery.webhookKey());
        if (webhook == null) {
            outbox.failed(delivery, 0, "webhook no longer configured (alerts.webhooks)",
                    clock.millis() + config.retryBackoffMax().toMillis());
            ALERTS.warn("alert delivery {} (alert {} {}) to {}: webhook no longer configured; kept in the outbox",
                    delivery.id(), delivery.alertId(), delivery.alertState(), delivery.target());
            return false;
        }
        Retrier retrier = new Retrier("alert delivery " + delivery.id(), new RetryPolicy(TRIES_PER_ROUND,
                config.retryBackoff(), config.retryBackoffMax()), Retrier::isExternal);
        try {
            retrier.run(() -> sender.send(webhook, delivery.body()));
            outbox.delivered(delivery, (int) retrier.attempts(), clock.millis());
            ALERTS.info("alert delivery {} (alert {} {}) to {} delivered after {} attempt(s)", delivery.id(),
                    delivery.alertId(), delivery.alertState(), webhook.display(),
                    delivery.attempts() + retrier.attempts());
            return true;
        } catch (RuntimeException e) {
            int rounds = (int) ((delivery.attempts() + retrier.attempts()) / TRIES_PER_ROUND);
            Duration wait = nextWait(rounds);
            outbox.failed(delivery, (int) retrier.attempts(), e.getMessage(), clock.millis() + wait.toMillis());
            ALERTS.warn("alert delivery {} (alert {} {}) to {} failed after {} attempt(s), kept in the outbox, next"
                    + " try in {}: {}", delivery.id(), delivery.alertId(), delivery.alertState(), webhook.display(),
                    delivery.attempts() + retrier.attempts(), wait, e.getMessage());
            return false;
        }
    }

    /** The wait after {@code rounds} failed rounds: the backoff doubled per round, at most the maximum. */
    Duration nextWait(int rounds) {
        long wait = config.retryBackoff().toMillis();
        for (int i = 1; i < rounds && wait < config.retryBackoffMax().toMillis(); i++) {
            wait *= 2;
        }
        return Duration.ofMillis(Math.min(wait, config.retryBackoffMax().toMillis()));
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
