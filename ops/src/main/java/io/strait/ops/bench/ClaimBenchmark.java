package io.strait.ops.bench;

import io.strait.common.job.ChainOutcome;
import io.strait.common.job.ClaimUnits;
import io.strait.common.job.JobClaim;
import io.strait.common.job.JobDeadlines;
import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.sql.StateStore;
import io.strait.scheduler.run.GroupedTransitions;
import io.strait.sql.job.JdbcJobStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The control plane's own cost on the state store, apart from any metastore or filesystem: metadata-only jobs are
 * created the way the planner creates them (a batch per transaction, cursor moved with it), then claimed and finished
 * (the claim, then the commit with the success in one write: two state-store writes per job) by 1, 2 and 4 claimers at once — each with its own
 * connection pool, lease identity and job workers, as separate {@code strait run} processes have; the workers of one
 * claimer write their commits each alone, or grouped ({@link GroupedTransitions}), or each worker takes a batch of
 * partition jobs of one table ({@code scheduler.partition-batch}: {@link ClaimUnits}) and writes their commits
 * together, as {@code strait run}'s workers do. The baseline, run in the same
 * run on the same store, is the bare compare-and-set path: the same jobs moved PENDING → PLANNED, then COMMITTED →
 * SUCCEEDED by id, with no claim (no DAG check, no locking read, no deadline order).
 */
public final class ClaimBenchmark {
    /**
     * One measured phase; {@code transactions}: the state-store transactions that moved its jobs (claims that took
     * jobs, and commit writes), or 0 when not counted.
     */
    public record Phase(String name, int jobs, long nanos, long transactions) {
        public Phase(String name, int jobs, long nanos) {
            this(name, jobs, nanos, 0);
        }

        public double perSecond() {
            return jobs / (nanos / 1e9);
        }
    }

    private static final int CREATE_BATCH = 1_000;
    private static final int TABLES = 50;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final int jobs;
    private final int claimBatch;
    private final int baselineJobs;
    private final Consumer<String> progress;
    private boolean planWhileRunning;
    private int partitionBatch = io.strait.common.config.StraitConfig.SchedulerConfig.DEFAULT_PARTITION_BATCH;

    public ClaimBenchmark(String jdbcUrl, String user, String password, int jobs, int claimBatch,
            int baselineJobs, Consumer<String> progress) {
        this.baselineJobs = baselineJobs;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.jobs = jobs;
        this.claimBatch = claimBatch;
        this.progress = progress;
    }

    /**
     * Also measures, per claimer count, planning and running at once ({@link CommitMode#BATCHED}): the jobs created
     * by a planner while the claimers run them; returns this benchmark.
     */
    public ClaimBenchmark planWhileRunning(boolean enabled) {
        this.planWhileRunning = enabled;
        return this;
    }

    /**
     * Partition jobs of one table a worker takes as one unit in {@link CommitMode#BATCHED} lifecycles (as
     * {@code scheduler.partition-batch}); returns this benchmark.
     */
    public ClaimBenchmark partitionBatch(int jobsPerUnit) {
        this.partitionBatch = jobsPerUnit;
        return this;
    }

    /** Runs every phase; returns them in order: create, baseline, then claims with 1, 2 and 4 claimers. */
    public List<Phase> run(List<Integer> claimerCounts) throws Exception {
        return run(claimerCounts, true);
    }

    /** As {@link #run(List)}; without {@code claimsOnly}, only whole lifecycles are measured after the baseline. */
    public List<Phase> run(List<Integer> claimerCounts, boolean claimsOnly) throws Exception {
        return run(claimerCounts, claimsOnly, List.of(CommitMode.values()));
    }

    /**
     * How the workers of one claimer write their jobs' commit and success: each in a transaction of its own, or
     * grouped with those of the other workers finishing at the same time ({@link GroupedTransitions}).
     */
    public enum CommitMode {
        ALONE("each commit alone"), GROUPED("commits grouped"), BATCHED("partition batches");

        private final String label;

        CommitMode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** As {@link #run(List, boolean)}, the lifecycles measured with each of {@code commitModes}. */
    public List<Phase> run(List<Integer> claimerCounts, boolean claimsOnly, List<CommitMode> commitModes)
            throws Exception {
        List<Phase> phases = new ArrayList<>();
        try (StateStore store = StateStore.open(jdbcUrl, user, password, 4)) {
            store.migrate();
            String baselineLink = "bench-cas-" + System.nanoTime();
            // the baseline moves the first baselineJobs of these jobs (its cost per job does not depend on the count)
            phases.add(create(store, baselineLink, jobs, "create " + jobs + " jobs (planner transactions of "
                    + CREATE_BATCH + ")"));
            phases.add(baseline(store, baselineLink));
            for (int claimers : claimsOnly ? claimerCounts : List.<Integer>of()) {
                String link = "bench-claims-" + claimers + "-" + System.nanoTime();
                create(store, link, jobs, "create");
                phases.add(claimAll(link, claimers, false));
            }
            for (int claimers : claimerCounts) {
                for (CommitMode mode : commitModes) {
                    String link = "bench-lifecycle-" + claimers + "-" + System.nanoTime();
                    create(store, link, jobs, "create");
                    phases.add(lifecycles(link, claimers, mode));
                }
                if (planWhileRunning) {
                    phases.add(lifecycles("bench-together-" + claimers + "-" + System.nanoTime(), claimers,
                            CommitMode.BATCHED, store));
                }
            }
        }
        return phases;
    }

    private Phase create(StateStore store, String link, int count, String name) {
        JdbcJobStore jobStore = new JdbcJobStore(store.dataSource(), Clock.systemUTC());
        long start = System.nanoTime();
        long cursor = 0;
        for (int from = 0; from < count; from += CREATE_BATCH) {
            List<NewJob> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + CREATE_BATCH); i++) {
                ObjectRef partition = new ObjectRef("bench", "t" + (i % TABLES), List.of("p" + i));
                batch.add(new NewJob(link, JobKind.SYNC_PARTITION, partition, i + 1L, System.currentTimeMillis()));
            }
            jobStore.createJobs(link, cursor, cursor + batch.size(), batch);
            cursor += batch.size();
        }
        progress.accept(String.format("created %d jobs of link %s", count, link));
        return new Phase(name, count, System.nanoTime() - start);
    }

    private Phase baseline(StateStore store, String link) {
        JdbcJobStore jobStore = new JdbcJobStore(store.dataSource(), Clock.systemUTC());
        long start = System.nanoTime();
        List<ReplicationJob> pending = jobStore.findUnfinished(link).stream().limit(baselineJobs).toList();
        for (ReplicationJob job : pending) {
            ReplicationJob planned = jobStore.transition(JobTransitionRequest.of(job, JobState.PLANNED, "baseline"));
            finish(jobStore, planned);
        }
        return new Phase("baseline: compare-and-set by id, 1 thread", pending.size(), System.nanoTime() - start);
    }

    /**
     * Claims every job of {@code link} with {@code claimers} at once; with {@code finish}, each claimed job is also
     * committed and succeeded (a metadata-only job's whole life), else it stays claimed (claims alone, no table
     * concurrency limit).
     */
    private Phase claimAll(String link, int claimers, boolean finish) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(claimers);
        List<StateStore> pools = new ArrayList<>();
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<Future<Integer>> shares = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < claimers; c++) {
                StateStore pool = StateStore.open(jdbcUrl, user, password, 2);
                pools.add(pool);
                JdbcJobStore process = new JdbcJobStore(pool.dataSource(), Clock.systemUTC(),
                        "bench-claimer-" + c, Duration.ofMinutes(5), JobDeadlines.DEFAULT);
                shares.add(threads.submit(() -> drain(process, link, failed, finish)));
            }
            int claimed = 0;
            List<Integer> perClaimer = new ArrayList<>();
            for (Future<Integer> share : shares) {
                int count = share.get();
                perClaimer.add(count);
                claimed += count;
            }
            long nanos = System.nanoTime() - start;
            progress.accept(String.format("%d claimer(s): jobs per claimer %s", claimers, perClaimer));
            return new Phase((finish ? "claim + commit + succeed, " : "claims only, ") + claimers + " claimer(s)",
                    claimed, nanos);
        } finally {
            threads.shutdownNow();
            pools.forEach(StateStore::close);
        }
    }

    /**
     * Claims and finishes every job of {@code link} with {@code claimers} processes at once, each with
     * {@code claimBatch} job workers: a process claims as many jobs as it has free workers (at most 4 of one table in
     * flight), its workers commit and succeed them ({@code mode}), and each finished job frees its worker for the next
     * claim, as {@code strait run}'s dispatcher does.
     */
    private Phase lifecycles(String link, int claimers, CommitMode mode) throws Exception {
        return lifecycles(link, claimers, mode, null);
    }

    /**
     * As {@link #lifecycles(String, int, CommitMode)}, while {@code planner} (when not null) creates the link's jobs
     * at the same time, as a link's cycle plans events while every process runs the jobs planned before: the phase
     * ends when the planner is done and every job has succeeded.
     */
    private Phase lifecycles(String link, int claimers, CommitMode mode, StateStore planner) throws Exception {
        ExecutorService dispatchers = Executors.newFixedThreadPool(claimers);
        List<ExecutorService> workerPools = new ArrayList<>();
        List<StateStore> pools = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<GroupedTransitions> groups = new ArrayList<>();
        AtomicLong claims = new AtomicLong();
        AtomicBoolean planned = new AtomicBoolean(planner == null);
        try {
            List<Future<Integer>> shares = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < claimers; c++) {
                // a connection per worker, one for the claims and a spare: the pool never makes a worker wait
                StateStore pool = StateStore.open(jdbcUrl, user, password, claimBatch + 2);
                pools.add(pool);
                JdbcJobStore process = new JdbcJobStore(pool.dataSource(), Clock.systemUTC(),
                        "bench-claimer-" + c, Duration.ofMinutes(5), JobDeadlines.DEFAULT);
                ExecutorService workers = Executors.newFixedThreadPool(claimBatch);
                workerPools.add(workers);
                GroupedTransitions grouped = new GroupedTransitions(process);
                groups.add(grouped);
                shares.add(dispatchers.submit(() -> dispatch(process, grouped, mode, workers, link, failure,
                        claims, planned)));
            }
            if (planner != null) {
                create(planner, link, jobs, "create");
            }
            planned.set(true);
            int finished = 0;
            List<Integer> perClaimer = new ArrayList<>();
            for (Future<Integer> share : shares) {
                int count = share.get();
                perClaimer.add(count);
                finished += count;
            }
            long nanos = System.nanoTime() - start;
            if (failure.get() != null) {
                throw new IllegalStateException("a job's commit failed: " + failure.get(), failure.get());
            }
            progress.accept(String.format("%d claimer(s), %s: jobs per claimer %s", claimers, mode.label(),
                    perClaimer));
            long commits = mode != CommitMode.ALONE ? groups.stream().mapToLong(GroupedTransitions::writes).sum()
                    : finished;
            String label = mode == CommitMode.BATCHED ? mode.label() + " of " + partitionBatch : mode.label();
            return new Phase((planner != null ? "plan and run together, " : "claim + commit + succeed, ") + claimers
                    + " claimer(s), " + label, finished, nanos, claims.get() + commits);
        } finally {
            dispatchers.shutdownNow();
            workerPools.forEach(ExecutorService::shutdownNow);
            pools.forEach(StateStore::close);
        }
    }

    /** One process's dispatcher: claims for its free workers until the link has nothing left to run. */
    private int dispatch(JdbcJobStore process, GroupedTransitions grouped, CommitMode mode, ExecutorService workers,
            String link, AtomicReference<Throwable> failure, AtomicLong claims, AtomicBoolean planned)
            throws InterruptedException {
        Semaphore free = new Semaphore(claimBatch);
        AtomicInteger finished = new AtomicInteger();
        int batch = mode == CommitMode.BATCHED ? partitionBatch : 1;
        int tableConcurrency = mode == CommitMode.BATCHED ? 4 * partitionBatch : 4;
        while (failure.get() == null) {
            free.acquire();
            int wanted = 1 + free.drainPermits();
            List<ReplicationJob> claimed = process.claim(new JobClaim(Set.of(link), wanted, tableConcurrency,
                    batch));
            List<List<ReplicationJob>> units = ClaimUnits.of(claimed, batch);
            free.release(wanted - units.size());
            if (!claimed.isEmpty()) {
                claims.incrementAndGet();
            }
            if (claimed.isEmpty()) {
                if (planned.get() && free.availablePermits() == claimBatch && !process.hasUnfinished(link)) {
                    break;
                }
                Thread.sleep(1); // the others' jobs in flight hold back the rest: claim again shortly
                continue;
            }
            for (List<ReplicationJob> unit : units) {
                workers.execute(() -> {
                    try {
                        List<List<JobTransitionRequest>> chains = new ArrayList<>();
                        for (ReplicationJob job : unit) {
                            JobTransitionRequest committed = JobTransitionRequest.of(job, JobState.COMMITTED,
                                    "metadata only").withCommittedAt(System.currentTimeMillis());
                            chains.add(List.of(committed, committed.then(JobState.SUCCEEDED, "done")));
                        }
                        switch (mode) {
                            case BATCHED -> grouped.transitionsEach(chains).forEach(ChainOutcome::orThrow);
                            case GROUPED -> grouped.transitions(chains.get(0));
                            case ALONE -> process.transitions(chains.get(0));
                        }
                        finished.addAndGet(unit.size());
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        free.release();
                    }
                });
            }
        }
        free.acquire(claimBatch);
        return finished.get();
    }

    private int drain(JdbcJobStore process, String link, AtomicBoolean failed, boolean finish) {
        int done = 0;
        int idle = 0;
        while (!failed.get() && idle < 200) {
            List<ReplicationJob> claimed = process.claim(new JobClaim(Set.of(link), claimBatch,
                    finish ? 4 : Integer.MAX_VALUE));
            if (claimed.isEmpty()) {
                if (!(finish ? process.hasUnfinished(link) : hasPending(process, link))) {
                    break;
                }
                idle++;
                Thread.onSpinWait();
                continue;
            }
            idle = 0;
            for (ReplicationJob job : claimed) {
                if (finish) {
                    finish(process, job);
                }
                done++;
            }
        }
        return done;
    }

    private static boolean hasPending(JdbcJobStore store, String link) {
        return store.findUnfinished(link).stream().anyMatch(job -> job.state() == JobState.PENDING);
    }

    private static void finish(JdbcJobStore store, ReplicationJob planned) {
        // as the job runner records a commit: COMMITTED and SUCCEEDED (with the freshness) in one transaction
        JobTransitionRequest committed = JobTransitionRequest.of(planned, JobState.COMMITTED, "metadata only")
                .withCommittedAt(System.currentTimeMillis());
        store.transitions(List.of(committed, committed.then(JobState.SUCCEEDED, "done")));
    }
}
