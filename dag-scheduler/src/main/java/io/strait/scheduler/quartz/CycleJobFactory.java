package io.strait.scheduler.quartz;

import io.strait.scheduler.cycle.ReplicationCycle;
import java.util.Map;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Builds {@link ReplicationCycleJob}s with the cycle of the link named in the job data. */
final class CycleJobFactory implements JobFactory {
    private final Map<String, ReplicationCycle> cyclesByLink;

    CycleJobFactory(Map<String, ReplicationCycle> cyclesByLink) {
        this.cyclesByLink = Map.copyOf(cyclesByLink);
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        String link = bundle.getJobDetail().getJobDataMap().getString(ReplicationCycleJob.LINK_KEY);
        ReplicationCycle cycle = cyclesByLink.get(link);
        if (cycle == null) {
            throw new SchedulerException("Cannot run the cycle of link " + link + ": this process does not serve it");
        }
        return new ReplicationCycleJob(cycle);
    }
}
