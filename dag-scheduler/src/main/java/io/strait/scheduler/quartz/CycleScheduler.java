package io.strait.scheduler.quartz;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import io.strait.scheduler.cycle.ReplicationCycle;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Runs each link's {@link ReplicationCycle} every cycle interval on Quartz (clustered, persisted in the state
 * store): one Quartz job per link, never two cycles of one link at once.
 */
public final class CycleScheduler implements AutoCloseable {
    private static final String GROUP = "strait-replication";

    private final Scheduler scheduler;
    private final List<ReplicationCycle> cycles;
    private final Duration interval;

    public CycleScheduler(QuartzSettings settings, List<ReplicationCycle> cycles, Duration interval) {
        this.cycles = List.copyOf(cycles);
        this.interval = interval;
        Map<String, ReplicationCycle> byLink = new LinkedHashMap<>();
        cycles.forEach(cycle -> byLink.put(cycle.linkName(), cycle));
        try {
            this.scheduler = new StdSchedulerFactory(settings.toProperties()).getScheduler();
            this.scheduler.setJobFactory(new CycleJobFactory(byLink));
        } catch (SchedulerException e) {
            throw new StraitException(ErrorCategory.EXTERNAL, "Cannot create the Quartz scheduler on "
                    + settings.jdbcUrl() + ": " + e.getMessage() + " (are the migrations applied?)", e);
        }
    }

    /** Recovers abandoned jobs, then schedules every link's cycle and starts Quartz. */
    public void start() {
        cycles.forEach(ReplicationCycle::recoverAbandonedJobs);
        try {
            for (ReplicationCycle cycle : cycles) {
                scheduler.scheduleJob(jobFor(cycle), Set.of(triggerFor(cycle)), true);
            }
            scheduler.start();
        } catch (SchedulerException e) {
            throw new StraitException(ErrorCategory.EXTERNAL, "Cannot start the replication cycles: "
                    + e.getMessage(), e);
        }
    }

    private JobDetail jobFor(ReplicationCycle cycle) {
        return JobBuilder.newJob(ReplicationCycleJob.class)
                .withIdentity("cycle-" + cycle.linkName(), GROUP)
                .usingJobData(ReplicationCycleJob.LINK_KEY, cycle.linkName())
                .requestRecovery(false)
                .build();
    }

    private Trigger triggerFor(ReplicationCycle cycle) {
        return TriggerBuilder.newTrigger()
                .withIdentity("trigger-" + cycle.linkName(), GROUP)
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            throw new StraitException(ErrorCategory.EXTERNAL, "Cannot stop Quartz cleanly: " + e.getMessage(), e);
        }
    }
}
