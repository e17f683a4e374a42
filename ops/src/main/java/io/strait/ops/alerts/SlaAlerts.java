package io.strait.ops.alerts;

import io.strait.common.alert.WhyLate;
import io.strait.common.config.StraitConfig;
import io.strait.sql.alert.JdbcAlertOutbox;
import io.strait.sql.alert.JdbcAlertStore;
import io.strait.sql.alert.JdbcSlaReads;
import io.strait.ops.why.WhyService;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Wiring of SLA alerts for {@code strait run}: the evaluation task (Quartz) and the delivery executor.
 *
 * <p>The "why" of an alert is the dashboard's and {@code strait why}'s answer ({@link WhyService}): one rule explains a
 * late object everywhere.
 */
public final class SlaAlerts {
    private SlaAlerts() {
    }

    /** The "why" every alert carries: {@code strait why}'s one-sentence answer for the object. */
    public static WhyLate whyLate(StraitConfig config, DataSource stateStore, Clock clock) {
        WhyService why = new WhyService(config, stateStore, clock);
        return late -> why.answer(late.object().link(), late.object().database() + "." + late.object().table(),
                late.object().partition()).summary();
    }

    public static SlaEvaluator evaluator(StraitConfig config, DataSource stateStore, Clock clock) {
        return new SlaEvaluator(config.links(), config.alerts(), new JdbcSlaReads(stateStore),
                new JdbcAlertStore(stateStore), whyLate(config, stateStore, clock), clock);
    }

    public static SlaAlertTask task(StraitConfig config, DataSource stateStore, Clock clock) {
        return new SlaAlertTask(evaluator(config, stateStore, clock), config.alerts().interval());
    }

    /** The delivery executor of this process ({@code owner} names it in the outbox's claims); not started. */
    public static AlertDispatcher dispatcher(StraitConfig config, DataSource stateStore, String owner, Clock clock) {
        return new AlertDispatcher(config.alerts(), new JdbcAlertOutbox(stateStore), new WebhookSender(), owner, clock);
    }
}
