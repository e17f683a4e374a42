package io.strait.ops.cli;

import io.strait.common.config.Durations;
import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.RetentionConfig;
import io.strait.common.error.StraitException;
import io.strait.common.region.RegionId;
import io.strait.ops.housekeeping.StateStoreHousekeeping;
import io.strait.ops.housekeeping.VersionFolderHousekeeping;
import io.strait.ops.runtime.RegionClients;
import io.strait.sql.StateStore;
import io.strait.sql.housekeeping.JdbcHousekeeping;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "housekeeping", mixinStandardHelpOptions = true,
        description = "Deletes captured events and finished jobs older than store.retention (events only once every"
                + " link reading their region planned them; never unsettled or BLOCKED jobs, the newest SUCCEEDED job"
                + " of an object, or table watermarks), in batches; then deletes the replaced and failed version"
                + " folders (_strait_v<job>_<attempt> under a mapped root that no live table or partition of the"
                + " target points at) out of use for longer than store.retention.version-folders (or --older-than)."
                + " Prints what it deleted; --dry-run prints what it would delete. strait run does the same every"
                + " store.retention.interval.")
final class HousekeepingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--dry-run", description = "Count what would be deleted; delete nothing")
    boolean dryRun;

    @Option(names = "--older-than", paramLabel = "DURATION",
            description = "Delete version folders out of use for at least this long (e.g. 30m, 0s) instead of"
                    + " store.retention.version-folders")
    String olderThan;

    @Override
    public Integer call() {
        StraitConfig loaded = config.load();
        PrintWriter out = spec.commandLine().getOut();
        RetentionConfig retention = loaded.store().retention();
        Duration folderDelay = olderThan == null ? retention.versionFolders() : parse(olderThan);
        try (StateStore store = StoreOption.open(loaded)) {
            StateStoreHousekeeping.Result outcome = new StateStoreHousekeeping(loaded, store.dataSource(),
                    Clock.systemUTC()).run(dryRun);
            JdbcHousekeeping.Result result = outcome.store();
            out.println("strait housekeeping" + (dryRun ? " (dry run)" : "") + ": retention events "
                    + retention.events() + ", finished jobs " + retention.finishedJobs() + ", records "
                    + retention.records() + ", version folders " + folderDelay);
            result.eventsByRegion().forEach((region, count) -> out.println("  events of region " + region + ": "
                    + count));
            out.println("  finished jobs: " + result.jobs() + " (with " + result.transitions() + " transition(s), "
                    + result.copyTasks() + " copy task(s), " + result.manifestFiles() + " manifest file(s))");
            out.println("  object order records: " + result.objectOrders());
            out.println("  reconcile and alert records: " + outcome.records().summary());
            out.println("strait housekeeping: " + outcome.summary());
            VersionFolderHousekeeping.Result folders = versionFolders(loaded, store, folderDelay);
            folders.removed().forEach(folder -> out.println("  " + (dryRun ? "would remove " : "removed ")
                    + "version folder " + folder.uri() + " (region " + folder.region() + ")"));
            out.println("strait housekeeping: " + folders.summary());
            return folders.failures().isEmpty() ? 0 : 1;
        }
    }

    private VersionFolderHousekeeping.Result versionFolders(StraitConfig loaded, StateStore store, Duration delay) {
        Map<RegionId, RegionClients> clients = new LinkedHashMap<>();
        try {
            return new VersionFolderHousekeeping(loaded, store.dataSource(), region -> {
                RegionClients connected = clients.computeIfAbsent(region,
                        id -> RegionClients.connect(loaded.region(id)));
                return new VersionFolderHousekeeping.Region(connected.metastore(), connected.fileSystem());
            }, Clock.systemUTC()).run(delay, dryRun);
        } finally {
            clients.values().forEach(RegionClients::close);
        }
    }

    private static Duration parse(String text) {
        try {
            Duration duration = Durations.parse(text);
            if (duration.isNegative()) {
                throw new IllegalArgumentException("it is negative");
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw StraitException.userError("Cannot use --older-than " + text + ": " + e.getMessage()
                    + ". Use a duration such as 30m, 1h or 0s");
        }
    }
}
