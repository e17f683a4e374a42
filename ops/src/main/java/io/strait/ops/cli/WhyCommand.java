package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.report.Lateness;
import io.strait.common.report.LatenessReason;
import io.strait.common.report.SlaStatus;
import io.strait.ops.why.WhyService;
import io.strait.sql.StateStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "why", mixinStandardHelpOptions = true,
        description = "Says why a table or partition of the target region is late (or that it is up to date): the"
                + " job in the way and its state, the lock it waits for, its place in the queue, its copy progress,"
                + " its retry, the rule that blocks it, a paused link, or no event captured; with its SLA state."
                + " Exit 1 when it needs an operator (FAILED, BLOCKED) or its SLA is breached.")
final class WhyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--link", paramLabel = "NAME", description = "The link (required with several links)")
    String linkName;

    @Option(names = "--json", description = "Print one JSON object (as GET /api/why)")
    boolean json;

    @Parameters(paramLabel = "DB.TABLE[/PARTITION]",
            description = "The table, or one partition by its name: sales.orders/ds=2024-01-01/hr=03")
    String target;

    @Override
    public Integer call() {
        StraitConfig loaded = config.load();
        String[] parts = WhyService.splitTarget(target);
        try (StateStore store = StoreOption.open(loaded, config.file)) {
            Lateness lateness = new WhyService(loaded, store.dataSource(), Clock.systemUTC()).explain(linkName,
                    parts[0], parts[1]);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                CliJson.print(out, WhyService.json(lateness));
            } else {
                print(out, lateness);
            }
            boolean operator = lateness.reason() == LatenessReason.FAILED
                    || lateness.reason() == LatenessReason.BLOCKED;
            return operator || lateness.sla().state() == SlaStatus.BREACHED ? 1 : 0;
        }
    }

    private static void print(PrintWriter out, Lateness lateness) {
        out.println(lateness.object() + " (link " + lateness.link() + "): " + lateness.reason());
        out.println("  " + lateness.summary());
        out.println("  SLA: " + lateness.sla().state() + " (" + lateness.sla().why() + ")");
        for (Map.Entry<String, Object> detail : lateness.details().entrySet()) {
            Object value = detail.getValue();
            out.println("  " + detail.getKey() + ": " + (detail.getKey().endsWith("AtMs") && value instanceof Number
                    number ? Instant.ofEpochMilli(number.longValue()) : value));
        }
    }
}
