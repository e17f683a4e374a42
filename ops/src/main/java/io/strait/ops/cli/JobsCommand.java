package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.job.JobState;
import io.strait.common.job.ReplicationJob;
import io.strait.sql.StateStore;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.TableRef;
import io.strait.sql.control.JdbcLinkControl;
import io.strait.sql.control.JdbcLinkControl.LinkState;
import io.strait.sql.job.JdbcJobSearch;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Lists a link's newest replication jobs: origin (EVENT, REPAIR or BOOTSTRAP), state, attempts,"
                + " lag and last error; says first when the link is paused. --state is case-insensitive; --table"
                + " keeps the jobs of one table; --json prints one JSON object. Exit 1 when a listed job FAILED or is"
                + " UNVERIFIABLE.")
final class JobsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--link", paramLabel = "NAME", description = "The link (needed when there are several)")
    String linkName;

    @Option(names = "--state", paramLabel = "STATE", description = "Only jobs in this state, e.g. FAILED or failed")
    JobState state;

    @Option(names = "--table", paramLabel = "DB.TABLE", description = "Only the jobs of this table (and its partitions, and a rename away from it)")
    String table;

    @Option(names = "--json", description = "Print the link, its pause state and the jobs as one JSON object")
    boolean json;

    @Option(names = "--limit", defaultValue = "50", description = "How many jobs (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        ArgumentChecks.requireBetween(spec, "--limit", limit, 1, 100_000);
        StraitConfig loaded = config.load();
        LinkConfig link = Links.choose(loaded, linkName);
        try (StateStore store = StoreOption.open(loaded, config.file)) {
            Optional<TableRef> tableRef = Optional.ofNullable(table).map(JobsCommand::tableOf);
            List<ReplicationJob> jobs = new JdbcJobSearch(store.dataSource())
                    .search(link.name(), Optional.ofNullable(state), tableRef, limit);
            Optional<LinkState> control = new JdbcLinkControl(store.dataSource()).state(link.name());
            if (json) {
                spec.commandLine().getOut().println(JobsJson.render(link.name(), control, jobs));
            } else {
                control.flatMap(LinkControlCommand::pausedLine).ifPresent(spec.commandLine().getOut()::println);
                print(spec.commandLine().getOut(), jobs);
            }
            boolean bad = jobs.stream().anyMatch(job -> job.state() == JobState.FAILED
                    || job.state() == JobState.UNVERIFIABLE);
            return bad ? 1 : 0;
        }
    }

    private static void print(PrintWriter out, List<ReplicationJob> jobs) {
        out.printf(Locale.ROOT, "%-8s %-15s %-9s %-13s %-8s %9s  %s%n", "JOB", "KIND", "ORIGIN", "STATE", "ATTEMPTS",
                "LAG MS", "OBJECT / LAST ERROR");
        for (ReplicationJob job : jobs) {
            String lag = job.committedAtMillis() > 0
                    ? Long.toString(job.committedAtMillis() - job.sourceCapturedAtMillis()) : "-";
            out.printf(Locale.ROOT, "%-8d %-15s %-9s %-13s %-8d %9s  %s%s%n", job.id(), job.kind(), job.origin(),
                    job.state(), job.attempts(), lag, job.objectLabel(), job.lastError().isEmpty() ? "" : "  " + firstLine(job.lastError()));
        }
    }

    private static TableRef tableOf(String name) {
        try {
            return TableRef.parse(name);
        } catch (IllegalArgumentException e) {
            throw StraitException.userError("Cannot read --table '" + name + "': give it as DB.TABLE, e.g."
                    + " sales.orders");
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
