package io.strait.ops.alerts;

import io.strait.scheduler.quartz.PeriodicTask;
import java.time.Duration;

/**
 * The SLA evaluation as a Quartz {@link PeriodicTask} of {@code strait run}: every {@code alerts.interval}, one
 * evaluator at a time across the cluster. A thin shell around {@link SlaEvaluator}.
 */
public final class SlaAlertTask implements PeriodicTask {
    private final SlaEvaluator evaluator;
    private final Duration interval;

    public SlaAlertTask(SlaEvaluator evaluator, Duration interval) {
        this.evaluator = evaluator;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "sla-alerts";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public void runOnce() {
        evaluator.evaluate();
    }
}
