package io.strait.listener;

import io.strait.common.event.CapturedEvent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** An in-memory sink that fails while told to, counting attempts. */
final class FakeEventSink implements EventSink {
    private final List<CapturedEvent> written = new ArrayList<>();
    private boolean failing;
    private int attempts;

    synchronized void failing(boolean fail) {
        this.failing = fail;
    }

    synchronized List<CapturedEvent> written() {
        return List.copyOf(written);
    }

    synchronized List<Integer> writtenNumbers() {
        return written.stream().map(TestingEvents::number).toList();
    }

    synchronized int attempts() {
        return attempts;
    }

    @Override
    public synchronized void write(CapturedEvent event) throws SQLException {
        attempts++;
        if (failing) {
            throw new SQLException("Communications link failure (injected)");
        }
        written.add(event);
    }

    @Override
    public void close() {
    }
}
