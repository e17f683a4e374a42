package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.sql.StateStore;
import io.strait.sql.dashboard.DashboardQueries;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "The dashboard's overview in a terminal, per link: backlog by state, lag p50/p95/p99,"
                + " SLA breaches now and projected, failed/blocked/unverifiable jobs, paused, latest reconcile."
                + " Exit 1 when a link has FAILED or UNVERIFIABLE jobs or an SLA breached now.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print one JSON object (fields in docs/API.md)")
    boolean json;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        StraitConfig loaded = config.load();
        List<DashboardQueries.Link> links = loaded.links().stream().map(link -> new DashboardQueries.Link(
                link.name(), link.source().name(), link.target().name(), link.sla())).toList();
        try (StateStore store = StoreOption.open(loaded, config.file)) {
            long now = System.currentTimeMillis();
            List<Map<String, Object>> summaries = new DashboardQueries(store.dataSource()).links(links, now);
            boolean bad = false;
            for (Map<String, Object> summary : summaries) {
                bad |= number(summary.get("failedJobs")) + number(summary.get("unverifiableJobs"))
                        + number(((Map<String, Object>) summary.get("sla")).get("breachesNow")) > 0;
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("generatedAtMs", now);
                answer.put("links", summaries);
                CliJson.print(out, answer);
            } else {
                summaries.forEach(summary -> print(out, summary));
            }
            return bad ? 1 : 0;
        }
    }

    @SuppressWarnings("unchecked")
    private static void print(PrintWriter out, Map<String, Object> link) {
        Map<String, Object> pause = (Map<String, Object>) link.get("pause");
        out.println("link " + link.get("link") + " (" + link.get("source") + " -> " + link.get("target") + ")"
                + (pause != null ? ": PAUSED since " + time(pause.get("sinceMs")) + " by "
                + pause.get("by") + ": " + pause.get("reason") : ""));
        out.println("  backlog:    " + link.get("unsettledJobs") + " unsettled; by state " + link.get("jobsByState"));
        Map<String, Map<String, Object>> lag = (Map<String, Map<String, Object>>) link.get("lagMs");
        lag.forEach((window, p) -> out.println("  lag " + String.format("%-6s", window + ":") + " p50 "
                + ms(p.get("p50")) + ", p95 " + ms(p.get("p95")) + ", p99 " + ms(p.get("p99")) + " (" + p.get("jobs")
                + " jobs)"));
        Map<String, Object> sla = (Map<String, Object>) link.get("sla");
        out.println("  SLA " + ms(sla.get("slaMs")) + ": " + sla.get("breachesNow") + " table(s) breached now, "
                + sla.get("breachesProjected") + " at risk (projected)");
        out.println("  problems:   " + link.get("failedJobs") + " failed, " + link.get("blockedJobs") + " blocked, "
                + link.get("unverifiableJobs") + " unverifiable; " + link.get("filesNotVerified")
                + " file(s) not verified");
        Map<String, Object> reconcile = (Map<String, Object>) link.get("reconcile");
        out.println("  reconcile:  " + reconcile.get("tablesScanned") + " table(s) scanned, "
                + reconcile.get("consistent") + " consistent, " + reconcile.get("divergent") + " divergent, "
                + reconcile.get("failed") + " failed; " + reconcile.get("divergences") + " divergence(s); last "
                + time(reconcile.get("lastFinishedAtMs")));
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }

    private static String ms(Object millis) {
        return io.strait.common.report.HumanDurations.human(number(millis));
    }

    private static String time(Object millis) {
        long value = number(millis);
        return value <= 0 ? "-" : Instant.ofEpochMilli(value).toString();
    }

}
