package io.strait.ops.runtime;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.common.report.ReportQueries;
import io.strait.scheduler.cycle.JobDispatcher;
import io.strait.scheduler.cycle.LeaseHeartbeat;
import io.strait.scheduler.cycle.ReplicationCycle;
import io.strait.scheduler.cycle.RetrySchedule;
import io.strait.ops.repair.ScheduledReconcile;
import io.strait.scheduler.quartz.CycleScheduler;
import io.strait.scheduler.quartz.PeriodicTask;
import io.strait.scheduler.quartz.QuartzSettings;
import io.strait.scheduler.run.GroupedTransitions;
import io.strait.scheduler.run.JobRunner;
import io.strait.scheduler.run.TableTurns;
import io.strait.scheduler.run.LinkRuntime;
import io.strait.scheduler.shard.CopySharder;
import io.strait.sql.StateStore;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.job.LeaseOwners;
import io.strait.sql.report.JdbcReportQueries;
import io.strait.sync.InProcessCopyExecutor;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Strait replication process: the state store (migrated), each region's clients, each link's cycle, and
 * Quartz driving the cycles. Everything it opens it closes, in reverse order.
 */
public final class StraitRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StraitRuntime.class);
    /**
     * Quartz threads for the replication cycles (short runs); each periodic task (a scheduled reconcile may scan
     * for long) gets a thread of its own on top, so that it never delays a cycle.
     */
    private static final int QUARTZ_THREADS_FOR_CYCLES = 2;

    private final StraitConfig config;
    private final StateStore store;
    private final Map<String, RegionClients> regions;
    private final List<ReplicationCycle> cycles;
    private final ExecutorService jobWorkers;
    private final CycleScheduler scheduler;
    private final Deque<AutoCloseable> closeables;
    private JdbcJobStore jobStore;
    private LeaseHeartbeat heartbeat;
    private io.strait.ops.alerts.AlertDispatcher alertDispatcher;

    private StraitRuntime(StraitConfig config, StateStore store, Map<String, RegionClients> regions,
            List<ReplicationCycle> cycles, ExecutorService jobWorkers, CycleScheduler scheduler,
            Deque<AutoCloseable> closeables) {
        this.config = config;
        this.store = store;
        this.regions = regions;
        this.cycles = cycles;
        this.jobWorkers = jobWorkers;
        this.scheduler = scheduler;
        this.closeables = closeables;
    }

    /** Opens the state store (applying migrations), connects every region and builds every link's cycle. */
    public static StraitRuntime open(StraitConfig config, String schedulerName, Clock clock) {
        return open(config, schedulerName, clock, StateStore::migrate);
    }

    /**
     * Opens the state store, prepares its schema with {@code schema} (e.g. {@link StateStore#migrate()}, or a check
     * that it is current for a user without DDL privileges), connects every region and builds every link's cycle.
     */
    public static StraitRuntime open(StraitConfig config, String schedulerName, Clock clock,
            java.util.function.Consumer<StateStore> schema) {
        Deque<AutoCloseable> closeables = new ArrayDeque<>();
        try {
            StateStore store = StateStore.open(config.store().connectionUrl(), config.store().user(),
                    config.store().password(), config.store().poolSize());
            closeables.push(store);
            schema.accept(store);
            Map<String, RegionClients> regions = connectRegions(config, closeables);
            ExecutorService workers = Executors.newFixedThreadPool(config.scheduler().jobWorkers(),
                    runnable -> daemon(runnable, "strait-job-worker"));
            JdbcJobStore jobStore = new JdbcJobStore(store.dataSource(), clock, LeaseOwners.newOwner(),
                    config.scheduler().lease(), config.jobDeadlines(), commitReserve(config));
            List<ReplicationCycle> cycles = buildCycles(config, store, jobStore, regions, workers, clock, closeables);
            LeaseHeartbeat heartbeat = new LeaseHeartbeat(jobStore, cycles, config.scheduler().lease());
            // closed after the workers: leases are renewed while running jobs finish, then the rest given back
            closeables.push(() -> releaseLeases(jobStore, heartbeat));
            closeables.push(() -> shutdown(cycles, workers, config.scheduler().shutdownGrace()));
            List<PeriodicTask> tasks = new ArrayList<>(ScheduledReconcile.of(config, store.dataSource(),
                    link -> List.of(regions.get(link.source().name()), regions.get(link.target().name())), clock));
            tasks.addAll(io.strait.ops.repair.LostEventRepair.of(config, store.dataSource(),
                    link -> List.of(regions.get(link.source().name()), regions.get(link.target().name())), clock));
            tasks.addAll(io.strait.ops.capture.NotificationCrossCheckTask.of(config, store.dataSource(),
                    region -> regions.get(region.name()), clock));
            tasks.add(new io.strait.ops.housekeeping.StateStoreHousekeeping(config, store.dataSource(), clock));
            tasks.add(new io.strait.ops.housekeeping.VersionFolderHousekeeping(config, store.dataSource(),
                    region -> new io.strait.ops.housekeeping.VersionFolderHousekeeping.Region(
                            regions.get(region.name()).metastore(), regions.get(region.name()).fileSystem()), clock));
            tasks.add(io.strait.ops.alerts.SlaAlerts.task(config, store.dataSource(), clock));
            io.strait.ops.alerts.AlertDispatcher alertDispatcher = io.strait.ops.alerts.SlaAlerts.dispatcher(config,
                    store.dataSource(), jobStore.leaseOwner(), clock);
            closeables.push(alertDispatcher);
            CycleScheduler scheduler = new CycleScheduler(new QuartzSettings(schedulerName, config.store().connectionUrl(),
                    config.store().user(), config.store().password(), QUARTZ_THREADS_FOR_CYCLES + tasks.size()),
                    cycles, config.scheduler().cycleInterval(), tasks);
            closeables.push(scheduler);
            if (config.http().enabled()) {
                closeables.push(io.strait.ops.web.DashboardServer.start(config, config.http().address(),
                        config.http().port(), store.dataSource(), clock, io.strait.ops.web.HealthProbes.all(config,
                                store.dataSource(), schedulerName, clock)));
            }
            StraitRuntime runtime = new StraitRuntime(config, store, regions, cycles, workers, scheduler, closeables);
            runtime.jobStore = jobStore;
            runtime.heartbeat = heartbeat;
            runtime.alertDispatcher = alertDispatcher;
            return runtime;
        } catch (RuntimeException e) {
            closeAll(closeables);
            throw e;
        }
    }

    private static Map<String, RegionClients> connectRegions(StraitConfig config, Deque<AutoCloseable> closeables) {
        Map<String, RegionClients> regions = new LinkedHashMap<>();
        for (RegionConfig region : config.regions().values()) {
            RegionClients clients = RegionClients.connect(region);
            closeables.push(clients);
            regions.put(region.name().name(), clients);
        }
        return regions;
    }

    private static List<ReplicationCycle> buildCycles(StraitConfig config, StateStore store, JdbcJobStore jobStore,
            Map<String, RegionClients> regions, ExecutorService workers, Clock clock, Deque<AutoCloseable> closeables) {
        JdbcEventLog eventLog = new JdbcEventLog(store.dataSource(), clock);
        CopySharder sharder = new CopySharder(config.copy().taskTargetBytes().bytes(), config.copy().taskMaxFiles());
        Map<String, LinkRuntime> links = new LinkedHashMap<>();
        Map<String, JobRunner> runners = new LinkedHashMap<>();
        TableTurns tableCommits = new TableTurns();
        GroupedTransitions moves = new GroupedTransitions(jobStore);
        io.strait.spark.SparkEngineOnDemand spark = SparkCopies.engine(config);
        closeables.push(spark);
        for (LinkConfig link : config.links()) {
            InProcessCopyExecutor copyExecutor = new InProcessCopyExecutor(
                    regions.get(link.source().name()).fileSystem(), regions.get(link.target().name()).fileSystem(),
                    config.copy().parallelism(), io.strait.sync.CopyBandwidth.of(link.bandwidth()),
                    io.strait.sync.VerifyingFileCopier.DEFAULT_BUFFER_BYTES, new io.strait.sync.CopyRanges(
                            config.copy().rangeThreshold().bytes(), config.copy().rangeSize().bytes()));
            closeables.push(copyExecutor);
            LinkRuntime linkRuntime = LinkAssembly.assemble(config, link, regions,
                    SparkCopies.route(config, link, copyExecutor, spark));
            links.put(link.name(), linkRuntime);
            runners.put(link.name(), new JobRunner(linkRuntime, jobStore,
                    sharder, config.scheduler().maxAttempts(), clock, JobRunner.DEFAULT_COMMIT_RETRIES,
                    tableCommits, moves));
        }
        JobDispatcher dispatcher = new JobDispatcher(jobStore, runners, workers, config.scheduler().jobWorkers(),
                config.scheduler().tableConcurrency(), config.scheduler().partitionBatch())
                .gatedBy(io.strait.ops.control.LinkPauses.gate(store.dataSource()));
        List<ReplicationCycle> cycles = new ArrayList<>();
        for (LinkRuntime link : links.values()) {
            cycles.add(new ReplicationCycle(link, eventLog, jobStore, dispatcher,
                    new RetrySchedule(config.scheduler().retryBackoff(), config.scheduler().retryBackoffMax()),
                    config.scheduler().eventBatchSize(), clock));
        }
        closeables.push(dispatcher.claimEvery(config.scheduler().cycleInterval()));
        return cycles;
    }

    /** Starts the replication cycles (after recovering jobs a previous process left unfinished). */
    public void start() {
        heartbeat.start();
        scheduler.start();
        alertDispatcher.start();
        LOG.info("replication started for links {} as lease holder {} (lease {})",
                config.links().stream().map(LinkConfig::name).toList(), jobStore.leaseOwner(),
                config.scheduler().lease());
    }

    /** This process's name as a holder of job leases ({@code host:pid:uuid}). */
    public String leaseOwner() {
        return jobStore.leaseOwner();
    }

    /** The job store of this process's cycles (it holds this process's leases). */
    public JdbcJobStore jobStore() {
        return jobStore;
    }

    /**
     * A graceful stop of replication (SIGTERM), the state store left open: no more cycles and no more claims;
     * running jobs may finish within {@code scheduler.shutdown-grace}; the leases of those that did not are given
     * back (their jobs return to the queue). {@link #close()} afterwards closes the rest.
     */
    public void stopJobs() {
        try {
            scheduler.close();
        } catch (RuntimeException e) {
            LOG.warn("stopping: Quartz did not stop cleanly: {}", e.getMessage());
        }
        try {
            shutdown(cycles, jobWorkers, config.scheduler().shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        releaseLeases(jobStore, heartbeat);
    }

    public boolean isDrained() {
        return cycles.stream().allMatch(ReplicationCycle::isDrained);
    }

    public StraitConfig config() {
        return config;
    }

    public StateStore stateStore() {
        return store;
    }

    public RegionClients region(String name) {
        RegionClients clients = regions.get(name);
        if (clients == null) {
            throw new IllegalArgumentException("no region " + name);
        }
        return clients;
    }

    public ReportQueries reportQueries() {
        return new JdbcReportQueries(store.dataSource());
    }

    @Override
    public void close() {
        closeAll(closeables);
    }

    private static void closeAll(Deque<AutoCloseable> closeables) {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                LOG.warn("could not close a runtime resource cleanly: {}", e.getMessage());
            }
        }
    }

    /**
     * Stops claiming jobs and lets the running ones finish within {@code grace} (scheduler.shutdown-grace); jobs
     * still running after it are interrupted, and their leases are given back by {@link #releaseLeases}.
     */
    private static void shutdown(List<ReplicationCycle> cycles, ExecutorService workers, java.time.Duration grace)
            throws InterruptedException {
        cycles.forEach(ReplicationCycle::stopClaiming);
        workers.shutdown();
        int running = cycles.stream().mapToInt(ReplicationCycle::runningJobs).max().orElse(0); // one dispatcher serves them all
        if (running > 0) {
            LOG.info("stopping: waiting up to {} for {} running job(s)", grace, running);
        }
        if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("stopping: jobs still running after the grace period of {}; giving their leases back", grace);
            workers.shutdownNow();
        }
    }

    /** Gives back the leases of jobs that did not finish (back to the queue, for any process), then stops the heartbeat. */
    private static void releaseLeases(JdbcJobStore jobStore, LeaseHeartbeat heartbeat) {
        heartbeat.close();
        int released = jobStore.releaseLeases("process stopping");
        if (released > 0) {
            LOG.warn("stopping: gave back the leases of {} unfinished job(s); another process (or the next start)"
                    + " runs them", released);
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * How long a lease confirmed for a metastore commit stays valid at least: the longest one metastore call may take
     * in any region (its client socket timeout) and a margin, so that no process takes a job over while its commit
     * may still be in flight.
     */
    static java.time.Duration commitReserve(StraitConfig config) {
        return config.regions().values().stream().map(region -> region.metastoreClient().socketTimeout())
                .max(java.time.Duration::compareTo).orElse(java.time.Duration.ZERO)
                .plus(COMMIT_RESERVE_MARGIN);
    }

    private static final java.time.Duration COMMIT_RESERVE_MARGIN = java.time.Duration.ofSeconds(10);
}
