package io.strait.scheduler.quartz;

import io.strait.scheduler.cycle.ReplicationCycle;
import java.util.Map;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link ReplicationCycleJob}s with the cycle of the link named in the job data, and {@link PeriodicTaskJob}s
 * with the task named in theirs. A trigger for a link or task this process does not serve (a process of the same
 * Quartz cluster with another configuration scheduled it) runs a no-op job: skipped, never an error.
 */
final class CycleJobFactory implements JobFactory {
    private static final Logger LOG = LoggerFactory.getLogger(CycleJobFactory.class);

    private final Map<String, ReplicationCycle> cyclesByLink;
    private final Map<String, PeriodicTask> tasksByName;

    CycleJobFactory(Map<String, ReplicationCycle> cyclesByLink, Map<String, PeriodicTask> tasksByName) {
        this.cyclesByLink = Map.copyOf(cyclesByLink);
        this.tasksByName = Map.copyOf(tasksByName);
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        if (bundle.getJobDetail().getJobClass() == PeriodicTaskJob.class) {
            String name = bundle.getJobDetail().getJobDataMap().getString(PeriodicTaskJob.TASK_KEY);
            PeriodicTask task = tasksByName.get(name);
            if (task == null) {
                return context -> LOG.warn("task {} is scheduled but this process's configuration has no such task;"
                        + " skipped (give every process of the cluster the same configuration)", name);
            }
            return new PeriodicTaskJob(task);
        }
        String link = bundle.getJobDetail().getJobDataMap().getString(ReplicationCycleJob.LINK_KEY);
        ReplicationCycle cycle = cyclesByLink.get(link);
        if (cycle == null) {
            // another configuration on this state store and scheduler name serves the link (or did): its trigger
            // fires here too; skip it quietly rather than fail (a failure would leave the trigger in ERROR state)
            return context -> LOG.debug("cycle of link {} skipped: this process's configuration does not serve it",
                    link);
        }
        return new ReplicationCycleJob(cycle);
    }
}
