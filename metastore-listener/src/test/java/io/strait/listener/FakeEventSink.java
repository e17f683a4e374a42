package io.strait.listener;

import io.strait.common.event.CapturedEvent;
import io.strait.common.event.StampedEvent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** An in-memory sink that fails while told to, counting attempts. */
final class FakeEventSink implements EventSink {
    private final List<CapturedEvent> written = new ArrayList<>();
    private final List<Long> sequences = new ArrayList<>();
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

    /** The sequence numbers of the written events, in write order. */
    synchronized List<Long> writtenSequences() {
        return List.copyOf(sequences);
    }

    synchronized int attempts() {
        return attempts;
    }

    @Override
    public synchronized void write(StampedEvent event) throws SQLException {
        attempts++;
        if (failing) {
            throw new SQLException("Communications link failure (injected)");
        }
        written.add(event.event());
        sequences.add(event.sequence());
    }

    @Override
    public void close() {
    }
}
