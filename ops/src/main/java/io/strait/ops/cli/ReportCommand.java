package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.report.ReplicationReport;
import io.strait.sql.StateStore;
import io.strait.sql.report.JdbcReportQueries;
import java.util.LinkedHashMap;
import java.util.Map;
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
                + " (objects Strait cannot replicate faithfully), one line each; then the source region's listener"
                + " instances (last contact, spool depth, latest sequence number; SILENT past"
                + " regions.<name>.listener-silence) and the events they lost, with the tables to repair.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--link", paramLabel = "NAME", description = "The link to report on")
    String linkName;

    @Option(names = "--json", description = "Print one JSON object (fields in docs/API.md)")
    boolean json;

    @Override
    public Integer call() {
        StraitConfig loaded = config.load();
        LinkConfig link = Links.choose(loaded, linkName);
        try (StateStore store = StoreOption.open(loaded, config.file)) {
            ReplicationReport report = new JdbcReportQueries(store.dataSource()).report(link.name(), link.source());
            var out = spec.commandLine().getOut();
            long bad = report.filesNotVerified() + report.jobs("FAILED") + report.jobs("UNVERIFIABLE");
            ListenerReport listeners = ListenerReport.read(store.dataSource(), loaded, link.source());
            if (json) {
                Map<String, Object> answer = json(link, report,
                        new io.strait.sql.control.JdbcLinkControl(store.dataSource()).state(link.name()));
                answer.putAll(listeners.json());
                CliJson.print(out, answer);
                return bad == 0 ? 0 : 1;
            }
            out.println("link " + link.name() + " (" + link.source() + " -> " + link.target() + ")");
            new io.strait.sql.control.JdbcLinkControl(store.dataSource()).state(link.name())
                    .flatMap(LinkControlCommand::pausedLine).ifPresent(line -> out.println("  " + line));
            out.println("  events:      " + new TreeMap<>(report.eventsByType()));
            out.println("  jobs:        " + new TreeMap<>(report.jobsByState()));
            out.println("  verified:    " + report.filesVerified() + " files, " + report.bytesVerified() + " bytes ("
                    + report.bytesSent() + " sent across regions, " + report.bytesReused() + " reused in the target"
                    + " region); " + report.filesNotVerified() + " not verified");
            out.println("  lag:         p50 " + report.lagP50Millis() + " ms, p99 " + report.lagP99Millis() + " ms");
            out.println("  divergences: " + report.divergences());
            out.println("  blocked:     " + report.blockedJobs() + " job(s) on " + report.blockedTables().size()
                    + " table(s) Strait cannot replicate faithfully (not failures; exclude them from the link)");
            report.blockedTables().forEach((table, reason) -> out.println("    " + table + ": " + reason));
            listeners.print(out, link, config.file);
            return bad == 0 ? 0 : 1;
        }
    }

    /** The stable JSON of {@code strait report --json} (docs/API.md). */
    private static Map<String, Object> json(LinkConfig link, ReplicationReport report,
            java.util.Optional<io.strait.sql.control.JdbcLinkControl.LinkState> control) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("link", link.name());
        answer.put("source", link.source().name());
        answer.put("target", link.target().name());
        answer.put("paused", control.map(io.strait.sql.control.JdbcLinkControl.LinkState::paused).orElse(false));
        answer.put("eventsByType", new TreeMap<>(report.eventsByType()));
        answer.put("jobsByState", new TreeMap<>(report.jobsByState()));
        answer.put("succeededByOrigin", new TreeMap<>(report.succeededByOrigin()));
        answer.put("filesVerified", report.filesVerified());
        answer.put("bytesVerified", report.bytesVerified());
        answer.put("bytesReused", report.bytesReused());
        answer.put("filesNotVerified", report.filesNotVerified());
        answer.put("lagP50Ms", report.lagP50Millis());
        answer.put("lagP99Ms", report.lagP99Millis());
        answer.put("divergences", report.divergences());
        answer.put("blockedJobs", report.blockedJobs());
        answer.put("blockedTables", report.blockedTables());
        return answer;
    }
}
