package io.strait.scheduler.cycle;

import io.strait.common.job.JobStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every process's lease keeper, on a thread of its own (independent of Quartz, which may run a link's cycle in
 * another process): every third of the lease it renews every lease this process holds ({@link
 * JobStore#renewLeases}), then takes over the jobs of its links whose lease expired ({@link
 * ReplicationCycle#takeOverExpiredLeases}) — so a killed process's jobs return to the queue within about one lease.
 */
public final class LeaseHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseHeartbeat.class);

    private final JobStore store;
    private final List<ReplicationCycle> cycles;
    private final long periodMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "strait-lease-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public LeaseHeartbeat(JobStore store, List<ReplicationCycle> cycles, Duration lease) {
        this.store = store;
        this.cycles = List.copyOf(cycles);
        this.periodMillis = Math.max(10, lease.toMillis() / 3);
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::beat, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** One beat: renew, then reap. Never throws (a failed beat is retried at the next one). */
    void beat() {
        try {
            store.renewLeases();
        } catch (RuntimeException e) {
            LOG.warn("could not renew the job leases of {}; retrying in {} ms: {}", store.leaseOwner(), periodMillis,
                    e.getMessage());
            return;
        }
        for (ReplicationCycle cycle : cycles) {
            try {
                cycle.takeOverExpiredLeases();
            } catch (RuntimeException e) {
                LOG.warn("link {}: could not take over expired job leases: {}", cycle.linkName(), e.getMessage());
            }
        }
    }

    /** Stops renewing: the leases this process still holds expire one lease later unless released. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
