package io.strait.ops.repair;

import io.strait.common.config.StraitConfig;
import io.strait.ops.runtime.StraitRuntime;
import io.strait.reparo.repair.ReplicationDriver;
import io.strait.sql.quartz.QuartzMembers;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets repair and bootstrap jobs run by the ordinary replication cycle: when members of the Quartz cluster
 * {@code schedulerName} checked in recently (a {@code strait run} is running), they take the jobs from the state
 * store and nothing is started here; otherwise this process starts replication itself, as
 * {@code strait run --until-drained} does, for as long as the command waits. While it relies on other processes it
 * keeps checking, and starts replication itself once none has checked in for {@link QuartzMembers#LIVE_WITHIN}
 * (a {@code strait run} that stopped meanwhile; a stopped process's check-in row stays behind for that long).
 * Starting replication beside a running process is avoided: it would move that process's jobs in flight back to
 * RETRY_WAIT when it recovers abandoned jobs.
 */
public final class ReplicationDrivers implements ReplicationDriver {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationDrivers.class);
    private static final Duration RECHECK = Duration.ofSeconds(5);

    private final StraitConfig config;
    private final String schedulerName;
    private final QuartzMembers members;
    private final Clock clock;

    public ReplicationDrivers(StraitConfig config, String schedulerName, DataSource stateStore, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.schedulerName = Objects.requireNonNull(schedulerName, "schedulerName");
        this.members = new QuartzMembers(stateStore, clock);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Running start() {
        int live = members.live(schedulerName);
        if (live == 0) {
            StraitRuntime runtime = startHere();
            return running("by replication started in this process (no strait run of Quartz cluster "
                    + schedulerName + " is running)", runtime::close);
        }
        String description = "by the running strait run (" + live + " live member(s) of Quartz cluster "
                + schedulerName + ")";
        LOG.info("repair jobs are run {}", description);
        Watcher watcher = new Watcher();
        return running(description, watcher::close);
    }

    private StraitRuntime startHere() {
        // the command that started it checked the schema; replication started here never migrates
        StraitRuntime runtime = StraitRuntime.open(config, schedulerName, clock,
                store -> store.requireCurrentSchema("strait migrate"));
        try {
            runtime.start();
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** Starts replication here once the cluster's other members stopped checking in. */
    private final class Watcher {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "strait-repair-watch");
            thread.setDaemon(true);
            return thread;
        });
        private StraitRuntime started;

        Watcher() {
            timer.scheduleWithFixedDelay(this::check, RECHECK.toMillis(), RECHECK.toMillis(), TimeUnit.MILLISECONDS);
        }

        private synchronized void check() {
            try {
                if (started == null && members.live(schedulerName) == 0) {
                    LOG.warn("no member of Quartz cluster {} checked in for {}: starting replication in this process"
                            + " for the repair jobs", schedulerName, QuartzMembers.LIVE_WITHIN);
                    started = startHere();
                }
            } catch (RuntimeException e) {
                LOG.warn("cannot check or start replication for the repair jobs; retrying in {}: {}", RECHECK,
                        e.getMessage());
            }
        }

        synchronized void close() {
            timer.shutdownNow();
            if (started != null) {
                started.close();
            }
        }
    }

    private static Running running(String description, Runnable stop) {
        return new Running() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public void close() {
                stop.run();
            }
        };
    }
}
