package io.strait.listener;

import io.strait.common.event.CapturedEvent;
import io.strait.common.region.RegionId;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each event to the sink while the store is healthy and nothing waits in the spool; otherwise appends it
 * to the durable {@link EventSpool}. A background thread replays the spool in order, one event per lock hold, at
 * start and every replay interval (at once when events queue behind a healthy store). A failed write marks the
 * store unhealthy: later events go straight to the spool, so metastore calls do not wait on a dead store again
 * until a replay succeeds. Order is kept: an event is written directly only when the spool is empty.
 */
final class SpoolingEventRecorder implements EventRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolingEventRecorder.class);

    private final RegionId region;
    private final Optional<EventSink> sink;
    private final EventSpool spool;
    private final ScheduledExecutorService replayer;
    private final ReentrantLock lock = new ReentrantLock(true);
    private boolean healthy = true;
    private volatile long replayPasses;

    private SpoolingEventRecorder(RegionId region, Optional<EventSink> sink, EventSpool spool) {
        this.region = Objects.requireNonNull(region, "region");
        this.sink = sink;
        this.spool = Objects.requireNonNull(spool, "spool");
        this.replayer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "strait-spool-replay-" + region);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Writes to {@code sink}, spooling while it fails; replays the spool every {@code replayInterval}. */
    static SpoolingEventRecorder writingTo(RegionId region, EventSink sink, EventSpool spool,
            Duration replayInterval) {
        SpoolingEventRecorder recorder = new SpoolingEventRecorder(region, Optional.of(sink), spool);
        recorder.replayer.scheduleWithFixedDelay(recorder::replay, 0, replayInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        return recorder;
    }

    /** Spools every event (the store is not configured); a later start with a valid configuration replays them. */
    static SpoolingEventRecorder spoolOnly(RegionId region, EventSpool spool) {
        return new SpoolingEventRecorder(region, Optional.empty(), spool);
    }

    @Override
    public void record(CapturedEvent event) {
        boolean queued;
        lock.lock();
        try {
            if (healthy && spool.isEmpty() && sink.isPresent() && tryWrite(event)) {
                return;
            }
            append(event);
            queued = healthy && sink.isPresent();
        } finally {
            lock.unlock();
        }
        if (queued) {
            replayer.execute(this::replay);
        }
    }

    /** Replays spooled events in order until the spool is empty or a write fails. */
    void replay() {
        int replayed = 0;
        while (replayOne()) {
            replayed++;
        }
        if (replayed > 0) {
            LOG.info("region {}: replayed {} spooled events into the state store; {} left", region, replayed,
                    pendingCount());
        }
        replayPasses++;
    }

    /** How many replay passes have finished (the first runs at start). */
    long replayPasses() {
        return replayPasses;
    }

    int pendingCount() {
        lock.lock();
        try {
            return spool.size();
        } finally {
            lock.unlock();
        }
    }

    private boolean replayOne() {
        lock.lock();
        try {
            Optional<CapturedEvent> head = spool.peek();
            if (head.isEmpty()) {
                healthy = true;
                return false;
            }
            if (!tryWrite(attributed(head.get()))) {
                return false;
            }
            spool.removeFirst();
            healthy = true;
            return true;
        } catch (RuntimeException e) {
            LOG.error("region {}: cannot replay the spool in {}: {}", region, spool.directory(), e.getMessage(), e);
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Events spooled while the region was not configured belong to the region configured now. */
    private CapturedEvent attributed(CapturedEvent event) {
        if (!event.sourceRegion().equals(ListenerConfig.UNCONFIGURED_REGION)) {
            return event;
        }
        return new CapturedEvent(region, event.type(), event.database(), event.table(), event.capturedAtMillis(),
                event.origin(), event.snapshot());
    }

    private boolean tryWrite(CapturedEvent event) {
        try {
            sink.orElseThrow().write(event);
            return true;
        } catch (Exception e) {
            if (healthy) {
                LOG.warn("region {}: cannot write the {} event of {} to the state store ({}); spooling events in {}"
                        + " and replaying them when the store answers", region, event.type(), objectOf(event),
                        e.getMessage(), spool.directory());
            }
            healthy = false;
            return false;
        }
    }

    private void append(CapturedEvent event) {
        try {
            spool.append(event);
        } catch (UncheckedIOException e) {
            LOG.error("region {}: LOST the {} event of {}: cannot spool it ({}); reconcile it", region,
                    event.type(), objectOf(event), e.getMessage());
        }
    }

    private static String objectOf(CapturedEvent event) {
        return event.table().isEmpty() ? event.database() : event.database() + "." + event.table();
    }

    @Override
    public void close() {
        replayer.shutdownNow();
        lock.lock();
        try {
            sink.ifPresent(EventSink::close);
            spool.close();
        } finally {
            lock.unlock();
        }
    }
}
