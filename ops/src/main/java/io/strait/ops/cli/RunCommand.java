package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.job.JobState;
import io.strait.common.job.ReplicationJob;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.sql.job.JdbcJobStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs replication: every link's cycle on Quartz (clustered through the state store) until"
                + " stopped with SIGTERM or Ctrl-C; or, with --until-drained, as a batch job that exits once every"
                + " captured event is replicated (exit 1 if a job of this run failed, 2 if it did not drain in time).")
final class RunCommand implements Callable<Integer> {
    private static final long POLL_MILLIS = 250;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--scheduler-name", defaultValue = "strait",
            description = "Quartz scheduler name; processes sharing it and the state store form one cluster")
    String schedulerName;

    @Option(names = "--until-drained", description = "Exit once every captured event is replicated")
    boolean untilDrained;

    @Option(names = "--timeout", defaultValue = "3600", description = "With --until-drained: seconds to wait"
            + " (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        StraitConfig loaded = config.load();
        StraitRuntime runtime = StraitRuntime.open(loaded, schedulerName, Clock.systemUTC());
        if (untilDrained) {
            try (runtime) {
                return runAsBatch(runtime);
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
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

    private int runAsBatch(StraitRuntime runtime) throws InterruptedException {
        long started = System.currentTimeMillis();
        runtime.start();
        long deadline = started + timeoutSeconds * 1000;
        Thread.sleep(POLL_MILLIS);
        while (!runtime.isDrained()) {
            if (System.currentTimeMillis() > deadline) {
                spec.commandLine().getErr().println("strait run: not drained after " + timeoutSeconds + " s");
                return 2;
            }
            Thread.sleep(POLL_MILLIS);
        }
        List<ReplicationJob> failed = failedSince(runtime, started);
        failed.forEach(job -> spec.commandLine().getOut().println("  " + job.state() + " job " + job.id() + " "
                + job.kind() + " " + job.object() + ": " + job.lastError()));
        spec.commandLine().getOut().println("strait run: drained in " + (System.currentTimeMillis() - started)
                + " ms; " + failed.size() + " job(s) of this run failed");
        return failed.isEmpty() ? 0 : 1;
    }

    private static List<ReplicationJob> failedSince(StraitRuntime runtime, long startedMillis) {
        JdbcJobStore jobs = new JdbcJobStore(runtime.stateStore().dataSource(), Clock.systemUTC());
        return runtime.config().links().stream().map(LinkConfig::name)
                .flatMap(link -> Stream.of(JobState.FAILED, JobState.UNVERIFIABLE)
                        .flatMap(state -> jobs.recent(link, Optional.of(state), 1000).stream()))
                .filter(job -> job.updatedAtMillis() >= startedMillis)
                .toList();
    }
}
