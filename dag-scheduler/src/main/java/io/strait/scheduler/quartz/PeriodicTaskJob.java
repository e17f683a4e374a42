package io.strait.scheduler.quartz;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job of a {@link PeriodicTask}: a thin shell around {@link PeriodicTask#runOnce()}. Its job data holds
 * only the task name; the task itself is injected by {@link CycleJobFactory}.
 */
@DisallowConcurrentExecution
public final class PeriodicTaskJob implements Job {
    static final String TASK_KEY = "task";
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTaskJob.class);

    private final PeriodicTask task;

    PeriodicTaskJob(PeriodicTask task) {
        this.task = task;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            task.runOnce();
        } catch (RuntimeException e) {
            LOG.warn("task {} failed, it runs again in {}: {}", task.name(), task.interval(), e.getMessage(), e);
        }
    }
}
