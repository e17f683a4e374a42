package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.report.ReplicationReport;
import io.strait.sql.StateStore;
import io.strait.sql.report.JdbcReportQueries;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Prints a link's replication figures from the state store: events, jobs, verified files and"
                + " bytes, lag percentiles, divergences, and apart from failures the tables whose jobs are BLOCKED"
                + " (objects Strait cannot replicate faithfully), one line each.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--link", paramLabel = "NAME", description = "The link to report on")
    String linkName;

    @Override
    public Integer call() {
        StraitConfig loaded = config.load();
        LinkConfig link = Links.choose(loaded, linkName);
        try (StateStore store = StoreOption.open(loaded)) {
            ReplicationReport report = new JdbcReportQueries(store.dataSource()).report(link.name(), link.source());
            var out = spec.commandLine().getOut();
            out.println("link " + link.name() + " (" + link.source() + " -> " + link.target() + ")");
            new io.strait.sql.control.JdbcLinkControl(store.dataSource()).state(link.name())
                    .flatMap(LinkControlCommand::pausedLine).ifPresent(line -> out.println("  " + line));
            out.println("  events:      " + new TreeMap<>(report.eventsByType()));
            out.println("  jobs:        " + new TreeMap<>(report.jobsByState()));
            out.println("  verified:    " + report.filesVerified() + " files, " + report.bytesVerified() + " bytes; "
                    + report.filesNotVerified() + " not verified");
            out.println("  lag:         p50 " + report.lagP50Millis() + " ms, p99 " + report.lagP99Millis() + " ms");
            out.println("  divergences: " + report.divergences());
            out.println("  blocked:     " + report.blockedJobs() + " job(s) on " + report.blockedTables().size()
                    + " table(s) Strait cannot replicate faithfully (not failures; exclude them from the link)");
            report.blockedTables().forEach((table, reason) -> out.println("    " + table + ": " + reason));
            long bad = report.filesNotVerified() + report.jobs("FAILED") + report.jobs("UNVERIFIABLE");
            return bad == 0 ? 0 : 1;
        }
    }
}
