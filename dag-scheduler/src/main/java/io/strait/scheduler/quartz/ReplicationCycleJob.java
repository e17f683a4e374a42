package io.strait.scheduler.quartz;

import io.strait.scheduler.cycle.ReplicationCycle;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job of one link's replication cycle: a thin shell around {@link ReplicationCycle#runOnce()}. Its job
 * data holds only the link name; the cycle itself is injected by {@link CycleJobFactory}.
 */
@DisallowConcurrentExecution
public final class ReplicationCycleJob implements Job {
    static final String LINK_KEY = "link";
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationCycleJob.class);

    private final ReplicationCycle cycle;

    ReplicationCycleJob(ReplicationCycle cycle) {
        this.cycle = cycle;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            cycle.runOnce();
        } catch (RuntimeException e) {
            LOG.warn("link {} cycle failed, next cycle retries: {}", cycle.linkName(), e.getMessage(), e);
        }
    }
}
