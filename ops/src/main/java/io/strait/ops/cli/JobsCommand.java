package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.job.JobState;
import io.strait.common.job.ReplicationJob;
import io.strait.sql.StateStore;
import io.strait.sql.job.JdbcJobStore;
import java.io.PrintWriter;
import java.time.Clock;
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
                + " lag and last error. Exit 1 when a listed job FAILED or is UNVERIFIABLE.")
final class JobsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--link", paramLabel = "NAME", description = "The link (needed when there are several)")
    String linkName;

    @Option(names = "--state", paramLabel = "STATE", description = "Only jobs in this state, e.g. FAILED")
    JobState state;

    @Option(names = "--limit", defaultValue = "50", description = "How many jobs (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        StraitConfig loaded = config.load();
        LinkConfig link = Links.choose(loaded, linkName);
        try (StateStore store = StoreOption.open(loaded)) {
            List<ReplicationJob> jobs = new JdbcJobStore(store.dataSource(), Clock.systemUTC())
                    .recent(link.name(), Optional.ofNullable(state), limit);
            print(spec.commandLine().getOut(), jobs);
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
                    job.state(), job.attempts(), lag, job.object(), job.lastError().isEmpty() ? "" : "  " + firstLine(job.lastError()));
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
