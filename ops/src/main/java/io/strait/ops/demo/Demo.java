package io.strait.ops.demo;

import io.strait.common.config.StraitConfig;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.metastore.TableRef;
import io.strait.common.report.ReplicationReport;
import io.strait.ops.reconcile.ReconcileService;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.sql.divergence.JdbcDivergenceStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code strait demo}: the whole pipeline on embedded defaults. Starts the state store and two regions, runs
 * Strait, changes region A through its metastore API only, waits until replication drains, reconciles, and
 * reports figures read back from the state store.
 */
public final class Demo {
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final DemoOptions options;
    private final Clock clock;

    public Demo(DemoOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /** Runs the demo and returns its outcome; the workspace is kept. */
    public DemoOutcome run() throws Exception {
        long started = clock.millis();
        Files.createDirectories(options.workspace());
        try (DemoEnvironment environment = new DemoEnvironment(options)) {
            StraitConfig config = DemoConfig.writeAndLoad(options.workspace(), environment);
            try (StraitRuntime runtime = StraitRuntime.open(config, "strait-demo", clock)) {
                runtime.start();
                List<String> partitions = write(environment);
                boolean drained = awaitDrained(runtime);
                LOG.info("demo: replication {}; {} partitions expected in region b", drained ? "drained" : "NOT drained",
                        partitions.size());
                ReconcileScan scan = new ReconcileService(runtime.region("a"), runtime.region("b"),
                        new JdbcDivergenceStore(runtime.stateStore().dataSource()))
                        .reconcile(TableRef.of(DemoWriter.DATABASE, DemoWriter.TABLE));
                ReplicationReport report = runtime.reportQueries().report("a-to-b", DemoEnvironment.SOURCE);
                return new DemoOutcome(options.workspace(), drained, Duration.ofMillis(clock.millis() - started),
                        report, scan);
            }
        }
    }

    private List<String> write(DemoEnvironment environment) throws Exception {
        try (DemoWriter writer = new DemoWriter(environment.source().metastoreUri(), environment.source().externalRoot())) {
            return new DemoScenario(options.partitions()).run(writer);
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
