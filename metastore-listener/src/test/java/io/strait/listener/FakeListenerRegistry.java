package io.strait.listener;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An in-memory registry that fails while told to, keeping every heartbeat. */
final class FakeListenerRegistry implements ListenerRegistry {
    private final List<ListenerHeartbeat> heartbeats = new ArrayList<>();
    private boolean failing;
    private long horizon;

    synchronized void failing(boolean fail) {
        this.failing = fail;
    }

    synchronized void horizon(long value) {
        this.horizon = value;
    }

    synchronized List<ListenerHeartbeat> heartbeats() {
        return List.copyOf(heartbeats);
    }

    private volatile CountDownLatch heldHorizonReads;
    private volatile CountDownLatch horizonReadWaiting = new CountDownLatch(1);

    /** From now on a horizon read waits until {@link #releaseHorizonReads()} (at most a minute). */
    void holdHorizonReads() {
        horizonReadWaiting = new CountDownLatch(1);
        heldHorizonReads = new CountDownLatch(1);
    }

    void releaseHorizonReads() {
        CountDownLatch held = heldHorizonReads;
        heldHorizonReads = null;
        if (held != null) {
            held.countDown();
        }
    }

    /** Waits until a horizon read waits in {@link #holdHorizonReads() held} reads. */
    boolean awaitHeldHorizonRead() throws InterruptedException {
        return horizonReadWaiting.await(30, TimeUnit.SECONDS);
    }

    @Override
    public long horizon() throws SQLException {
        CountDownLatch held = heldHorizonReads;
        if (held != null) {
            horizonReadWaiting.countDown();
            try {
                held.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted (injected)", e);
            }
        }
        synchronized (this) {
            if (failing) {
                throw new SQLException("Communications link failure (injected)");
            }
            return horizon;
        }
    }

    @Override
    public synchronized void heartbeat(ListenerHeartbeat heartbeat) throws SQLException {
        if (failing) {
            throw new SQLException("Communications link failure (injected)");
        }
        heartbeats.add(heartbeat);
    }

    @Override
    public void close() {
    }
}
