package io.strait.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strait.common.event.CapturedEvent;
import io.strait.common.json.StraitJson;
import io.strait.common.region.RegionId;
import java.nio.file.Path;
import java.time.Duration;
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

    private SpoolingEventRecorder started() {
        SpoolingEventRecorder started = SpoolingEventRecorder.writingTo(TestingEvents.REGION, sink,
                EventSpool.open(spoolDirectory, new StraitJson()), NEVER_BY_ITSELF);
        await().atMost(Duration.ofSeconds(10)).until(() -> started.replayPasses() > 0);
        return started;
    }
}
