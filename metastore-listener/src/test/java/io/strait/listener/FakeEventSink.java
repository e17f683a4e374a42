package io.strait.listener;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.StampedEvent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory sink that fails while told to, or holds each write until released (a frozen store), counting
 * attempts and the size of each write. Like the store, it keeps an event of an instance and sequence number once.
 */
final class FakeEventSink implements EventSink {
    private final List<CapturedEvent> written = new ArrayList<>();
    private final List<Long> sequences = new ArrayList<>();
    private final List<Integer> batchSizes = new ArrayList<>();
    private final java.util.Set<String> once = new java.util.HashSet<>();
    private volatile boolean failing;
    private volatile CountDownLatch frozen;
    private volatile CountDownLatch entered = new CountDownLatch(1);
    private int attempts;

    void failing(boolean fail) {
        this.failing = fail;
    }

    /** From now on every write waits until {@link #thaw()} (at most a minute), then fails if still frozen. */
    void freeze() {
        entered = new CountDownLatch(1);
        frozen = new CountDownLatch(1);
    }

    void thaw() {
        CountDownLatch latch = frozen;
        frozen = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    /** Waits until a write has reached the frozen sink. */
    boolean awaitFrozenWrite() throws InterruptedException {
        return entered.await(30, TimeUnit.SECONDS);
    }

    synchronized List<CapturedEvent> written() {
        return List.copyOf(written);
    }

    synchronized List<Integer> writtenNumbers() {
        return written.stream().map(TestingEvents::number).toList();
    }

    /** The sequence numbers of the written events, in write order. */
    synchronized List<Long> writtenSequences() {
        return List.copyOf(sequences);
    }

    synchronized List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    synchronized int attempts() {
        return attempts;
    }

    @Override
    public void writeAll(List<StampedEvent> events) throws SQLException, InterruptedException {
        CountDownLatch latch = frozen;
        if (latch != null) {
            entered.countDown();
            if (!latch.await(1, TimeUnit.MINUTES)) {
                throw new SQLException("Read timed out (injected)");
            }
        }
        synchronized (this) {
            attempts++;
            if (failing) {
                throw new SQLException("Communications link failure (injected)");
            }
            for (StampedEvent event : events) {
                if (event.instanceId() != null && !once.add(event.instanceId() + "/" + event.sequence())) {
                    continue; // as the store's unique key on instance and sequence
                }
                written.add(event.event());
                sequences.add(event.sequence());
            }
            batchSizes.add(events.size());
        }
    }

    @Override
    public void close() {
        thaw();
    }
}
