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
    public synchronized EventBatch read(RegionId sourceRegion, long afterId, int limit) {
        List<ReplicationEvent> scanned = events.stream().filter(event -> event.id() > afterId).limit(limit).toList();
        long through = scanned.isEmpty() ? afterId : scanned.get(scanned.size() - 1).id();
        return new EventBatch(scanned.stream()
                .filter(event -> event.event().sourceRegion().equals(sourceRegion)).toList(), through);
    }

    @Override
    public synchronized long latestId(RegionId sourceRegion) {
        return events.stream().filter(event -> event.event().sourceRegion().equals(sourceRegion))
                .mapToLong(ReplicationEvent::id).max().orElse(0);
    }
}
