package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.ops.web.DashboardServer;
import io.strait.sql.StateStore;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves the SLA dashboard (pages, JSON API, /metrics, /health) from the state store without"
                + " replicating; operator actions (retry, cancel, pause, resume, reconcile) need http.token. Runs until"
                + " stopped with SIGTERM or Ctrl-C. See docs/API.md.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--address", paramLabel = "ADDRESS", description = "Bind address (default: http.address)")
    String address;

    @Option(names = "--port", paramLabel = "PORT", description = "Port, 0 for any free one (default: http.port)")
    Integer port;

    @Option(names = "--scheduler-name", defaultValue = "strait", description = "Quartz cluster whose live members"
            + " /health reports as the scheduler (strait run's --scheduler-name; default ${DEFAULT-VALUE})")
    String schedulerName;

    @Override
    public Integer call() throws InterruptedException {
        if (port != null) {
            ArgumentChecks.requirePort(spec, "--port", port);
        }
        StraitConfig loaded = config.load();
        StateStore store = StateStore.open(loaded.store().connectionUrl(), loaded.store().user(), loaded.store().password(),
                Math.min(4, loaded.store().poolSize()));
        DashboardServer server;
        try {
            store.requireCurrentSchema(StoreOption.migrateCommand(config.file));
            server = DashboardServer.start(loaded, address == null ? loaded.http().address() : address,
                    port == null ? loaded.http().port() : port, store.dataSource(), Clock.systemUTC(),
                    io.strait.ops.web.HealthProbes.all(loaded, store.dataSource(), schedulerName, Clock.systemUTC()));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            store.close();
            stopped.countDown();
        }, "strait-serve-shutdown"));
        spec.commandLine().getOut().println("strait serve: dashboard at http://"
                + (address == null ? loaded.http().address() : address) + ":" + server.port()
                + "/ (operator actions " + (io.strait.ops.web.MutationGuard.of(loaded.http().token(), System.getenv())
                .enabled() ? "need the token" : "off: no http.token") + "); stop with SIGTERM");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
