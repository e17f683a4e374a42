package io.strait.listener;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.StampedEvent;
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
 * Numbers each event (the instance's gap-free sequence, 1, 2, 3, ...) and writes it to the sink while the store is
 * healthy and nothing waits in the spool; otherwise appends it to the durable {@link EventSpool}. Order is kept: an
 * event is written directly only when the spool is empty. A failed write marks the store unhealthy: later events go
 * straight to the spool, so metastore calls do not wait on a dead store again.
 *
 * <p>A background thread ticks every heartbeat interval. While the store is healthy a tick reads the log's horizon
 * under the lock (no write of this instance is then in flight) and records a heartbeat with it; while it is
 * unhealthy a tick first probes the store with a heartbeat outside the lock (a metastore call never waits on the
 * probe) and replays the spool only when the probe got an answer. Without a registry (tests) a tick replays every
 * replay interval, as before heartbeats existed. With a registry, nothing is written to the log before the first
 * heartbeat registered the instance (events spool until then), so a reader never misses a write of an instance it
 * does not know yet.
 */
final class SpoolingEventRecorder implements EventRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolingEventRecorder.class);

    private final RegionId region;
    private final ListenerIdentity identity;
    private final Optional<EventSink> sink;
    private final Optional<ListenerRegistry> registry;
    private final EventSpool spool;
    private final ScheduledExecutorService replayer;
    private final ReentrantLock lock = new ReentrantLock(true);
    private boolean healthy = true;
    private long latestSeq;
    private volatile boolean stopping;
    private volatile boolean registryAnswered = true;
    private volatile long replayPasses;

    private SpoolingEventRecorder(RegionId region, ListenerIdentity identity, Optional<EventSink> sink,
            Optional<ListenerRegistry> registry, EventSpool spool) {
        this.region = Objects.requireNonNull(region, "region");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.sink = sink;
        this.registry = registry;
        this.spool = Objects.requireNonNull(spool, "spool");
        this.replayer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "strait-spool-replay-" + region);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Writes to {@code sink}, spooling while it fails; reports to {@code registry} every {@code heartbeatInterval}
     * and replays the spool when the store answers.
     */
    static SpoolingEventRecorder writingTo(RegionId region, ListenerIdentity identity, EventSink sink,
            ListenerRegistry registry, EventSpool spool, Duration heartbeatInterval) {
        SpoolingEventRecorder recorder = new SpoolingEventRecorder(region, identity, Optional.of(sink),
                Optional.of(registry), spool);
        recorder.healthy = false; // events are spooled until the instance is registered: readers wait only for
                                  // the writes of instances they know
        recorder.replayer.scheduleWithFixedDelay(recorder::tick, 0, heartbeatInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        return recorder;
    }

    /** Writes to {@code sink} without heartbeats, replaying the spool every {@code replayInterval}. */
    static SpoolingEventRecorder writingTo(RegionId region, EventSink sink, EventSpool spool,
            Duration replayInterval) {
        SpoolingEventRecorder recorder = new SpoolingEventRecorder(region, ListenerIdentity.ofThisProcess(),
                Optional.of(sink), Optional.empty(), spool);
        recorder.replayer.scheduleWithFixedDelay(recorder::tick, 0, replayInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        return recorder;
    }

    /** Spools every event (the store is not configured); a later start with a valid configuration replays them. */
    static SpoolingEventRecorder spoolOnly(RegionId region, EventSpool spool) {
        return new SpoolingEventRecorder(region, ListenerIdentity.ofThisProcess(), Optional.empty(),
                Optional.empty(), spool);
    }

    @Override
    public void record(CapturedEvent event) {
        boolean queued;
        lock.lock();
        try {
            StampedEvent stamped = new StampedEvent(identity.instanceId(), ++latestSeq, event);
            if (healthy && spool.isEmpty() && sink.isPresent() && tryWrite(stamped)) {
                return;
            }
            append(stamped);
            queued = healthy && sink.isPresent();
        } finally {
            lock.unlock();
        }
        if (queued) {
            replayer.execute(this::replay);
        }
    }

    /** One beat of the background thread: heartbeat (a probe while unhealthy), then replay if the store answered. */
    void tick() {
        try {
            boolean reachable = registry.map(this::heartbeat).orElse(true);
            if (reachable && sink.isPresent()) {
                replay();
            }
        } catch (RuntimeException e) {
            LOG.error("region {}: listener heartbeat failed: {}", region, e.getMessage(), e);
        }
        replayPasses++;
    }

    /** Records a heartbeat; true when the store answered. */
    private boolean heartbeat(ListenerRegistry target) {
        ListenerHeartbeat beat;
        lock.lock();
        try {
            beat = snapshot();
            if (healthy && !stopping) {
                beat = beat.withHorizon(target.horizon());
            }
        } catch (Exception e) {
            markUnhealthy("read the event log's horizon", e);
            return false;
        } finally {
            lock.unlock();
        }
        try {
            target.heartbeat(beat);
            if (!registryAnswered) {
                LOG.info("region {}: listener instance {} reaches the state store again", region,
                        identity.instanceId());
            }
            registryAnswered = true;
            return true;
        } catch (Exception e) {
            if (registryAnswered) {
                LOG.warn("region {}: listener instance {} cannot record its heartbeat ({}); trying again every"
                        + " heartbeat", region, identity.instanceId(), e.getMessage());
            }
            registryAnswered = false;
            return false;
        }
    }

    /** The instance's state now; the caller holds the lock. */
    private ListenerHeartbeat snapshot() {
        return new ListenerHeartbeat(latestSeq, spool.firstSequenceOf(identity.instanceId()), spool.size(),
                spool.objects(ListenerHeartbeat.MAX_TABLES), 0, stopping);
    }

    /** Records that this instance stops (the metastore shuts down): the store stops expecting its events. */
    void markStopping() {
        stopping = true;
        registry.ifPresent(this::heartbeat);
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
    }

    /** How many ticks have finished (the first runs at start). */
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

    String instanceId() {
        return identity.instanceId();
    }

    private boolean replayOne() {
        lock.lock();
        try {
            Optional<StampedEvent> head = spool.peek();
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
    private StampedEvent attributed(StampedEvent stamped) {
        CapturedEvent event = stamped.event();
        if (!event.sourceRegion().equals(ListenerConfig.UNCONFIGURED_REGION)) {
            return stamped;
        }
        return new StampedEvent(stamped.instanceId(), stamped.sequence(), new CapturedEvent(region, event.type(),
                event.database(), event.table(), event.capturedAtMillis(), event.origin(), event.snapshot(), event.notificationId()));
    }

    private boolean tryWrite(StampedEvent stamped) {
        try {
            sink.orElseThrow().write(stamped);
            return true;
        } catch (Exception e) {
            CapturedEvent event = stamped.event();
            markUnhealthy("write the " + event.type() + " event of " + objectOf(event), e);
            return false;
        }
    }

    private void markUnhealthy(String action, Exception e) {
        if (healthy) {
            LOG.warn("region {}: cannot {} in the state store ({}); spooling events in {} and replaying them when"
                    + " the store answers", region, action, e.getMessage(), spool.directory());
        }
        healthy = false;
    }

    private void append(StampedEvent stamped) {
        try {
            spool.append(stamped);
        } catch (UncheckedIOException e) {
            CapturedEvent event = stamped.event();
            LOG.error("region {}: LOST the {} event of {} (instance {}, sequence {}): cannot spool it ({});"
                    + " reconcile it", region, event.type(), objectOf(event), stamped.instanceId(),
                    stamped.sequence(), e.getMessage());
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
            registry.ifPresent(ListenerRegistry::close);
            spool.close();
        } finally {
            lock.unlock();
        }
    }
}
