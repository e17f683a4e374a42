package io.strait.ops.runtime;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.common.report.ReportQueries;
import io.strait.scheduler.cycle.ReplicationCycle;
import io.strait.scheduler.cycle.RetrySchedule;
import io.strait.ops.repair.ScheduledReconcile;
import io.strait.scheduler.quartz.CycleScheduler;
import io.strait.scheduler.quartz.PeriodicTask;
import io.strait.scheduler.quartz.QuartzSettings;
import io.strait.scheduler.run.JobRunner;
import io.strait.scheduler.run.LinkRuntime;
import io.strait.scheduler.shard.CopySharder;
import io.strait.sql.StateStore;
import io.strait.sql.event.JdbcEventLog;
import io.strait.sql.job.JdbcJobStore;
import io.strait.sql.report.JdbcReportQueries;
import io.strait.sql.watermark.JdbcTableWatermarks;
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
        Deque<AutoCloseable> closeables = new ArrayDeque<>();
        try {
            StateStore store = StateStore.open(config.store().jdbcUrl(), config.store().user(),
                    config.store().password(), config.store().poolSize());
            closeables.push(store);
            store.migrate();
            Map<String, RegionClients> regions = connectRegions(config, closeables);
            ExecutorService workers = Executors.newFixedThreadPool(config.scheduler().jobWorkers(),
                    runnable -> daemon(runnable, "strait-job-worker"));
            List<ReplicationCycle> cycles = buildCycles(config, store, regions, workers, clock, closeables);
            closeables.push(() -> shutdown(workers));
            List<PeriodicTask> tasks = ScheduledReconcile.of(config, store.dataSource(), link -> List.of(
                    regions.get(link.source().name()), regions.get(link.target().name())), clock);
            CycleScheduler scheduler = new CycleScheduler(new QuartzSettings(schedulerName, config.store().jdbcUrl(),
                    config.store().user(), config.store().password(), QUARTZ_THREADS_FOR_CYCLES + tasks.size()),
                    cycles, config.scheduler().cycleInterval(), tasks);
            closeables.push(scheduler);
            return new StraitRuntime(config, store, regions, cycles, workers, scheduler, closeables);
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

    private static List<ReplicationCycle> buildCycles(StraitConfig config, StateStore store,
            Map<String, RegionClients> regions, ExecutorService workers, Clock clock, Deque<AutoCloseable> closeables) {
        JdbcEventLog eventLog = new JdbcEventLog(store.dataSource(), clock);
        JdbcJobStore jobStore = new JdbcJobStore(store.dataSource(), clock);
        CopySharder sharder = new CopySharder(config.copy().taskTargetBytes().bytes(), config.copy().taskMaxFiles());
        List<ReplicationCycle> cycles = new ArrayList<>();
        for (LinkConfig link : config.links()) {
            InProcessCopyExecutor copyExecutor = new InProcessCopyExecutor(
                    regions.get(link.source().name()).fileSystem(), regions.get(link.target().name()).fileSystem(),
                    config.copy().parallelism());
            closeables.push(copyExecutor);
            LinkRuntime linkRuntime = LinkAssembly.assemble(config, link, regions, copyExecutor);
            JobRunner runner = new JobRunner(linkRuntime, jobStore, new JdbcTableWatermarks(store.dataSource()), sharder,
                    config.scheduler().maxAttempts(), clock);
            cycles.add(new ReplicationCycle(linkRuntime, eventLog, jobStore, runner, workers,
                    new RetrySchedule(config.scheduler().retryBackoff()), config.scheduler().eventBatchSize(), clock));
        }
        return cycles;
    }

    /** Starts the replication cycles (after recovering jobs a previous process left unfinished). */
    public void start() {
        scheduler.start();
        LOG.info("replication started for links {}", config.links().stream().map(LinkConfig::name).toList());
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

    private static void shutdown(ExecutorService workers) throws InterruptedException {
        workers.shutdown();
        if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
