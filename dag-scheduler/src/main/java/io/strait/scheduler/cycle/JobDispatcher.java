package io.strait.scheduler.cycle;

import io.strait.common.job.ClaimUnits;
import io.strait.common.job.JobClaim;
import io.strait.common.job.JobStore;
import io.strait.common.job.ReplicationJob;
import io.strait.scheduler.run.JobRunner;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's claimer: when it has free job workers it claims runnable jobs of the links it serves from the state
 * store ({@link JobStore#claim}: DAG of object locks, earliest deadline first across links, table concurrency) and
 * runs them. Every process of a cluster claims this way, so one link's jobs spread over all of them; planning a
 * link's events stays with its cycle (one process at a time, by Quartz).
 *
 * <p>It claims at every cycle, whenever one of its jobs finishes (so the jobs that waited for it start at once), and
 * on demand. One claim at a time per process (a request made during a claim is served by the claimer, never waited
 * for); it never claims more jobs than it has free workers, so a claimed job never waits in a local queue while
 * another process is idle.
 */
public final class JobDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(JobDispatcher.class);

    private final JobStore store;
    private final Map<String, JobRunner> runners;
    private final ExecutorService workers;
    private final Semaphore freeWorkers;
    private final int tableConcurrency;
    private final int partitionBatch;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final ReentrantLock claiming = new ReentrantLock();
    private final AtomicBoolean claimRequested = new AtomicBoolean();
    private volatile DispatchGate gate = DispatchGate.OPEN;
    private volatile boolean stopped;

    /**
     * @param runners the runner of each link this process serves, by link name
     * @param workers the job worker pool, of {@code workerCount} threads
     * @param tableConcurrency jobs of one table in flight at once, cluster-wide
     */
    public JobDispatcher(JobStore store, Map<String, JobRunner> runners, ExecutorService workers, int workerCount,
            int tableConcurrency) {
        this(store, runners, workers, workerCount, tableConcurrency, 1);
    }

    /**
     * As above; a worker takes up to {@code partitionBatch} partition jobs of one table at once and runs them as
     * one batch ({@link ClaimUnits}, {@link JobRunner#runBatch}).
     */
    public JobDispatcher(JobStore store, Map<String, JobRunner> runners, ExecutorService workers, int workerCount,
            int tableConcurrency, int partitionBatch) {
        if (partitionBatch < 1) {
            throw new IllegalArgumentException("partitionBatch must be at least 1, not " + partitionBatch);
        }
        this.partitionBatch = partitionBatch;
        this.store = Objects.requireNonNull(store, "store");
        this.runners = Map.copyOf(runners);
        this.workers = Objects.requireNonNull(workers, "workers");
        this.freeWorkers = new Semaphore(workerCount);
        this.tableConcurrency = tableConcurrency;
    }

    /** Asks {@code dispatchGate} before every claim (operator pause); returns this dispatcher. */
    public JobDispatcher gatedBy(DispatchGate dispatchGate) {
        this.gate = Objects.requireNonNull(dispatchGate, "dispatchGate");
        return this;
    }

    /**
     * Claims as many runnable jobs as there are free workers and starts them. Returns how many it started. A caller
     * that finds a claim under way does not wait for it: it leaves a request that the running claimer serves with one
     * more claim before it stops, so no worker that just finished a job blocks here and no request is lost.
     */
    public int dispatch() {
        claimRequested.set(true);
        int started = 0;
        while (claimRequested.get() && claiming.tryLock()) {
            try {
                while (claimRequested.getAndSet(false)) {
                    started += claimOnce();
                }
            } finally {
                claiming.unlock();
            }
        }
        return started;
    }

    private int claimOnce() {
        if (stopped) {
            return 0;
        }
        int free = freeWorkers.availablePermits();
        if (free == 0) {
            return 0;
        }
        Set<String> links = new TreeSet<>();
        runners.keySet().stream().filter(gate::allowsDispatch).forEach(links::add);
        if (links.isEmpty()) {
            return 0;
        }
        List<ReplicationJob> claimed = store.claim(new JobClaim(links, free, tableConcurrency, partitionBatch));
        int started = 0;
        for (List<ReplicationJob> unit : ClaimUnits.of(claimed, partitionBatch)) {
            if (start(unit)) {
                started += unit.size();
            }
        }
        return started;
    }

    /** One worker for the unit: a job alone, or a batch of partition jobs of one table. */
    private boolean start(List<ReplicationJob> unit) {
        freeWorkers.acquireUninterruptibly();
        unit.forEach(job -> running.add(job.id()));
        try {
            workers.execute(() -> run(unit));
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            // the pool is stopping: the claimed jobs' leases are given back with the others (releaseLeases)
            unit.forEach(job -> running.remove(job.id()));
            freeWorkers.release();
            return false;
        }
    }

    private void run(List<ReplicationJob> unit) {
        try {
            JobRunner runner = runners.get(unit.get(0).link());
            if (unit.size() == 1) {
                runner.run(unit.get(0));
            } else {
                runner.runBatch(unit);
            }
        } finally {
            unit.forEach(job -> running.remove(job.id()));
            freeWorkers.release();
        }
        dispatchAfter(unit.get(0));
    }

    /** Starts the jobs that waited for {@code finished} now, instead of at the next cycle: lag is the product. */
    private void dispatchAfter(ReplicationJob finished) {
        try {
            dispatch();
        } catch (RuntimeException e) {
            LOG.debug("claim after job {} failed; the next cycle claims: {}", finished.id(), e.getMessage());
        }
    }

    /**
     * Claims every {@code interval} from now on, on a thread of its own: this process takes its share of every
     * link's jobs even where another process runs the link's cycle. Closing the returned handle stops the timer.
     */
    public AutoCloseable claimEvery(java.time.Duration interval) {
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "strait-job-claims");
                    thread.setDaemon(true);
                    return thread;
                });
        timer.scheduleWithFixedDelay(() -> {
            try {
                dispatch();
            } catch (RuntimeException e) {
                LOG.warn("could not claim jobs; retrying in {}: {}", interval, e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    /** Stops claiming (a stopping process); running jobs go on. */
    public void stop() {
        stopped = true;
    }

    /** Jobs this process is running now. */
    public int runningJobs() {
        return running.size();
    }

    /** The links this dispatcher claims for. */
    public Set<String> links() {
        return runners.keySet();
    }
}
