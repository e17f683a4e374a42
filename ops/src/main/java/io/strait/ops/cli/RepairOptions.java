package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.error.StraitException;
import io.strait.common.job.JobOrigin;
import io.strait.ops.repair.ConvergenceCommand;
import io.strait.ops.repair.RepairExecution;
import io.strait.ops.repair.ReplicationDrivers;
import io.strait.ops.runtime.RegionClients;
import io.strait.reparo.repair.ExtraObjects;
import io.strait.reparo.repair.ScopeScan;
import io.strait.sql.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code reconcile}'s repair options: turn the divergences found into a plan and run it as ordinary jobs. */
final class RepairOptions {
    @Option(names = "--repair", description = "Repair what the scan found: print the plan, run it as ordinary"
            + " replication jobs (by a running strait run, else by replication started here), scan again, report;"
            + " exit 0 only if the scan after the repair is consistent")
    boolean repair;

    @Option(names = "--dry-run", description = "With --repair: print the plan only")
    boolean dryRun;

    @Option(names = "--allow-delete", description = "With --repair: drop tables and partitions the source does not"
            + " have; their data moves to <target root>/.strait-quarantine/job-<id>/ (never deleted)")
    boolean allowDelete;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600", description = "With --repair: how"
            + " long to wait for the repair jobs (default ${DEFAULT-VALUE}); unfinished jobs go on in the state store")
    long timeoutSeconds;

    @Option(names = "--scheduler-name", defaultValue = "strait", description = "With --repair: the Quartz cluster of"
            + " the strait run processes that take the jobs; when none of its members is running, replication is"
            + " started in this process (default ${DEFAULT-VALUE})")
    String schedulerName;

    boolean requested() {
        if (!repair && (dryRun || allowDelete)) {
            throw StraitException.userError("Cannot use --dry-run or --allow-delete without --repair");
        }
        if (timeoutSeconds < 1) {
            throw StraitException.userError("Cannot use --timeout " + timeoutSeconds + ": give a number of seconds"
                    + " of at least 1");
        }
        return repair;
    }

    /** Plans (and unless --dry-run runs) the repair of {@code scans}; {@code rescan} scans the same scope again. */
    int repair(CommandSpec spec, StraitConfig config, LinkConfig link, StateStore store, RegionClients source,
            RegionClients target, List<ReconcileScan> scans, ScopeScan rescan) {
        Clock clock = Clock.systemUTC();
        RepairExecution execution = new RepairExecution(config, link, store.dataSource(), source, target, clock);
        ConvergenceCommand command = new ConvergenceCommand(execution, JobOrigin.REPAIR,
                allowDelete ? ExtraObjects.DROP_TO_QUARANTINE : ExtraObjects.KEEP, 1,
                Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(5));
        if (dryRun) {
            return command.dryRun(scans, spec.commandLine().getOut());
        }
        return command.run(execution.eventPosition(), scans, rescan, new ReplicationDrivers(config, schedulerName, store.dataSource(),
                clock), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
