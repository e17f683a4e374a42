package io.strait.common.event;

import io.strait.common.region.RegionId;
import java.util.ArrayList;
import java.util.List;

/** The in-memory twin of {@link EventLog}. */
public final class InMemoryEventLog implements EventLog {
    private final List<ReplicationEvent> events = new ArrayList<>();

    @Override
    public synchronized long append(CapturedEvent event) {
        long id = events.size() + 1L;
        events.add(new ReplicationEvent(id, event));
        return id;
    }

    @Override
    public synchronized List<ReplicationEvent> readAfter(RegionId sourceRegion, long afterId, int limit) {
        return events.stream()
                .filter(event -> event.id() > afterId && event.event().sourceRegion().equals(sourceRegion))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized long latestId(RegionId sourceRegion) {
        return events.stream().filter(event -> event.event().sourceRegion().equals(sourceRegion))
                .mapToLong(ReplicationEvent::id).max().orElse(0);
    }
}
