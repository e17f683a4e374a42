package io.strait.ops.alerts;

import io.strait.common.alert.WhyLate;
import io.strait.common.config.StraitConfig;
import io.strait.sql.alert.JdbcAlertOutbox;
import io.strait.sql.alert.JdbcAlertStore;
import io.strait.sql.alert.JdbcSlaReads;
import io.strait.sql.alert.JobStateWhy;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Wiring of SLA alerts for {@code strait run}: the evaluation task (Quartz) and the delivery executor.
 *
 * <p>The "why" of an alert comes from {@link #whyLate}: today {@link JobStateWhy} (job states, last error, paused
 * link). A richer explainer plugs in here, as another {@link WhyLate}.
 */
public final class SlaAlerts {
    private SlaAlerts() {
    }

    /** The "why" every alert carries. */
    public static WhyLate whyLate(DataSource stateStore) {
        return new JobStateWhy(stateStore);
    }

    public static SlaEvaluator evaluator(StraitConfig config, DataSource stateStore, Clock clock) {
        return new SlaEvaluator(config.links(), config.alerts(), new JdbcSlaReads(stateStore),
                new JdbcAlertStore(stateStore), whyLate(stateStore), clock);
    }

    public static SlaAlertTask task(StraitConfig config, DataSource stateStore, Clock clock) {
        return new SlaAlertTask(evaluator(config, stateStore, clock), config.alerts().interval());
    }

    /** The delivery executor of this process ({@code owner} names it in the outbox's claims); not started. */
    public static AlertDispatcher dispatcher(StraitConfig config, DataSource stateStore, String owner, Clock clock) {
        return new AlertDispatcher(config.alerts(), new JdbcAlertOutbox(stateStore), new WebhookSender(), owner, clock);
    }
}
