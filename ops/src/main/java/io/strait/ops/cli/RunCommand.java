package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.job.JobState;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.sql.job.JdbcJobStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs replication: every link's cycle on Quartz (clustered through the state store) until"
                + " stopped with SIGTERM or Ctrl-C; or, with --until-drained, as a batch job that exits once every"
                + " captured event is replicated (exit 1 while a FAILED or UNVERIFIABLE job of a link is unresolved"
                + " — not retried, cancelled or superseded by a later success of its object —, 2 if it did not drain"
                + " in time). On SIGTERM it stops claiming jobs, lets running ones finish within"
                + " scheduler.shutdown-grace, gives back the leases of the rest, and exits 0, or 1 as above."
                + " Tables Strait cannot replicate faithfully (ACID tables, materialized views, non-native tables)"
                + " end BLOCKED: listed one line per table, they do not fail the run.")
final class RunCommand implements Callable<Integer> {
    private static final long POLL_MILLIS = 250;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--scheduler-name", defaultValue = "strait",
            description = "Quartz scheduler name; processes sharing it and the state store form one cluster")
    String schedulerName;

    @Option(names = "--until-drained", description = "Exit once every captured event is replicated")
    boolean untilDrained;

    @Option(names = "--timeout", defaultValue = "3600", description = "With --until-drained: seconds to wait"
            + " (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(names = "--no-migrate", description = "Do not apply pending state store migrations: refuse to start,"
            + " naming strait migrate, when the schema is behind (for a user without DDL privileges)")
    boolean noMigrate;

    /** Counted down by SIGTERM / SIGINT (or, where signals cannot be handled, by the shutdown hook). */
    private final CountDownLatch terminated = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        ArgumentChecks.requireAtLeast(spec, "--timeout", timeoutSeconds, 1);
        StraitConfig loaded = config.load();
        io.strait.common.config.LinkRoots.unmapped(loaded, config.file.toString()).forEach(warning ->
                spec.commandLine().getErr().println("strait run: warning: " + warning));
        StraitRuntime runtime = noMigrate
                ? StraitRuntime.open(loaded, schedulerName, Clock.systemUTC(),
                        store -> store.requireCurrentSchema(StoreOption.migrateCommand(config.file)))
                : StraitRuntime.open(loaded, schedulerName, Clock.systemUTC());
        java.util.Optional<AutoCloseable> signals = TerminationSignals.onTermination(terminated::countDown);
        try {
            return run(loaded, runtime, signals.isPresent());
        } finally {
            if (signals.isPresent()) {
                signals.get().close();
            }
        }
    }

    private int run(StraitConfig loaded, StraitRuntime runtime, boolean signalsHandled) throws InterruptedException {
        if (!signalsHandled) {
            // no signal handling in this JVM: the hook still stops gracefully, but the exit code is the signal's
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                terminated.countDown();
                runtime.stopJobs();
            }, "strait-shutdown"));
        }
        if (untilDrained) {
            try (runtime) {
                return runAsBatch(runtime);
            }
        }
        try (runtime) {
            runtime.start();
            spec.commandLine().getOut().println("strait run: replicating " + loaded.links().size()
                    + " link(s); stop with SIGTERM");
            terminated.await();
            spec.commandLine().getOut().println("strait run: stopping (SIGTERM): no new jobs; running jobs get "
                    + loaded.scheduler().shutdownGrace() + " to finish");
            runtime.stopJobs();
        }
        return 0;
    }

    private int runAsBatch(StraitRuntime runtime) throws InterruptedException {
        long started = System.currentTimeMillis();
        runtime.start();
        long deadline = started + timeoutSeconds * 1000;
        terminated.await(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        boolean stoppedEarly = false;
        while (!runtime.isDrained()) {
            if (terminated.getCount() == 0) {
                spec.commandLine().getOut().println("strait run: stopping (SIGTERM) before draining: no new jobs;"
                        + " running jobs get " + runtime.config().scheduler().shutdownGrace() + " to finish");
                runtime.stopJobs();
                stoppedEarly = true;
                break;
            }
            if (System.currentTimeMillis() > deadline) {
                spec.commandLine().getErr().println("strait run: not drained after " + timeoutSeconds + " s");
                return 2;
            }
            terminated.await(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        List<ReplicationJob> failed = unresolvedFailures(runtime);
        PrintWriter out = spec.commandLine().getOut();
        failed.forEach(job -> out.println("  " + job.state() + " job " + job.id() + " " + job.kind() + " "
                + job.object() + ": " + job.lastError()));
        Collection<BlockedTable> blocked = blockedTables(endedSince(runtime, started, JobState.BLOCKED));
        blocked.forEach(table -> out.println("  BLOCKED " + table.table() + " (link " + table.link() + ", "
                + table.jobs() + " job(s)): " + table.reason()));
        out.println("strait run: " + (stoppedEarly ? "stopped before draining after " : "drained in ")
                + (System.currentTimeMillis() - started) + " ms; " + failed.size()
                + " failed job(s) unresolved (retry, cancel, or replicate the object again); " + blocked.size()
                + " table(s) blocked"
                + (blocked.isEmpty() ? "" : " (not replicable, not failures: exclude them from their link)"));
        return failed.isEmpty() ? 0 : 1;
    }

    /**
     * Every link's failures still standing in the state store, whichever run caused them: FAILED or UNVERIFIABLE
     * jobs not retried, not cancelled and not superseded by a later success of their object.
     */
    private static List<ReplicationJob> unresolvedFailures(StraitRuntime runtime) {
        JdbcJobStore jobs = new JdbcJobStore(runtime.stateStore().dataSource(), Clock.systemUTC());
        return runtime.config().links().stream().map(LinkConfig::name)
                .flatMap(link -> jobs.unresolvedFailures(link).stream()).toList();
    }

    /** The jobs of every link in one of {@code states} that changed since {@code startedMillis}. */
    private static List<ReplicationJob> endedSince(StraitRuntime runtime, long startedMillis, JobState... states) {
        JdbcJobStore jobs = new JdbcJobStore(runtime.stateStore().dataSource(), Clock.systemUTC());
        return runtime.config().links().stream().map(LinkConfig::name)
                .flatMap(link -> Stream.of(states)
                        .flatMap(state -> jobs.recent(link, Optional.of(state), 1000).stream()))
                .filter(job -> job.updatedAtMillis() >= startedMillis)
                .toList();
    }

    /** A table with blocked jobs of one link: how many, and the reason of the newest. */
    private record BlockedTable(String link, String table, int jobs, String reason) {
    }

    /** One entry per link and table (a partitioned table has a blocked job per partition), by link and table. */
    private static Collection<BlockedTable> blockedTables(List<ReplicationJob> blocked) {
        Map<String, BlockedTable> byTable = new TreeMap<>();
        blocked.stream().sorted(Comparator.comparingLong(ReplicationJob::id)).forEach(job -> {
            String table = job.object().level() == ObjectRef.Level.DATABASE
                    ? job.object().database() : job.object().tableRef().toString();
            byTable.merge(job.link() + " " + table, new BlockedTable(job.link(), table, 1, job.lastError()),
                    (older, newer) -> new BlockedTable(older.link(), older.table(), older.jobs() + 1, newer.reason()));
        });
        return byTable.values();
    }
}
