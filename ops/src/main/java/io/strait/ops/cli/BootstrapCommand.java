package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.error.StraitException;
import io.strait.common.job.JobOrigin;
import io.strait.ops.reconcile.ReconcileInputs;
import io.strait.ops.reconcile.ReconcileService;
import io.strait.ops.repair.ConvergenceCommand;
import io.strait.ops.repair.RepairExecution;
import io.strait.ops.repair.ReplicationDrivers;
import io.strait.ops.repair.ScopeScans;
import io.strait.ops.runtime.RegionClients;
import io.strait.reparo.ReconcileReport;
import io.strait.reparo.ReconcileScope;
import io.strait.reparo.repair.ExtraObjects;
import io.strait.reparo.repair.ScopeScan;
import io.strait.sql.StateStore;
import io.strait.sql.divergence.JdbcDivergenceStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = "Replicates existing databases and tables in full and hands off to incremental replication:"
                + " records the link's event position, compares the named scope with the target (names DB,"
                + " DB.PATTERN or DB.TABLE; metadata and file listings), plans every missing or different object"
                + " and runs the plan as ordinary replication jobs (sharded, verified, resumable: run it again after"
                + " a crash), printing progress on standard error; events captured meanwhile are applied after it."
                + " Extra objects in the target are listed, never dropped. A second run finds nothing to copy."
                + " Exit 0 when the scan after it is consistent, 1 when something is left, 2 when it could not run.")
final class BootstrapCommand implements Callable<Integer> {
    /** Rounds of scan, plan and run: later rounds copy what a scan found in flight (changed during the bootstrap). */
    private static final int MAX_ROUNDS = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--link", paramLabel = "NAME", description = "The link (needed when there are several)")
    String linkName;

    @Option(names = "--depth", paramLabel = "meta|files|bytes", defaultValue = "files", description = "How deep"
            + " the scans compare files (default ${DEFAULT-VALUE}: names and sizes, no byte read)")
    String depthName;

    @Option(names = "--dry-run", description = "Print the plan only")
    boolean dryRun;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "86400", description = "How long to wait"
            + " for each round's jobs (default ${DEFAULT-VALUE}); unfinished jobs go on in the state store")
    long timeoutSeconds;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "5", description = "Seconds"
            + " between progress lines (default ${DEFAULT-VALUE})")
    long progressSeconds;

    @Option(names = "--scheduler-name", defaultValue = "strait", description = "The Quartz cluster of the strait run"
            + " processes that take the jobs; when none of its members is running, replication is started in this"
            + " process (default ${DEFAULT-VALUE})")
    String schedulerName;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "DB, DB.PATTERN (* matches anything) or DB.TABLE")
    List<String> names;

    @Override
    public Integer call() {
        ArgumentChecks.requireAtLeast(spec, "--timeout", timeoutSeconds, 1);
        ArgumentChecks.requireAtLeast(spec, "--progress-interval", progressSeconds, 1);
        StraitConfig loaded = config.load();
        LinkConfig link = Links.choose(loaded, linkName);
        ReconcileScope scope = scope();
        ReconcileDepth depth = depth();
        Clock clock = Clock.systemUTC();
        PrintWriter out = spec.commandLine().getOut();
        try (StateStore store = StoreOption.open(loaded, config.file, 2);
             RegionClients source = RegionClients.connect(loaded.region(link.source()));
             RegionClients target = RegionClients.connect(loaded.region(link.target()))) {
            RepairExecution execution = new RepairExecution(loaded, link, store.dataSource(), source, target, clock);
            ReconcileService service = new ReconcileService(source, target, new JdbcDivergenceStore(store.dataSource()),
                    ReconcileInputs.fromStateStore(store.dataSource(), loaded, link));
            ScopeScan scan = ScopeScans.of(service, link, scope, depth);
            long position = execution.eventPosition();
            out.println("bootstrap of " + scope + " on link " + link.name() + " (" + link.source() + " -> "
                    + link.target() + ") from event position " + position + "; events after it are replicated after"
                    + " the bootstrap");
            long started = System.currentTimeMillis();
            List<ReconcileScan> scans = scan.scan();
            if (scans.isEmpty()) {
                throw StraitException.userError("Cannot bootstrap " + scope + ": no table of link " + link.name()
                        + " matches in region " + link.source() + " or " + link.target() + " (include "
                        + link.include() + ", exclude " + link.exclude() + ")");
            }
            out.println(new ReconcileReport().runSummary(scope.toString(), scans,
                    System.currentTimeMillis() - started));
            ConvergenceCommand command = new ConvergenceCommand(execution, JobOrigin.BOOTSTRAP, ExtraObjects.KEEP,
                    MAX_ROUNDS, Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(progressSeconds));
            if (dryRun) {
                return command.dryRun(scans, out);
            }
            return command.run(position, scans, scan, new ReplicationDrivers(loaded, schedulerName,
                    store.dataSource(), clock), out, spec.commandLine().getErr());
        }
    }

    private ReconcileScope scope() {
        try {
            return ReconcileScope.of(names);
        } catch (IllegalArgumentException e) {
            throw StraitException.userError("Cannot bootstrap: " + e.getMessage());
        }
    }

    private ReconcileDepth depth() {
        try {
            ReconcileDepth depth = ReconcileDepth.parse(depthName);
            if (depth == ReconcileDepth.ROWS) {
                throw StraitException.userError("Cannot bootstrap: --depth rows is for strait reconcile only; use"
                        + " meta, files or bytes");
            }
            return depth;
        } catch (IllegalArgumentException e) {
            throw StraitException.userError("Cannot bootstrap: --depth " + e.getMessage());
        }
    }
}
