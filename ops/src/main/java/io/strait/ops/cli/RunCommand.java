package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.ops.runtime.StraitRuntime;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs replication: every link's cycle on Quartz (clustered through the state store) until"
                + " stopped with SIGTERM or Ctrl-C.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--scheduler-name", defaultValue = "strait",
            description = "Quartz scheduler name; processes sharing it and the state store form one cluster")
    String schedulerName;

    @Override
    public Integer call() throws InterruptedException {
        StraitConfig loaded = config.load();
        CountDownLatch stopped = new CountDownLatch(1);
        StraitRuntime runtime = StraitRuntime.open(loaded, schedulerName, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "strait-shutdown"));
        runtime.start();
        spec.commandLine().getOut().println("strait run: replicating " + loaded.links().size()
                + " link(s); stop with SIGTERM");
        stopped.await();
        return 0;
    }
}
