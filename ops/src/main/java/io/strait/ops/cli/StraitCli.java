package io.strait.ops.cli;

import io.strait.common.error.ExitCode;
import io.strait.common.error.StraitException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code strait} command line. Exit codes (every command): 0 ok, 1 ran but something failed or diverged, 2 could not run. */
@Command(name = "strait", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = "Keeps a Hive data lake consistent across regions.",
        footer = {"", "Exit codes (every command): 0 everything succeeded (reconcile: consistent); 1 it ran to the"
                + " end but something failed or diverged (each item is listed); 2 it could not run (usage,"
                + " configuration, an unreachable service).", "Docs: README.md and docs/ of the distribution's source."},
        subcommands = {DemoCommand.class, RunCommand.class, ReconcileCommand.class, BootstrapCommand.class,
                MigrateCommand.class, ServeCommand.class,
                ConfigCommand.class, ReportCommand.class,
                JobsCommand.class, JobCommand.class, RetryCommand.class, CancelCommand.class,
                LinkControlCommand.Pause.class, LinkControlCommand.Resume.class, HousekeepingCommand.class,
                WhyCommand.class, StatusCommand.class,
                io.strait.ops.bench.BenchCommand.class},
        exitCodeOnInvalidInput = 2, exitCodeOnExecutionException = 2)
public final class StraitCli {
    @picocli.CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "On an unexpected failure, print its stack trace too")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests and {@link #main}). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line printing to {@code out} and {@code err} instead of the standard streams. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    private static CommandLine commandLine() {
        return new CommandLine(new StraitCli()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(StraitCli::handleFailure)
                .setParameterExceptionHandler(StraitCli::handleBadArgument);
    }

    /** A failure while running: its message in one line (a stack trace only with --verbose), exit 2. */
    private static int handleFailure(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        boolean verbose = verbose(parsed);
        if (failure instanceof StraitException strait) {
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": "
                    + (verbose ? strait.getMessage() : withoutStackTrace(strait.getMessage())));
        } else {
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": unexpected failure: " + failure
                    + (verbose ? "" : " (run again with --verbose for the stack trace)"));
        }
        if (verbose) {
            failure.printStackTrace(command.getErr());
        }
        return ExitCode.COULD_NOT_RUN.code();
    }

    /** A bad argument: one line naming the fix and where to read about the command, exit 2. */
    private static int handleBadArgument(CommandLine.ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        java.util.List<String> suggestions = failure instanceof CommandLine.UnmatchedArgumentException unmatched
                ? unmatched.getSuggestions() : java.util.List.of();
        command.getErr().println(name + ": " + failure.getMessage() + (suggestions.isEmpty() ? ""
                : "; did you mean " + String.join(" or ", suggestions) + "?") + " (see " + name + " --help)");
        return ExitCode.COULD_NOT_RUN.code();
    }

    /** {@code message} up to the first stack frame some libraries copy into their messages. */
    static String withoutStackTrace(String message) {
        if (message == null) {
            return "";
        }
        java.util.regex.Matcher frame = java.util.regex.Pattern.compile("(?m)^\\s+at \\S+\\(").matcher(message);
        return frame.find() ? message.substring(0, frame.start()).stripTrailing() : message;
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult result = parsed; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
