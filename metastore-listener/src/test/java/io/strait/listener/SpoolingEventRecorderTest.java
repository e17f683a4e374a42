package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.common.event.CapturedEvent;
import io.strait.common.json.StraitJson;
import io.strait.common.region.RegionId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolingEventRecorderTest {
    private static final Duration NEVER_BY_ITSELF = Duration.ofHours(1);
    private final FakeEventSink sink = new FakeEventSink();
    @TempDir
    Path spoolDirectory;
    private SpoolingEventRecorder recorder;

    @AfterEach
    void close() {
        if (recorder != null) {
            recorder.close();
        }
    }

    @Test
    void writesStraightToAHealthyStore() {
        recorder = started();

        recorder.record(TestingEvents.addPartition(1));
        recorder.record(TestingEvents.addPartition(2));

        assertThat(sink.writtenNumbers()).containsExactly(1, 2);
        assertThat(recorder.pendingCount()).isZero();
    }

    @Test
    void spoolsWhileTheStoreFailsWithoutTryingItAgainThenReplaysInOrder() {
        recorder = started();
        sink.failing(true);

        recorder.record(TestingEvents.addPartition(1));
        recorder.record(TestingEvents.addPartition(2));
        recorder.record(TestingEvents.addPartition(3));

        assertThat(sink.attempts()).as("only the first event waits on the failing store").isEqualTo(1);
        assertThat(recorder.pendingCount()).isEqualTo(3);

        sink.failing(false);
        recorder.replay();
        recorder.record(TestingEvents.addPartition(4));

        assertThat(sink.writtenNumbers()).containsExactly(1, 2, 3, 4);
        assertThat(recorder.pendingCount()).isZero();
    }

    @Test
    void aFailedReplayKeepsEverythingForTheNextPass() {
        recorder = started();
        sink.failing(true);
        recorder.record(TestingEvents.addPartition(1));
        recorder.record(TestingEvents.addPartition(2));

        recorder.replay();

        assertThat(recorder.pendingCount()).isEqualTo(2);
        assertThat(sink.written()).isEmpty();
    }

    @Test
    void eventsSpooledBeforeARestartAreReplayedAtStartBeforeNewOnes() {
        try (EventSpool previous = EventSpool.open(spoolDirectory, new StraitJson())) {
            previous.append(TestingEvents.stamped(1));
            previous.append(TestingEvents.stamped(2));
        }

        recorder = started();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.written().size() == 2);
        recorder.record(TestingEvents.addPartition(3));

        assertThat(sink.writtenNumbers()).containsExactly(1, 2, 3);
        assertThat(recorder.pendingCount()).isZero();
        assertThat(spoolDirectory.resolve(EventSpool.EVENTS_FILE)).isEmptyFile();
    }

    @Test
    void eventsQueuedBehindABacklogAreReplayedInOrderWithoutWaitingForTheInterval() {
        recorder = started();
        sink.failing(true);
        recorder.record(TestingEvents.addPartition(1));
        sink.failing(false);
        recorder.replay();
        sink.failing(true);
        recorder.record(TestingEvents.addPartition(2));
        recorder.record(TestingEvents.addPartition(3));
        sink.failing(false);
        recorder.replay();

        assertThat(sink.writtenNumbers()).containsExactly(1, 2, 3);
    }

    @Test
    void eventsSpooledWithoutAConfiguredRegionAreReplayedAsTheConfiguredRegion() {
        try (SpoolingEventRecorder unconfigured = SpoolingEventRecorder.spoolOnly(ListenerConfig.UNCONFIGURED_REGION,
                EventSpool.open(spoolDirectory, new StraitJson()))) {
            unconfigured.record(TestingEvents.addPartition(ListenerConfig.UNCONFIGURED_REGION, 1));
            assertThat(unconfigured.pendingCount()).isEqualTo(1);
        }

        recorder = started();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.written().size() == 1);

        CapturedEvent replayed = sink.written().get(0);
        assertThat(replayed.sourceRegion()).isEqualTo(RegionId.of("region-a"));
        assertThat(replayed.snapshot()).isEqualTo(TestingEvents.addPartition(1).snapshot());
    }

    @Test
    void numbersEventsWithoutGapsAcrossDirectWritesAndTheSpool() {
        recorder = started();
        recorder.record(TestingEvents.addPartition(1));
        sink.failing(true);
        recorder.record(TestingEvents.addPartition(2));
        recorder.record(TestingEvents.addPartition(3));
        sink.failing(false);
        recorder.replay();
        recorder.record(TestingEvents.addPartition(4));

        assertThat(sink.writtenSequences()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(sink.writtenNumbers()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void writesNothingBeforeTheInstanceIsRegisteredThenReplaysInOrder() {
        FakeListenerRegistry registry = new FakeListenerRegistry();
        registry.failing(true);
        recorder = SpoolingEventRecorder.writingTo(TestingEvents.REGION, ListenerIdentity.ofThisProcess(), sink,
                registry, EventSpool.open(spoolDirectory, new StraitJson()), NEVER_BY_ITSELF);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.replayPasses() > 0);

        recorder.record(TestingEvents.addPartition(1));
        recorder.record(TestingEvents.addPartition(2));
        assertThat(sink.attempts()).as("no write before the instance is registered").isZero();

        registry.failing(false);
        recorder.tick();
        recorder.record(TestingEvents.addPartition(3));

        assertThat(sink.writtenNumbers()).containsExactly(1, 2, 3);
        assertThat(registry.heartbeats()).first().satisfies(first -> {
            assertThat(first.latestSeq()).isEqualTo(2);
            assertThat(first.spooledFromSeq()).as("its own events wait in the spool from number 1").isEqualTo(1);
            assertThat(first.spoolDepth()).isEqualTo(2);
            assertThat(first.spooledTables()).containsExactly("sales.orders");
            assertThat(first.horizonEventId()).as("no horizon while events wait").isZero();
        });
    }

    @Test
    void aHealthyHeartbeatCarriesTheHorizonAndAFailingOneStopsDirectWrites() {
        FakeListenerRegistry registry = new FakeListenerRegistry();
        recorder = SpoolingEventRecorder.writingTo(TestingEvents.REGION, ListenerIdentity.ofThisProcess(), sink,
                registry, EventSpool.open(spoolDirectory, new StraitJson()), NEVER_BY_ITSELF);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.replayPasses() > 0);
        recorder.record(TestingEvents.addPartition(1));
        registry.horizon(42);

        recorder.tick();
        registry.failing(true);
        recorder.tick();
        recorder.record(TestingEvents.addPartition(2));

        assertThat(registry.heartbeats()).last().satisfies(beat -> {
            assertThat(beat.latestSeq()).isEqualTo(1);
            assertThat(beat.spooledFromSeq()).isZero();
            assertThat(beat.horizonEventId()).isEqualTo(42);
        });
        assertThat(sink.writtenNumbers()).as("the store did not answer the heartbeat: spooled").containsExactly(1);
        assertThat(recorder.pendingCount()).isEqualTo(1);
    }

    @Test
    void anEventQueuedWhenAHorizonReadFailsIsSpooledBeforeTheEventsAfterIt() throws Exception {
        FakeListenerRegistry registry = new FakeListenerRegistry();
        recorder = SpoolingEventRecorder.writingTo(TestingEvents.REGION, ListenerIdentity.ofThisProcess(), sink,
                registry, EventSpool.open(spoolDirectory, new StraitJson()), NEVER_BY_ITSELF, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.replayPasses() > 0);
        registry.holdHorizonReads();
        Thread tick = new Thread(recorder::tick);
        tick.start();
        assertThat(registry.awaitHeldHorizonRead()).isTrue();
        // the heartbeat reads the horizon with no write in flight: event 1 waits in the queue meanwhile
        Thread first = new Thread(() -> recorder.record(TestingEvents.addPartition(1)));
        first.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.getState() == Thread.State.TIMED_WAITING);
        sink.freeze();
        registry.failing(true);

        registry.releaseHorizonReads(); // the read fails: the store is unhealthy from here on
        tick.join(10_000);
        recorder.record(TestingEvents.addPartition(2)); // spooled at once
        sink.failing(true);
        sink.thaw(); // a write of event 1 started now would fail and spool it
        first.join(10_000);
        sink.failing(false);
        registry.failing(false);
        recorder.replay();

        assertThat(sink.writtenSequences()).as("in sequence order").containsExactly(1L, 2L);
        assertThat(recorder.pendingCount()).isZero();
    }

    @Test
    void aMetastoreCallNeverWaitsForAReplayStuckInTheStore() throws Exception {
        recorder = started();
        sink.failing(true);
        recorder.record(TestingEvents.addPartition(1));
        recorder.record(TestingEvents.addPartition(2));
        sink.failing(false);
        sink.freeze();
        Thread replay = new Thread(recorder::replay);
        replay.start();
        assertThat(sink.awaitFrozenWrite()).as("the replay waits in the store").isTrue();

        long started = System.nanoTime();
        recorder.record(TestingEvents.addPartition(3));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("spooled without waiting for the replay's store call").isLessThan(Duration.ofMillis(500));
        assertThat(recorder.pendingCount()).isEqualTo(3);
        sink.thaw();
        replay.join(10_000);
        assertThat(sink.writtenNumbers()).containsExactly(1, 2, 3);
        assertThat(recorder.pendingCount()).isZero();
    }

    @Test
    void aFrozenStoreReleasesTheMetastoreCallWithinTheWriteBudgetAndALateCommitIsKeptOnce() throws Exception {
        Duration budget = Duration.ofMillis(300);
        recorder = SpoolingEventRecorder.writingTo(TestingEvents.REGION, sink,
                EventSpool.open(spoolDirectory, new StraitJson()), NEVER_BY_ITSELF, budget);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.replayPasses() > 0);
        sink.freeze();

        long started = System.nanoTime();
        recorder.record(TestingEvents.addPartition(1));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        recorder.record(TestingEvents.addPartition(2));

        assertThat(took).isGreaterThanOrEqualTo(budget).isLessThan(budget.plusMillis(700));
        assertThat(recorder.pendingCount()).as("spooled when the budget ran out; the next without waiting")
                .isEqualTo(2);
        sink.thaw(); // the frozen batch commits after all
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.attempts() == 1);
        recorder.replay();

        assertThat(sink.writtenSequences()).as("each sequence number once, in order").containsExactly(1L, 2L);
        assertThat(recorder.pendingCount()).isZero();
    }

    @Test
    void concurrentEventsAreCommittedTogetherInSequenceOrder() throws Exception {
        recorder = started(Duration.ofSeconds(30));
        sink.freeze();
        Thread first = new Thread(() -> recorder.record(TestingEvents.addPartition(0)));
        first.start();
        assertThat(sink.awaitFrozenWrite()).isTrue();
        List<Thread> others = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            int number = i;
            Thread thread = new Thread(() -> recorder.record(TestingEvents.addPartition(number)));
            others.add(thread);
            thread.start();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> others.stream()
                .allMatch(thread -> thread.getState() == Thread.State.TIMED_WAITING));

        sink.thaw();
        first.join(10_000);
        for (Thread thread : others) {
            thread.join(10_000);
        }

        assertThat(sink.batchSizes()).as("the ten queued behind the first commit went in one transaction")
                .containsExactly(1, 10);
        assertThat(sink.writtenSequences()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(recorder.pendingCount()).isZero();
    }

    @Test
    void aHeartbeatReportsOnlyNumbersWrittenOrSpooledWhileABatchIsInFlight() throws Exception {
        FakeListenerRegistry registry = new FakeListenerRegistry();
        recorder = SpoolingEventRecorder.writingTo(TestingEvents.REGION, ListenerIdentity.ofThisProcess(), sink,
                registry, EventSpool.open(spoolDirectory, new StraitJson()), NEVER_BY_ITSELF);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.replayPasses() > 0);
        recorder.record(TestingEvents.addPartition(1));
        sink.freeze();
        Thread inFlight = new Thread(() -> recorder.record(TestingEvents.addPartition(2)));
        inFlight.start();
        assertThat(sink.awaitFrozenWrite()).isTrue();
        registry.horizon(42);

        Thread tick = new Thread(recorder::tick);
        tick.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.heartbeats().size() >= 2);
        sink.thaw();
        inFlight.join(10_000);
        tick.join(10_000);

        assertThat(registry.heartbeats()).last().satisfies(beat -> {
            assertThat(beat.latestSeq()).as("number 2 was neither written nor spooled").isEqualTo(1);
            assertThat(beat.horizonEventId()).as("no horizon while a write is in flight").isZero();
        });
    }

    @Test
    void journaledCallsWaitForNoWriteAndHeartbeatsCountJournaledEventsAsSpooled() throws Exception {
        FakeListenerRegistry registry = new FakeListenerRegistry();
        registry.failing(true);
        recorder = SpoolingEventRecorder.writingTo(TestingEvents.REGION, ListenerIdentity.ofThisProcess(), sink,
                registry, EventSpool.open(spoolDirectory, new StraitJson()), NEVER_BY_ITSELF,
                SpoolingEventRecorder.DEFAULT_WRITE_BUDGET, Acknowledgement.JOURNALED, NEVER_BY_ITSELF);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.replayPasses() > 0);
        recorder.record(TestingEvents.addPartition(1));
        recorder.record(TestingEvents.addPartition(2));
        assertThat(sink.attempts()).as("no write before the instance is registered").isZero();

        sink.freeze();
        registry.failing(false);
        registry.horizon(42);
        recorder.tick();
        assertThat(sink.awaitFrozenWrite()).as("registered: the committer drains the journal").isTrue();
        long started = System.nanoTime();
        recorder.record(TestingEvents.addPartition(3));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a call never waits for the store")
                .isLessThan(Duration.ofSeconds(1));
        recorder.tick();
        sink.thaw();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.writtenNumbers().size() == 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.pendingCount() == 0);
        recorder.tick();

        List<ListenerHeartbeat> beats = registry.heartbeats();
        assertThat(beats.get(0)).satisfies(first -> {
            assertThat(first.latestSeq()).isEqualTo(2);
            assertThat(first.spooledFromSeq()).as("journaled, not written yet").isEqualTo(1);
            assertThat(first.spoolDepth()).isEqualTo(2);
        });
        assertThat(beats.get(1)).satisfies(inFlight -> {
            assertThat(inFlight.latestSeq()).as("a journaled event counts as spooled").isEqualTo(3);
            assertThat(inFlight.spooledFromSeq()).as("the batch in flight is still in the journal").isEqualTo(1);
            assertThat(inFlight.horizonEventId()).as("no horizon while a write is in flight").isZero();
        });
        assertThat(beats.get(2)).satisfies(last -> {
            assertThat(last.latestSeq()).isEqualTo(3);
            assertThat(last.spooledFromSeq()).isZero();
            assertThat(last.spoolDepth()).isZero();
            assertThat(last.horizonEventId()).isEqualTo(42);
        });
        assertThat(sink.writtenSequences()).containsExactly(1L, 2L, 3L);
    }

    private SpoolingEventRecorder started() {
        return started(SpoolingEventRecorder.DEFAULT_WRITE_BUDGET);
    }

    private SpoolingEventRecorder started(Duration writeBudget) {
        SpoolingEventRecorder started = SpoolingEventRecorder.writingTo(TestingEvents.REGION, sink,
                EventSpool.open(spoolDirectory, new StraitJson()), NEVER_BY_ITSELF, writeBudget);
        await().atMost(Duration.ofSeconds(10)).until(() -> started.replayPasses() > 0);
        return started;
    }
}
