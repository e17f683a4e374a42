package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.ops.demo.Demo;
import io.strait.ops.web.DashboardServer;
import io.strait.ops.web.HealthProbes;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;

/**
 * {@code strait demo --serve}: serves the dashboard on the demo's state store at 127.0.0.1, prints its address, and
 * returns on SIGINT (Ctrl-C) or SIGTERM, after which the demo stops its services and exits with its own code.
 */
final class DemoDashboard {
    private static final String ADDRESS = "127.0.0.1";

    private final PrintWriter out;
    private final int port;

    DemoDashboard(PrintWriter out, int port) {
        this.out = out;
        this.port = port;
    }

    void serveUntilStopped(StraitConfig config, DataSource stateStore) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Optional<AutoCloseable> signals = TerminationSignals.onTermination(stopped::countDown);
        if (signals.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "strait-demo-serve-shutdown"));
        }
        Clock clock = Clock.systemUTC();
        try (DashboardServer server = DashboardServer.start(config, ADDRESS, port, stateStore, clock,
                HealthProbes.all(config, stateStore, Demo.schedulerName(), clock))) {
            out.println("strait demo: dashboard at http://" + ADDRESS + ":" + server.port()
                    + "/ (JSON API, /metrics, /health too); serving until Ctrl-C");
            out.flush();
            stopped.await();
            out.println("strait demo: stopping the dashboard and the demo's services");
            out.flush();
        } finally {
            if (signals.isPresent()) {
                signals.get().close();
            }
        }
    }
}
