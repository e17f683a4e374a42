package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.RetentionConfig;
import io.strait.ops.housekeeping.StateStoreHousekeeping;
import io.strait.sql.StateStore;
import io.strait.sql.housekeeping.JdbcHousekeeping;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "housekeeping", mixinStandardHelpOptions = true,
        description = "Deletes captured events and finished jobs older than store.retention (events only once every"
                + " link reading their region planned them; never unsettled or BLOCKED jobs, the newest SUCCEEDED job"
                + " of an object, or table watermarks), in batches, and prints what it deleted; --dry-run prints"
                + " what it would delete. strait run does the same every store.retention.interval.")
final class HousekeepingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--dry-run", description = "Count what would be deleted; delete nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        StraitConfig loaded = config.load();
        PrintWriter out = spec.commandLine().getOut();
        RetentionConfig retention = loaded.store().retention();
        try (StateStore store = StoreOption.open(loaded)) {
            JdbcHousekeeping.Result result = new StateStoreHousekeeping(loaded, store.dataSource(),
                    Clock.systemUTC()).run(dryRun);
            out.println("strait housekeeping" + (dryRun ? " (dry run)" : "") + ": retention events "
                    + retention.events() + ", finished jobs " + retention.finishedJobs());
            result.eventsByRegion().forEach((region, count) -> out.println("  events of region " + region + ": "
                    + count));
            out.println("  finished jobs: " + result.jobs() + " (with " + result.transitions() + " transition(s), "
                    + result.copyTasks() + " copy task(s), " + result.manifestFiles() + " manifest file(s))");
            out.println("strait housekeeping: " + result.summary());
            return 0;
        }
    }
}
