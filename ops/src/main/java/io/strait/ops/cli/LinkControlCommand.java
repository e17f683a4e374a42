package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.sql.StateStore;
import io.strait.ops.control.OperatorActions;
import io.strait.sql.control.JdbcLinkControl.LinkState;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code strait pause LINK} and {@code strait resume LINK}: operator control of a link's dispatch. */
final class LinkControlCommand {
    private LinkControlCommand() {
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pauses a link: every strait run process keeps planning its events into jobs but starts"
                    + " none (jobs already running finish) until strait resume. Persisted in the state store;"
                    + " shown by jobs and report. Exit 1 if the link is unknown.")
    static final class Pause implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Mixin
        OperatorOptions operator;

        @Parameters(paramLabel = "LINK", description = "The link")
        String link;

        @Override
        public Integer call() {
            return set(spec, config, operator, link, true);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resumes a paused link: its jobs start again at the next cycle. Exit 1 if the link is"
                    + " unknown.")
    static final class Resume implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Mixin
        OperatorOptions operator;

        @Parameters(paramLabel = "LINK", description = "The link")
        String link;

        @Override
        public Integer call() {
            return set(spec, config, operator, link, false);
        }
    }

    private static int set(CommandSpec spec, ConfigOption config, OperatorOptions operator, String linkName,
            boolean pause) {
        StraitConfig loaded = config.load();
        PrintWriter out = spec.commandLine().getOut();
        Optional<LinkConfig> link = loaded.link(linkName);
        if (link.isEmpty()) {
            spec.commandLine().getErr().println("strait " + spec.name() + ": no link '" + linkName
                    + "' in the configuration; name one of " + loaded.links().stream().map(LinkConfig::name).toList());
            return 2;
        }
        try (StateStore store = StoreOption.open(loaded, config.file)) {
            OperatorActions.Outcome outcome = new OperatorActions(store.dataSource(), Clock.systemUTC()).pause(
                    linkName, pause, loaded.links().stream().map(LinkConfig::name).toList(),
                    new OperatorActions.Actor(operator.who(), operator.why()));
            out.println(outcome.message());
            return 0;
        }
    }

    /** The line {@code jobs} and {@code report} print for a paused link; empty when it runs. */
    static Optional<String> pausedLine(LinkState state) {
        if (!state.paused()) {
            return Optional.empty();
        }
        return Optional.of("link " + state.link() + " is PAUSED since " + Instant.ofEpochMilli(state.changedAtMillis())
                + " by " + state.changedBy() + ": " + state.reason() + " (planning continues; no job starts until"
                + " strait resume " + state.link() + ")");
    }
}
