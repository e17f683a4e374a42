package io.strait.scheduler.cycle;

import io.strait.common.capture.EventOrderKey;
import io.strait.common.capture.ObjectOrder;
import io.strait.common.event.EventBatch;
import io.strait.common.event.EventCursor;
import io.strait.common.event.ReplicationEvent;
import io.strait.common.job.ObjectRef;
import io.strait.common.event.EventLog;
import io.strait.common.job.JobState;
import io.strait.common.job.JobStore;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import io.strait.scheduler.plan.EventPlanner;
import io.strait.scheduler.run.LinkRuntime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replication cycle of one link, run by the Quartz job every {@code scheduler.cycle-interval} (one process of the
 * cluster at a time): take over jobs whose lease expired, turn new events into jobs (moving the planner cursor in
 * the same transaction), return due retries to PENDING, and let this process's {@link JobDispatcher} claim. Every
 * process's dispatcher also claims on its own (after each job it finishes and on its timer), so the link's jobs run
 * on every process, not only on the one that plans them.
 */
public final class ReplicationCycle {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationCycle.class);
    private final LinkRuntime link;
    private final EventLog eventLog;
    private final JobStore store;
    private final JobDispatcher dispatcher;
    private final RetrySchedule retrySchedule;
    private final int eventBatchSize;
    private final Clock clock;
    private final EventPlanner planner;
    /** Set when the process stops: no more planning or claiming here (running jobs finish). */
    private volatile boolean stopped;

    public ReplicationCycle(LinkRuntime link, EventLog eventLog, JobStore store, JobDispatcher dispatcher,
            RetrySchedule retrySchedule, int eventBatchSize, Clock clock) {
        this.link = link;
        this.eventLog = eventLog;
        this.store = store;
        this.dispatcher = dispatcher;
        this.retrySchedule = retrySchedule;
        this.eventBatchSize = eventBatchSize;
        this.clock = clock;
        this.planner = new EventPlanner(link.name(), link.tableFilter());
    }

    public String linkName() {
        return link.name();
    }

    /** Gates this process's claims by {@code dispatchGate} (operator pause; per link); returns this cycle. */
    public ReplicationCycle gatedBy(DispatchGate dispatchGate) {
        dispatcher.gatedBy(dispatchGate);
        return this;
    }

    /** One cycle. Safe to call concurrently with running jobs; not concurrently with itself. */
    public void runOnce() {
        if (stopped) {
            return;
        }
        takeOverExpiredLeases();
        int planned = planNewEvents();
        promoteDueRetries();
        int started = dispatcher.dispatch();
        if (planned > 0 || started > 0) {
            LOG.debug("link {} cycle: {} job(s) planned, {} started, {} running in this process", link.name(),
                    planned, started, dispatcher.runningJobs());
        }
    }

    /**
     * Recovery at start: takes over the jobs of the link whose lease expired (a stopped or dead process left them
     * mid-flight) — back to RETRY_WAIT (their version folders are never reused), or SUCCEEDED when their commit
     * already happened. Jobs another live process runs keep their lease and are left alone.
     */
    public void recoverAbandonedJobs() {
        takeOverExpiredLeases();
    }

    /**
     * The reaper, run by every process at each cycle and on its heartbeat: takes over the link's jobs in flight
     * whose lease expired (see {@link JobStore#takeOverExpiredLeases}). Returns how many it took over.
     */
    public int takeOverExpiredLeases() {
        List<ReplicationJob> taken = store.takeOverExpiredLeases(link.name());
        if (!taken.isEmpty()) {
            LOG.warn("link {}: took over {} job(s) whose lease expired: {}", link.name(), taken.size(),
                    taken.stream().map(ReplicationJob::id).toList());
        }
        return taken.size();
    }

    /** Stops planning and claiming (a stopping process); jobs already running go on. */
    public void stopClaiming() {
        stopped = true;
        dispatcher.stop();
    }

    /** Jobs this cycle's process is running now (of every link it serves). */
    public int runningJobs() {
        return dispatcher.runningJobs();
    }

    /**
     * True when every captured event is planned and no job of the link is unfinished. BLOCKED jobs are settled, not
     * unfinished: they wait for an operator, not for the scheduler, so they do not keep the link from draining.
     */
    public boolean isDrained() {
        return store.plannerCursor(link.name()) >= eventLog.latestId(link.source())
                && !store.hasUnfinished(link.name());
    }

    private int planNewEvents() {
        long cursor = store.plannerCursor(link.name());
        Map<String, Long> instanceCursors = store.instanceCursors(link.name());
        EventBatch batch = eventLog.read(link.source(), new EventCursor(cursor, instanceCursors), eventBatchSize);
        if (batch.scannedThroughId() == cursor && batch.events().isEmpty()
                && batch.instanceCursors().equals(instanceCursors)) {
            return 0;
        }
        List<PlannedEvent> planned = new ArrayList<>();
        batch.events().forEach(event -> planner.plan(event).forEach(job -> planned.add(new PlannedEvent(event,
                job))));
        Map<ObjectRef, ObjectOrder.Planned> newest = new HashMap<>(store.plannedOrder(link.name(),
                planned.stream().map(one -> one.job().object()).distinct().toList()));
        Map<ObjectRef, ObjectOrder.Planned> moved = new HashMap<>();
        List<NewJob> jobs = new ArrayList<>();
        int stale = 0;
        for (PlannedEvent one : planned) {
            NewJob job = one.job();
            EventOrderKey key = ObjectOrder.keyOf(one.event().id(), one.event().event(), job.object());
            ObjectOrder.Planned previous = newest.get(job.object());
            if (ObjectOrder.decide(previous, key) == ObjectOrder.Verdict.STALE) {
                stale++;
                LOG.debug("link {}: event {} ({}) of {} is older than event {} planned already: covered, no job",
                        link.name(), one.event().id(), one.event().event().type(), job.object(),
                        previous.key().eventId());
                continue;
            }
            long position = ObjectOrder.sourcePosition(previous, key);
            ObjectOrder.Planned now = new ObjectOrder.Planned(key, position);
            newest.put(job.object(), now);
            moved.put(job.object(), now);
            jobs.add(new NewJob(job.link(), job.kind(), job.object(), position, job.sourceCapturedAtMillis(),
                    job.origin(), job.renamedFrom()));
        }
        store.createJobs(link.name(), cursor, batch.cursor(), moved, jobs);
        if (!batch.events().isEmpty()) {
            LOG.debug("link {} planned {} event(s) up to id {} into {} job(s), {} covered by newer events",
                    link.name(), batch.events().size(), batch.scannedThroughId(), jobs.size(), stale);
        }
        return jobs.size();
    }

    /** A job the planner made of an event. */
    private record PlannedEvent(ReplicationEvent event, NewJob job) {
    }

    private void promoteDueRetries() {
        long now = clock.millis();
        store.waitingToRetry(link.name()).stream().filter(job -> retrySchedule.isDue(job, now)).forEach(job ->
                transitionQuietly(JobTransitionRequest.of(job, JobState.PENDING, "retry after backoff")));
    }

    private void transitionQuietly(JobTransitionRequest request) {
        try {
            store.transition(request);
        } catch (StaleJobVersionException stale) {
            LOG.debug("job {} changed meanwhile: {}", request.jobId(), stale.getMessage());
        }
    }
}
