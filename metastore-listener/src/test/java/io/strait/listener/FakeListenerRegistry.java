package io.strait.listener;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

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

    private volatile java.util.concurrent.CountDownLatch heldHorizonReads;
    private volatile java.util.concurrent.CountDownLatch horizonReadWaiting = new java.util.concurrent.CountDownLatch(1);

    /** From now on a horizon read waits until {@link #releaseHorizonReads()} (at most a minute). */
    void holdHorizonReads() {
        horizonReadWaiting = new java.util.concurrent.CountDownLatch(1);
        heldHorizonReads = new java.util.concurrent.CountDownLatch(1);
    }

    void releaseHorizonReads() {
        java.util.concurrent.CountDownLatch held = heldHorizonReads;
        heldHorizonReads = null;
        if (held != null) {
            held.countDown();
        }
    }

    /** Waits until a horizon read waits in {@link #holdHorizonReads() held} reads. */
    boolean awaitHeldHorizonRead() throws InterruptedException {
        return horizonReadWaiting.await(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public long horizon() throws SQLException {
        java.util.concurrent.CountDownLatch held = heldHorizonReads;
        if (held != null) {
            horizonReadWaiting.countDown();
            try {
                held.await(1, java.util.concurrent.TimeUnit.MINUTES);
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
