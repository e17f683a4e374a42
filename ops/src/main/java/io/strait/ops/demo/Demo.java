package io.strait.ops.demo;

import io.strait.common.config.StraitConfig;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.metastore.TableRef;
import io.strait.common.report.ReplicationReport;
import io.strait.ops.cli.StraitCli;
import io.strait.ops.reconcile.ReconcileService;
import io.strait.ops.runtime.RegionClients;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.sql.divergence.JdbcDivergenceStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code strait demo}: the whole pipeline on embedded defaults. Starts the state store and two regions; region A
 * first holds a table written before Strait's listener was installed. Runs Strait, bootstraps the existing data,
 * changes region A through its metastore API only, waits until replication drains, plants a divergence in region B
 * and repairs it, reconciles, and reports figures read back from the state store.
 */
public final class Demo {
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String SCHEDULER = "strait-demo";
    private static final String LINK = "a-to-b";

    private final DemoOptions options;
    private final Clock clock;

    public Demo(DemoOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /**
     * What to do once the report is ready, while the demo's services (state store, metastores, replication) still run:
     * e.g. print the report and serve the dashboard until stopped ({@code strait demo --serve}).
     */
    @FunctionalInterface
    public interface AfterReport {
        void accept(DemoOutcome outcome, StraitConfig config, javax.sql.DataSource stateStore) throws Exception;
    }

    /** The Quartz cluster name of the demo's replication (its scheduler in {@code /health}). */
    public static String schedulerName() {
        return SCHEDULER;
    }

    /** Runs the demo and returns its outcome; the workspace is kept. */
    public DemoOutcome run() throws Exception {
        return run((outcome, config, stateStore) -> {
        });
    }

    /** Runs the demo, hands its outcome to {@code afterReport} before stopping its services, and returns it. */
    public DemoOutcome run(AfterReport afterReport) throws Exception {
        long started = clock.millis();
        Files.createDirectories(options.workspace());
        try (DemoEnvironment environment = new DemoEnvironment(options, Demo::writeExisting)) {
            StraitConfig config = DemoConfig.writeAndLoad(options.workspace(), environment);
            Path configFile = DemoConfig.file(options.workspace());
            try (StraitRuntime runtime = StraitRuntime.open(config, SCHEDULER, clock)) {
                runtime.start();
                int bootstrap = strait("bootstrap", "--config", configFile.toString(), "--scheduler-name", SCHEDULER,
                        "--progress-interval", "2", DemoWriter.DATABASE);
                List<String> partitions = write(environment);
                boolean drained = awaitDrained(runtime);
                LOG.info("demo: replication {}; {} partitions expected in region b", drained ? "drained" : "NOT drained",
                        partitions.size());
                PlantedDivergence planted = plant(runtime.region("b"));
                LOG.info("demo: planted in region b: {}", planted.describe());
                int repair = strait("reconcile", "--config", configFile.toString(), "--repair", "--scheduler-name",
                        SCHEDULER, "--depth", "bytes", DemoWriter.DATABASE);
                drained = awaitDrained(runtime) && drained;
                List<ReconcileScan> scans = reconcile(runtime);
                ReplicationReport report = runtime.reportQueries().report(LINK, DemoEnvironment.SOURCE);
                DemoOutcome outcome = new DemoOutcome(options.workspace(), drained,
                        Duration.ofMillis(clock.millis() - started), report, scans,
                        new DemoOutcome.Convergence(bootstrap, planted.describe(), repair));
                afterReport.accept(outcome, config, runtime.stateStore().dataSource());
                return outcome;
            }
        }
    }

    private static void writeExisting(io.strait.embedded.EmbeddedRegion source) throws Exception {
        try (DemoWriter writer = new DemoWriter(source.metastoreUri(), source.externalRoot())) {
            DemoScenario.writeExisting(writer);
        }
    }

    private List<String> write(DemoEnvironment environment) throws Exception {
        try (DemoWriter writer = new DemoWriter(environment.source().metastoreUri(), environment.source().externalRoot())) {
            return new DemoScenario(options.partitions()).run(writer);
        }
    }

    private static PlantedDivergence plant(RegionClients target) throws java.io.IOException {
        return PlantedDivergence.plant(target.metastore(), target.fileSystem(),
                PlantedDivergence.partition(DemoWriter.TABLE, DemoScenario.FIRST_DAY.toString()),
                PlantedDivergence.partition(DemoWriter.ARCHIVE_TABLE, DemoScenario.ARCHIVE_FIRST_DAY.toString()));
    }

    private static List<ReconcileScan> reconcile(StraitRuntime runtime) {
        ReconcileService service = new ReconcileService(runtime.region("a"), runtime.region("b"),
                new JdbcDivergenceStore(runtime.stateStore().dataSource()));
        return List.of(DemoWriter.TABLE, DemoWriter.ARCHIVE_TABLE).stream()
                .map(table -> service.reconcile(TableRef.of(DemoWriter.DATABASE, table))).toList();
    }

    /** Runs a {@code strait} command in this process, its output logged line by line. */
    private static int strait(String... args) {
        String prefix = "demo: strait " + args[0] + " | ";
        try (PrintWriter out = LogLines.to(LOG, prefix); PrintWriter err = LogLines.to(LOG, prefix)) {
            int code = StraitCli.run(out, err, args);
            LOG.info("demo: strait {} exited {}", args[0], code);
            return code;
        }
    }

    private boolean awaitDrained(StraitRuntime runtime) throws InterruptedException {
        long deadline = clock.millis() + options.timeout().toMillis();
        Thread.sleep(POLL.toMillis());
        while (clock.millis() < deadline) {
            if (runtime.isDrained()) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }
}
