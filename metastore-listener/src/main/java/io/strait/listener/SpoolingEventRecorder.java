package io.strait.listener;

import io.strait.common.capture.ListenerCallTimes;
import io.strait.common.event.CapturedEvent;
import io.strait.common.event.StampedEvent;
import io.strait.common.region.RegionId;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbers each event (the instance's gap-free sequence, 1, 2, 3, ...) and makes it durable before {@link #record}
 * returns: in the state store, or else in the durable {@link EventSpool}.
 *
 * <p><b>Group commit.</b> While the store is healthy and the spool is empty, a metastore thread queues its event
 * and waits; one committer thread writes everything queued (events of concurrent metastore calls, in sequence
 * order) as one transaction, then acknowledges them all. A metastore thread waits at most the write budget (the
 * write timeout): if its event is not committed by then, it appends every event not yet acknowledged, in sequence
 * order, to the spool (one fsync), marks the store unhealthy and returns. A batch that commits after all (the store
 * was only slow) is then in the store and in the spool; the replay writes it again and the store keeps the first
 * row (its unique key on instance and sequence): exactly once in the store.
 *
 * <p><b>Locks.</b> {@code lock} guards the numbering, the queue and the spool; it is held only for memory work and
 * spool appends, <em>never across a store call</em>, so no metastore thread ever waits on the store through it.
 * {@code storeWrites} lets one write of this instance reach the store at a time (a group commit, a replay, or the
 * heartbeat's horizon read, which needs no write in flight); metastore threads never take it.
 *
 * <p>Order is kept: an event is queued only while the spool is empty, and an event spooled for any reason takes all
 * later ones with it. A failed write marks the store unhealthy: later events go straight to the spool, so metastore
 * calls do not wait on a dead store again.
 *
 * <p>A background thread ticks every heartbeat interval. While the store is healthy a tick reads the log's horizon
 * with no write of this instance in flight and records a heartbeat with it; while it is unhealthy a tick first
 * probes the store with a heartbeat and replays the spool only when the probe got an answer. Without a registry
 * (tests) a tick replays every replay interval, as before heartbeats existed. With a registry, nothing is written to
 * the log before the first heartbeat registered the instance (events spool until then), so a reader never misses a
 * write of an instance it does not know yet.
 *
 * <p><b>Journaled acknowledgement</b> ({@link Acknowledgement#JOURNALED}). {@link #record} numbers the event,
 * appends it to the spool file, which is then a journal, with a plain write (no force) and returns: the metastore
 * call waits neither for the store nor for the disk. The committer drains the journal in order into the store,
 * {@link #MAX_BATCH} events per transaction, exactly as a replay does, and forgets what reached the store in memory;
 * a sync thread forces the journal every journal sync interval and then records that progress (the replay
 * position), cutting the file when nothing is left. A restart replays the journal past the recorded position: what
 * reached the store already is kept once by the store's unique key. Here {@code healthy} means the committer may
 * write: a failed write stops it until a heartbeat reached the store again.
 */
final class SpoolingEventRecorder implements EventRecorder {
    /** At most this many events in one group commit or one replay transaction. */
    static final int MAX_BATCH = 500;
    /** Default write budget of recorders built without one (tests): the default write timeout. */
    static final Duration DEFAULT_WRITE_BUDGET = Duration.ofSeconds(2);
    /** How long a heartbeat waits for a write in flight to end before it goes without a horizon. */
    private static final long HORIZON_WAIT_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(SpoolingEventRecorder.class);

    private final RegionId region;
    private final ListenerIdentity identity;
    private final Optional<EventSink> sink;
    private final Optional<ListenerRegistry> registry;
    private final EventSpool spool;
    private final Duration writeBudget;
    private final Acknowledgement acknowledgement;
    private final ScheduledExecutorService replayer;
    private final Optional<ScheduledExecutorService> journalSync;
    private final ExecutorService committer;
    private final ReentrantLock lock = new ReentrantLock();
    private final CallTimes callTimes = new CallTimes(java.time.Clock.systemUTC());
    private final Condition queuedOrStopped = lock.newCondition();
    private final ReentrantLock storeWrites = new ReentrantLock(true); // fair: a heartbeat gets its turn under load
    /** One replay (or journal drain) at a time: two would remove the same head twice. */
    private final ReentrantLock replays = new ReentrantLock();
    /** Events waiting for the committer, in sequence order (guarded by lock). */
    private final Deque<Pending> queued = new ArrayDeque<>();
    /** The committer's batch in flight (guarded by lock). */
    private List<Pending> inFlight = List.of();
    private boolean healthy = true;
    private long latestSeq;
    private volatile boolean stopping;
    private volatile boolean closed;
    private volatile boolean registryAnswered = true;
    private volatile long replayPasses;
    /** Journaled: the last sync failed (logged once until it works again); only the sync thread uses it. */
    private boolean journalSyncFailing;

    /** A queued event and whether it is durable yet (in the store or the spool); resolved is guarded by lock. */
    private static final class Pending {
        private final StampedEvent event;
        private final CountDownLatch durable = new CountDownLatch(1);
        private boolean resolved;

        Pending(StampedEvent event) {
            this.event = event;
        }

        void resolve() {
            resolved = true;
            durable.countDown();
        }
    }

    private SpoolingEventRecorder(RegionId region, ListenerIdentity identity, Optional<EventSink> sink,
            Optional<ListenerRegistry> registry, EventSpool spool, Duration writeBudget) {
        this(region, identity, sink, registry, spool, writeBudget, Acknowledgement.DURABLE, Duration.ZERO);
    }

    private SpoolingEventRecorder(RegionId region, ListenerIdentity identity, Optional<EventSink> sink,
            Optional<ListenerRegistry> registry, EventSpool spool, Duration writeBudget,
            Acknowledgement acknowledgement, Duration journalSyncInterval) {
        this.region = Objects.requireNonNull(region, "region");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.sink = sink;
        this.registry = registry;
        this.spool = Objects.requireNonNull(spool, "spool");
        this.writeBudget = Objects.requireNonNull(writeBudget, "writeBudget");
        this.acknowledgement = sink.isPresent() ? Objects.requireNonNull(acknowledgement, "acknowledgement")
                : Acknowledgement.DURABLE; // nothing drains a spool-only journal: every event is forced
        this.replayer = Executors.newSingleThreadScheduledExecutor(daemon("strait-spool-replay-" + region));
        this.committer = Executors.newSingleThreadExecutor(daemon("strait-group-commit-" + region));
        if (journaled()) {
            ScheduledExecutorService sync = Executors.newSingleThreadScheduledExecutor(
                    daemon("strait-journal-sync-" + region));
            sync.scheduleWithFixedDelay(this::syncJournal, journalSyncInterval.toMillis(),
                    journalSyncInterval.toMillis(), TimeUnit.MILLISECONDS);
            this.journalSync = Optional.of(sync);
            committer.execute(this::drainLoop);
        } else {
            this.journalSync = Optional.empty();
            if (sink.isPresent()) {
                committer.execute(this::commitLoop);
            }
        }
    }

    private boolean journaled() {
        return acknowledgement == Acknowledgement.JOURNALED;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Writes to {@code sink}, spooling while it fails or does not answer within {@code writeBudget}; reports to
     * {@code registry} every {@code heartbeatInterval} and replays the spool when the store answers.
     */
    static SpoolingEventRecorder writingTo(RegionId region, ListenerIdentity identity, EventSink sink,
            ListenerRegistry registry, EventSpool spool, Duration heartbeatInterval, Duration writeBudget) {
        return writingTo(region, identity, sink, registry, spool, heartbeatInterval, writeBudget,
                Acknowledgement.DURABLE, Duration.ZERO);
    }

    /**
     * As above, acknowledging each event as {@code acknowledgement} says; a journaled recorder forces its journal
     * every {@code journalSyncInterval}.
     */
    static SpoolingEventRecorder writingTo(RegionId region, ListenerIdentity identity, EventSink sink,
            ListenerRegistry registry, EventSpool spool, Duration heartbeatInterval, Duration writeBudget,
            Acknowledgement acknowledgement, Duration journalSyncInterval) {
        SpoolingEventRecorder recorder = new SpoolingEventRecorder(region, identity, Optional.of(sink),
                Optional.of(registry), spool, writeBudget, acknowledgement, journalSyncInterval);
        recorder.healthy = false; // events are spooled until the instance is registered: readers wait only for
                                  // the writes of instances they know
        recorder.replayer.scheduleWithFixedDelay(recorder::tick, 0, heartbeatInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        return recorder;
    }

    /** As above with the {@link #DEFAULT_WRITE_BUDGET}. */
    static SpoolingEventRecorder writingTo(RegionId region, ListenerIdentity identity, EventSink sink,
            ListenerRegistry registry, EventSpool spool, Duration heartbeatInterval) {
        return writingTo(region, identity, sink, registry, spool, heartbeatInterval, DEFAULT_WRITE_BUDGET);
    }

    /** Writes to {@code sink} without heartbeats, replaying the spool every {@code replayInterval}. */
    static SpoolingEventRecorder writingTo(RegionId region, EventSink sink, EventSpool spool,
            Duration replayInterval) {
        return writingTo(region, sink, spool, replayInterval, DEFAULT_WRITE_BUDGET);
    }

    /** As above, waiting at most {@code writeBudget} for the store before spooling. */
    static SpoolingEventRecorder writingTo(RegionId region, EventSink sink, EventSpool spool,
            Duration replayInterval, Duration writeBudget) {
        return writingTo(region, sink, spool, replayInterval, writeBudget, Acknowledgement.DURABLE, Duration.ZERO);
    }

    /** As above, acknowledging as {@code acknowledgement} says (a journal forced every {@code journalSyncInterval}). */
    static SpoolingEventRecorder writingTo(RegionId region, EventSink sink, EventSpool spool,
            Duration replayInterval, Duration writeBudget, Acknowledgement acknowledgement,
            Duration journalSyncInterval) {
        SpoolingEventRecorder recorder = new SpoolingEventRecorder(region, ListenerIdentity.ofThisProcess(),
                Optional.of(sink), Optional.empty(), spool, writeBudget, acknowledgement, journalSyncInterval);
        recorder.replayer.scheduleWithFixedDelay(recorder::tick, 0, replayInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        return recorder;
    }

    /** Spools every event (the store is not configured); a later start with a valid configuration replays them. */
    static SpoolingEventRecorder spoolOnly(RegionId region, EventSpool spool) {
        return new SpoolingEventRecorder(region, ListenerIdentity.ofThisProcess(), Optional.empty(),
                Optional.empty(), spool, DEFAULT_WRITE_BUDGET);
    }

    @Override
    public void callTook(long nanos) {
        callTimes.record(nanos);
    }

    @Override
    public void record(CapturedEvent event) {
        if (journaled()) {
            journal(event);
            return;
        }
        Pending pending = null;
        boolean replayNow = false;
        lock.lock();
        try {
            StampedEvent stamped = new StampedEvent(identity.instanceId(), ++latestSeq, event);
            if (healthy && spool.isEmpty() && sink.isPresent()) {
                pending = new Pending(stamped);
                queued.addLast(pending);
                queuedOrStopped.signal();
            } else {
                append(List.of(stamped));
                replayNow = healthy && sink.isPresent();
            }
        } finally {
            lock.unlock();
        }
        if (pending != null) {
            awaitDurable(pending);
        } else if (replayNow) {
            replayer.execute(this::replay);
        }
    }

    /** Journaled: numbers the event, appends it to the journal without a force and wakes the committer. */
    private void journal(CapturedEvent event) {
        lock.lock();
        try {
            StampedEvent stamped = new StampedEvent(identity.instanceId(), ++latestSeq, event);
            try {
                spool.journal(List.of(stamped));
            } catch (UncheckedIOException e) {
                append(List.of(stamped)); // a forced append: it logs the event as lost if that fails too
            }
            queuedOrStopped.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Journaled: the committer thread writes the journal into the store whenever the store is healthy. */
    private void drainLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                lock.lock();
                try {
                    while (!healthy || spool.isEmpty()) {
                        queuedOrStopped.await();
                    }
                } finally {
                    lock.unlock();
                }
                try {
                    replay();
                } catch (RuntimeException e) {
                    LOG.error("region {}: writing the journal to the state store failed: {}", region,
                            e.getMessage(), e);
                    lock.lock();
                    try {
                        markUnhealthy("write the journal", e.getMessage());
                    } finally {
                        lock.unlock();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Journaled: forces the journal to disk and records how far it reached the store (cutting it when all did).
     * The lock is held only to read the progress, not across the force.
     */
    void syncJournal() {
        try {
            long checkpoint;
            lock.lock();
            try {
                checkpoint = spool.checkpoint();
            } finally {
                lock.unlock();
            }
            spool.sync(checkpoint);
            if (journalSyncFailing) {
                LOG.info("region {}: the journal in {} is forced to disk again", region, spool.directory());
                journalSyncFailing = false;
            }
        } catch (RuntimeException e) {
            if (!journalSyncFailing) {
                LOG.error("region {}: cannot force the journal in {} to disk ({}): journaled events survive a"
                        + " metastore crash but not an OS crash until it works again; trying every sync interval",
                        region, spool.directory(), causeOf(e));
                journalSyncFailing = true;
            } else {
                LOG.debug("region {}: journal sync still failing: {}", region, causeOf(e));
            }
        }
    }

    private static String causeOf(RuntimeException e) {
        return e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause();
    }

    /** Waits for the group commit at most the write budget; then spools whatever is not acknowledged yet. */
    private void awaitDurable(Pending pending) {
        boolean committed;
        try {
            committed = pending.durable.await(writeBudget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            committed = false;
        }
        if (committed) {
            return;
        }
        lock.lock();
        try {
            if (!pending.resolved) {
                CapturedEvent event = pending.event.event();
                markUnhealthy("write the " + event.type() + " event of " + objectOf(event) + " within the write"
                        + " budget of " + writeBudget.toMillis() + " ms", "no answer");
            }
        } finally {
            lock.unlock();
        }
    }

    /** The committer thread: one transaction per batch of queued events, until stopped. */
    private void commitLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                awaitQueued();
                try {
                    commitQueued();
                } catch (RuntimeException e) {
                    // the events' threads spool them when their budget runs out; the committer goes on
                    LOG.error("region {}: group commit failed: {}", region, e.getMessage(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitQueued() throws InterruptedException {
        lock.lock();
        try {
            while (queued.isEmpty()) {
                queuedOrStopped.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes the queued events (at most {@link #MAX_BATCH}) in one transaction and acknowledges them. */
    void commitQueued() {
        storeWrites.lock();
        try {
            List<Pending> batch;
            lock.lock();
            try {
                batch = new ArrayList<>(Math.min(queued.size(), MAX_BATCH));
                while (!queued.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queued.removeFirst());
                }
                inFlight = batch;
            } finally {
                lock.unlock();
            }
            if (batch.isEmpty()) {
                return;
            }
            Exception failure = write(batch.stream().map(pending -> pending.event).toList());
            lock.lock();
            try {
                if (failure == null) {
                    batch.forEach(Pending::resolve); // already resolved ones are also in the spool: deduplicated
                } else {
                    CapturedEvent first = batch.get(0).event.event();
                    markUnhealthy("write " + batch.size() + " event(s) from the " + first.type() + " event of "
                            + objectOf(first), failure.getMessage());
                }
                inFlight = List.of();
            } finally {
                lock.unlock();
            }
        } finally {
            storeWrites.unlock();
        }
    }

    /**
     * Appends every event not acknowledged yet (the batch in flight, then the queue: sequence order) to the spool in
     * one fsync and releases their metastore threads; the caller holds the lock.
     */
    private void spoolUnacknowledged() {
        List<Pending> unacknowledged = new ArrayList<>();
        inFlight.stream().filter(pending -> !pending.resolved).forEach(unacknowledged::add);
        queued.stream().filter(pending -> !pending.resolved).forEach(unacknowledged::add);
        queued.clear();
        unacknowledged.sort((a, b) -> Long.compare(a.event.sequence(), b.event.sequence()));
        append(unacknowledged.stream().map(pending -> pending.event).toList());
        unacknowledged.forEach(Pending::resolve);
    }

    /** One beat of the background thread: heartbeat (a probe while unhealthy), then replay if the store answered. */
    void tick() {
        try {
            boolean reachable = registry.map(this::heartbeat).orElse(true);
            if (reachable && journaled()) {
                resumeDraining();
            } else if (reachable && sink.isPresent()) {
                replay();
            }
        } catch (RuntimeException e) {
            LOG.error("region {}: listener heartbeat failed: {}", region, e.getMessage(), e);
        }
        replayPasses++;
    }

    /** Lets a sync in progress end (an interrupt would close the journal's channel) and stops the next ones. */
    private static void stopSyncing(ScheduledExecutorService sync) {
        sync.shutdown();
        try {
            sync.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The final sync of a clean stop; the caller holds the lock (nothing appends any more). */
    private void syncJournalLocked() {
        try {
            spool.sync(spool.checkpoint());
        } catch (RuntimeException e) {
            LOG.error("region {}: cannot force the journal in {} to disk at the stop ({}); its events are replayed"
                    + " at the next start unless the OS crashes first", region, spool.directory(), causeOf(e));
        }
    }

    /**
     * What a killed metastore process leaves behind (tests): the threads stop, the files are closed as they are,
     * nothing more is forced, recorded or written to the store.
     */
    void abandon() {
        closed = true;
        replayer.shutdownNow();
        committer.shutdownNow();
        journalSync.ifPresent(ScheduledExecutorService::shutdownNow);
        storeWrites.lock(); // a write in flight ends first (a killed process's may have committed or not)
        try {
            lock.lock();
            try {
                spool.abandon();
            } finally {
                lock.unlock();
            }
            sink.ifPresent(EventSink::close);
            registry.ifPresent(ListenerRegistry::close);
        } finally {
            storeWrites.unlock();
        }
    }

    /** Journaled: the store answered, so the committer may write again. */
    private void resumeDraining() {
        lock.lock();
        try {
            if (!healthy && !spool.isEmpty()) {
                LOG.info("region {}: writing {} journaled events into the state store", region, spool.size());
            }
            healthy = true;
            queuedOrStopped.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Records a heartbeat; true when the store answered. */
    private boolean heartbeat(ListenerRegistry target) {
        ListenerHeartbeat beat;
        boolean quiet = tryLockStoreWrites();
        try {
            boolean readHorizon;
            lock.lock();
            try {
                beat = snapshot();
                readHorizon = quiet && healthy && !stopping;
            } finally {
                lock.unlock();
            }
            if (readHorizon) {
                try {
                    beat = beat.withHorizon(target.horizon());
                } catch (Exception e) {
                    lock.lock();
                    try {
                        markUnhealthy("read the event log's horizon", e.getMessage());
                    } finally {
                        lock.unlock();
                    }
                    return false;
                }
            }
        } finally {
            if (quiet) {
                storeWrites.unlock();
            }
        }
        try {
            // summarised outside the lock: the metastore's threads never wait for it
            target.heartbeat(beat.withCallTimes(callTimes.summary()));
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

    /** True when no write of this instance is in flight now (and none starts until storeWrites is unlocked). */
    private boolean tryLockStoreWrites() {
        try {
            return storeWrites.tryLock(HORIZON_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The instance's state now; the caller holds the lock. Every number up to the reported latest one is written or
     * in the spool: events still queued or in flight are neither yet, so the report stops before the first of them.
     */
    private ListenerHeartbeat snapshot() {
        long delivered = latestSeq;
        Optional<Pending> firstOpen = inFlight.stream().filter(pending -> !pending.resolved).findFirst()
                .or(() -> queued.stream().findFirst());
        if (firstOpen.isPresent()) {
            delivered = firstOpen.get().event.sequence() - 1;
        }
        return new ListenerHeartbeat(delivered, spool.firstSequenceOf(identity.instanceId()), spool.size(),
                spool.objects(ListenerHeartbeat.MAX_TABLES), 0, stopping, ListenerCallTimes.NONE);
    }

    /** Records that this instance stops (the metastore shuts down): the store stops expecting its events. */
    void markStopping() {
        if (closed) {
            return;
        }
        stopping = true;
        registry.ifPresent(this::heartbeat);
    }

    /**
     * Replays spooled events in order, {@link #MAX_BATCH} per transaction, until the spool is empty (the store is
     * healthy again) or a write fails. The lock is not held while the store is written.
     */
    void replay() {
        replays.lock();
        try {
            boolean recovering = !journaled(); // journaled: the committer's routine drain, logged when it resumes
            int replayed = 0;
            int batch;
            while ((batch = replayBatch()) > 0) {
                replayed += batch;
            }
            if (replayed > 0 && recovering) {
                LOG.info("region {}: replayed {} spooled events into the state store; {} left", region, replayed,
                        pendingCount());
            }
        } finally {
            replays.unlock();
        }
    }

    /**
     * Writes the spool's head (at most {@link #MAX_BATCH} events) in one transaction and removes it: how many, 0 when
     * the spool is empty (the store is then healthy) or the write failed. storeWrites is held for this batch only,
     * so a heartbeat gets its turn to read the horizon between two batches of a long replay.
     */
    private int replayBatch() {
        storeWrites.lock();
        try {
            List<StampedEvent> head;
            lock.lock();
            try {
                head = spool.peek(MAX_BATCH);
                if (head.isEmpty()) {
                    healthy = true;
                    return 0;
                }
            } finally {
                lock.unlock();
            }
            Exception failure = write(head.stream().map(this::attributed).toList());
            lock.lock();
            try {
                if (failure != null) {
                    CapturedEvent first = head.get(0).event();
                    markUnhealthy("replay the " + first.type() + " event of " + objectOf(first),
                            failure.getMessage());
                    return 0;
                }
                if (journaled()) {
                    spool.removeFirstLazily(head.size()); // progress reaches the disk with the next sync
                } else {
                    spool.removeFirst(head.size());
                }
                return head.size();
            } catch (RuntimeException e) {
                LOG.error("region {}: cannot replay the spool in {}: {}", region, spool.directory(),
                        e.getMessage(), e);
                return 0;
            } finally {
                lock.unlock();
            }
        } finally {
            storeWrites.unlock();
        }
    }

    /** How many ticks have finished (the first runs at start). */
    long replayPasses() {
        return replayPasses;
    }

    /** Events in the spool. */
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

    /** Events spooled while the region was not configured belong to the region configured now. */
    private StampedEvent attributed(StampedEvent stamped) {
        CapturedEvent event = stamped.event();
        if (!event.sourceRegion().equals(ListenerConfig.UNCONFIGURED_REGION)) {
            return stamped;
        }
        return new StampedEvent(stamped.instanceId(), stamped.sequence(), new CapturedEvent(region, event.type(),
                event.database(), event.table(), event.capturedAtMillis(), event.origin(), event.snapshot(), event.notificationId()));
    }

    /** Writes the events in one transaction; the failure, or null. The caller holds storeWrites, not the lock. */
    private Exception write(List<StampedEvent> events) {
        try {
            sink.orElseThrow().writeAll(events);
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    /**
     * Marks the store unhealthy and first spools every event not acknowledged yet: from here on events go straight
     * to the spool, so one still waiting in the queue (a heartbeat's failed read leaves the queue as it is) must be
     * there before them, or the replay would write it after later ones. The caller holds the lock.
     */
    private void markUnhealthy(String action, String cause) {
        if (healthy) {
            LOG.warn("region {}: cannot {} in the state store ({}); spooling events in {} and replaying them when"
                    + " the store answers", region, action, cause, spool.directory());
        }
        healthy = false;
        spoolUnacknowledged();
    }

    /** Appends to the spool; the caller holds the lock. */
    private void append(List<StampedEvent> stamped) {
        try {
            spool.appendAll(stamped);
        } catch (UncheckedIOException e) {
            for (StampedEvent lost : stamped) {
                CapturedEvent event = lost.event();
                LOG.error("region {}: LOST the {} event of {} (instance {}, sequence {}): cannot spool it ({});"
                        + " reconcile it", region, event.type(), objectOf(event), lost.instanceId(),
                        lost.sequence(), e.getMessage());
            }
        }
    }

    private static String objectOf(CapturedEvent event) {
        return event.table().isEmpty() ? event.database() : event.database() + "." + event.table();
    }

    @Override
    public void close() {
        closed = true;
        replayer.shutdownNow();
        committer.shutdownNow();
        journalSync.ifPresent(SpoolingEventRecorder::stopSyncing);
        lock.lock();
        try {
            spoolUnacknowledged();
            if (journaled()) {
                syncJournalLocked();
            }
            registry.ifPresent(ListenerRegistry::close);
            spool.close();
        } finally {
            lock.unlock();
        }
        sink.ifPresent(EventSink::close);
    }
}
