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

    @Override
    public synchronized long horizon() throws SQLException {
        if (failing) {
            throw new SQLException("Communications link failure (injected)");
        }
        return horizon;
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
