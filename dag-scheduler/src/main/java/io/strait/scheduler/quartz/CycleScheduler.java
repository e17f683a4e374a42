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
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Runs each link's {@link ReplicationCycle} every cycle interval on Quartz (clustered, persisted in the state
 * store): one Quartz job per link, never two cycles of one link at once. Runs each {@link PeriodicTask} (e.g. a
 * link's scheduled reconcile) every its interval the same way: a task's trigger is kept across restarts while its
 * interval is unchanged, so restarting a process neither skips nor repeats a run; a new or changed task runs now,
 * then every interval.
 */
public final class CycleScheduler implements AutoCloseable {
    private static final String GROUP = "strait-replication";
    private static final String TASK_GROUP = "strait-periodic";

    private final Scheduler scheduler;
    private final List<ReplicationCycle> cycles;
    private final List<PeriodicTask> tasks;
    private final Duration interval;

    public CycleScheduler(QuartzSettings settings, List<ReplicationCycle> cycles, Duration interval) {
        this(settings, cycles, interval, List.of());
    }

    public CycleScheduler(QuartzSettings settings, List<ReplicationCycle> cycles, Duration interval,
            List<PeriodicTask> tasks) {
        this.cycles = List.copyOf(cycles);
        this.tasks = List.copyOf(tasks);
        this.interval = interval;
        Map<String, ReplicationCycle> byLink = new LinkedHashMap<>();
        cycles.forEach(cycle -> byLink.put(cycle.linkName(), cycle));
        Map<String, PeriodicTask> byName = new LinkedHashMap<>();
        tasks.forEach(task -> byName.put(task.name(), task));
        try {
            this.scheduler = new StdSchedulerFactory(settings.toProperties()).getScheduler();
            this.scheduler.setJobFactory(new CycleJobFactory(byLink, byName));
        } catch (SchedulerException e) {
            throw new StraitException(ErrorCategory.EXTERNAL, "Cannot create the Quartz scheduler on "
                    + settings.jdbcUrl() + ": " + e.getMessage() + " (are the migrations applied?)", e);
        }
    }

    /**
     * Recovers abandoned jobs (those whose lease expired), then schedules every link's cycle and starts Quartz.
     * Cycle triggers an earlier version left in ERROR state (it failed the cycle of a link the process did not
     * serve) are reset: such a trigger is now skipped quietly where its link is not served.
     */
    public void start() {
        cycles.forEach(ReplicationCycle::recoverAbandonedJobs);
        try {
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
                if (scheduler.getTriggerState(key) == Trigger.TriggerState.ERROR) {
                    scheduler.resetTriggerFromErrorState(key);
                }
            }
            for (ReplicationCycle cycle : cycles) {
                scheduler.scheduleJob(jobFor(cycle), Set.of(triggerFor(cycle)), true);
            }
            for (PeriodicTask task : tasks) {
                scheduleKeepingPhase(task);
            }
            scheduler.start();
        } catch (SchedulerException e) {
            throw new StraitException(ErrorCategory.EXTERNAL, "Cannot start the replication cycles: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Schedules {@code task} with a fresh trigger (so that no state a stopped process left on the old one, such as
     * an acquired but never fired trigger, can hold it back), keeping the old trigger's start time when the interval
     * is unchanged: a restart does not move the schedule.
     */
    private void scheduleKeepingPhase(PeriodicTask task) throws SchedulerException {
        TriggerKey key = TriggerKey.triggerKey("trigger-" + task.name(), TASK_GROUP);
        Trigger existing = scheduler.getTrigger(key);
        boolean unchanged = existing instanceof SimpleTrigger simple
                && simple.getRepeatInterval() == task.interval().toMillis();
        JobDetail job = JobBuilder.newJob(PeriodicTaskJob.class)
                .withIdentity("task-" + task.name(), TASK_GROUP)
                .usingJobData(PeriodicTaskJob.TASK_KEY, task.name())
                .requestRecovery(false)
                .build();
        TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger().withIdentity(key);
        builder = unchanged ? builder.startAt(existing.getStartTime()) : builder.startNow();
        Trigger trigger = builder.withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(task.interval().toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        scheduler.scheduleJob(job, Set.of(trigger), true);
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
