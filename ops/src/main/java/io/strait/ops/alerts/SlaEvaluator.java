package io.strait.ops.alerts;

import io.strait.common.alert.AlertMessage;
import io.strait.common.alert.AlertRule;
import io.strait.common.alert.AlertState;
import io.strait.common.alert.AlertStep;
import io.strait.common.alert.LateObject;
import io.strait.common.alert.SlaObject;
import io.strait.common.alert.WhyLate;
import io.strait.common.config.AlertsConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.report.SlaJudge;
import io.strait.common.report.SlaStatus;
import io.strait.sql.alert.JdbcAlertStore;
import io.strait.sql.alert.JdbcAlertStore.OpenAlert;
import io.strait.sql.alert.JdbcSlaReads;
import io.strait.sql.alert.JdbcSlaReads.Unapplied;
import io.strait.sql.alert.WebhookTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SLA evaluation of every link: each table or partition with unapplied changes, and each with an open alert, is
 * judged by {@link SlaJudge}, and {@link AlertRule} says whether to raise, escalate or resolve its alert. The alert
 * store makes each step a compare-and-set with its outbox rows, so evaluators may run repeatedly and side by side:
 * only the one whose step took effect logs it (one WARN line per alert raised or escalated, one INFO line per
 * resolution, logger {@code alert}).
 */
public final class SlaEvaluator {
    private static final Logger ALERTS = LoggerFactory.getLogger("alert");
    /** The window of the link's typical lag (p95 of its event jobs committed within it). */
    static final Duration TYPICAL_LAG_WINDOW = Duration.ofHours(1);

    private final List<LinkConfig> links;
    private final AlertsConfig config;
    private final JdbcSlaReads reads;
    private final JdbcAlertStore store;
    private final WhyLate whyLate;
    private final List<WebhookTarget> targets;
    private final Clock clock;

    public SlaEvaluator(List<LinkConfig> links, AlertsConfig config, JdbcSlaReads reads, JdbcAlertStore store,
            WhyLate whyLate, Clock clock) {
        this.links = List.copyOf(links);
        this.config = config;
        this.reads = reads;
        this.store = store;
        this.whyLate = whyLate;
        this.targets = config.webhooks().stream().map(webhook -> WebhookTarget.of(webhook.url(), webhook.display()))
                .toList();
        this.clock = clock;
    }

    /** What one evaluation did: alerts raised (or escalated) and resolved by this evaluator. */
    public record Outcome(List<AlertMessage> raised, List<AlertMessage> resolved) {
    }

    public Outcome evaluate() {
        List<AlertMessage> raised = new java.util.ArrayList<>();
        List<AlertMessage> resolved = new java.util.ArrayList<>();
        for (LinkConfig link : links) {
            evaluate(link, raised, resolved);
        }
        return new Outcome(raised, resolved);
    }

    private void evaluate(LinkConfig link, List<AlertMessage> raised, List<AlertMessage> resolved) {
        long now = clock.millis();
        Duration typicalLag = reads.typicalLag(link.name(), now - TYPICAL_LAG_WINDOW.toMillis());
        Map<SlaObject, Unapplied> unapplied = new LinkedHashMap<>();
        reads.unapplied(link.name()).forEach(object -> unapplied.put(object.object(), object));
        Map<SlaObject, OpenAlert> open = new LinkedHashMap<>();
        store.open(link.name()).forEach(alert -> open.put(alert.object(), alert));
        Set<SlaObject> objects = new LinkedHashSet<>(unapplied.keySet());
        objects.addAll(open.keySet());
        for (SlaObject object : objects) {
            Optional<Unapplied> waiting = Optional.ofNullable(unapplied.get(object));
            OptionalLong oldest = waiting.map(found -> OptionalLong.of(found.oldestCapturedAtMs()))
                    .orElse(OptionalLong.empty());
            SlaStatus status = SlaJudge.judge(oldest, link.sla(), typicalLag, now);
            LateObject late = new LateObject(object, oldest.orElse(0), waiting.map(Unapplied::jobs).orElse(0),
                    link.sla(), status, now);
            Optional<OpenAlert> alert = Optional.ofNullable(open.get(object));
            AlertStep step = AlertRule.next(alert.map(OpenAlert::state), status, config.projected());
            switch (step) {
                case RAISE_BREACHED -> store.raise(late, AlertState.BREACHED, whyLate.why(late), targets)
                        .ifPresent(message -> warn(message, raised));
                case RAISE_PROJECTED -> store.raise(late, AlertState.PROJECTED, whyLate.why(late), targets)
                        .ifPresent(message -> warn(message, raised));
                case ESCALATE -> store.escalate(alert.orElseThrow().id(), late, whyLate.why(late), targets)
                        .ifPresent(message -> warn(message, raised));
                case RESOLVE -> store.resolve(alert.orElseThrow(), whyLate.why(late), now, targets)
                        .ifPresent(message -> {
                            ALERTS.info("{}", message.logLine());
                            resolved.add(message);
                        });
                case NONE -> {
                }
            }
        }
    }

    private static void warn(AlertMessage message, List<AlertMessage> raised) {
        ALERTS.warn("{}", message.logLine());
        raised.add(message);
    }
}
