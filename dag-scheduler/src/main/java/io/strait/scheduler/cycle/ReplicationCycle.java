package io.strait.scheduler.cycle;

import io.strait.common.event.EventLog;
import io.strait.common.event.EventBatch;
import io.strait.common.job.JobState;
import io.strait.common.job.JobStore;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import io.strait.scheduler.dag.JobDag;
import io.strait.scheduler.plan.EventPlanner;
import io.strait.scheduler.run.JobRunner;
import io.strait.scheduler.run.LinkRuntime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replication cycle of one link, run by the Quartz job every {@code scheduler.cycle-interval}: turn new
 * events into jobs (moving the planner cursor in the same transaction), return due retries to PENDING, and hand
 * the jobs the DAG allows to start to the worker pool. When a job finishes, the jobs it was holding back start at
 * once rather than at the next cycle.
 */
public final class ReplicationCycle {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationCycle.class);
    private final LinkRuntime link;
    private final EventLog eventLog;
    private final JobStore store;
    private final JobRunner runner;
    private final ExecutorService workers;
    private final RetrySchedule retrySchedule;
    private final int eventBatchSize;
    private final Clock clock;
    private final EventPlanner planner;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    /** Set when the process stops: no job is claimed any more (running ones finish). */
    private volatile boolean stopped;
    /** Operator control: a paused link plans but starts no job. */
    private volatile DispatchGate gate = DispatchGate.OPEN;

    public ReplicationCycle(LinkRuntime link, EventLog eventLog, JobStore store, JobRunner runner,
            ExecutorService workers, RetrySchedule retrySchedule, int eventBatchSize, Clock clock) {
        this.link = link;
        this.eventLog = eventLog;
        this.store = store;
        this.runner = runner;
        this.workers = workers;
        this.retrySchedule = retrySchedule;
        this.eventBatchSize = eventBatchSize;
        this.clock = clock;
        this.planner = new EventPlanner(link.name(), link.tableFilter());
    }

    public String linkName() {
        return link.name();
    }

    /** Asks {@code dispatchGate} before every dispatch (operator pause); returns this cycle. */
    public ReplicationCycle gatedBy(DispatchGate dispatchGate) {
        this.gate = java.util.Objects.requireNonNull(dispatchGate, "dispatchGate");
        return this;
    }

    /** One cycle. Safe to call concurrently with running jobs; not concurrently with itself. */
    public void runOnce() {
        if (stopped) {
            return;
        }
        takeOverExpiredLeases();
        int planned = planNewEvents();
        List<ReplicationJob> unfinished = store.findUnfinished(link.name());
        promoteDueRetries(unfinished);
        int started = dispatch(store.findUnfinished(link.name()));
        if (planned > 0 || started > 0) {
            LOG.info("link {} cycle: {} job(s) planned, {} started, {} running", link.name(), planned, started,
                    running.size());
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

    /** Stops claiming jobs (a stopping process); jobs already running go on. */
    public void stopClaiming() {
        stopped = true;
    }

    /** Jobs this cycle's process is running now. */
    public int runningJobs() {
        return running.size();
    }

    /**
     * True when every captured event is planned and no job of the link is unfinished. BLOCKED jobs are settled, not
     * unfinished: they wait for an operator, not for the scheduler, so they do not keep the link from draining.
     */
    public boolean isDrained() {
        return store.plannerCursor(link.name()) >= eventLog.latestId(link.source())
                && store.findUnfinished(link.name()).isEmpty();
    }

    private int planNewEvents() {
        long cursor = store.plannerCursor(link.name());
        EventBatch batch = eventLog.read(link.source(), cursor, eventBatchSize);
        if (batch.scannedThroughId() == cursor) {
            return 0;
        }
        List<NewJob> jobs = new ArrayList<>();
        batch.events().forEach(event -> jobs.addAll(planner.plan(event)));
        store.createJobs(link.name(), cursor, batch.scannedThroughId(), jobs);
        if (!batch.events().isEmpty()) {
            LOG.info("link {} planned {} event(s) up to id {} into {} job(s)", link.name(), batch.events().size(),
                    batch.scannedThroughId(), jobs.size());
        }
        return jobs.size();
    }

    private void promoteDueRetries(List<ReplicationJob> unfinished) {
        long now = clock.millis();
        unfinished.stream().filter(job -> retrySchedule.isDue(job, now)).forEach(job ->
                transitionQuietly(JobTransitionRequest.of(job, JobState.PENDING, "retry after backoff")));
    }

    private int dispatch(List<ReplicationJob> unfinished) {
        int started = 0;
        if (!gate.allowsDispatch(link.name())) {
            return started;
        }
        for (ReplicationJob job : JobDag.runnable(unfinished)) {
            if (stopped) {
                return started;
            }
            if (running.add(job.id())) {
                try {
                    workers.execute(() -> runTracked(job));
                    started++;
                } catch (RejectedExecutionException shuttingDown) {
                    running.remove(job.id());
                    return started;
                }
            }
        }
        return started;
    }

    private void runTracked(ReplicationJob job) {
        try {
            runner.run(job);
        } finally {
            running.remove(job.id());
        }
        dispatchJobsItUnblocked(job);
    }

    /** Starts the jobs that waited for {@code finished} now, instead of at the next cycle: lag is the product. */
    private void dispatchJobsItUnblocked(ReplicationJob finished) {
        try {
            dispatch(store.findUnfinished(link.name()));
        } catch (RuntimeException e) {
            LOG.debug("link {} dispatch after job {} failed; the next cycle dispatches: {}", link.name(),
                    finished.id(), e.getMessage());
        }
    }

    private void transitionQuietly(JobTransitionRequest request) {
        try {
            store.transition(request);
        } catch (StaleJobVersionException stale) {
            LOG.debug("job {} changed meanwhile: {}", request.jobId(), stale.getMessage());
        }
    }
}
