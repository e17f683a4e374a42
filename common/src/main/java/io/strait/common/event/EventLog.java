package io.strait.common.event;

import io.strait.common.region.RegionId;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable, ordered log of captured metastore events ({@code hms_event} in the state store). Implementations:
 * {@code JdbcEventLog} (sql) and {@link InMemoryEventLog}.
 */
public interface EventLog {
    /** Appends the event and returns its id. */
    long append(CapturedEvent event);

    /**
     * Reads on from {@code afterId}: looks at up to {@code limit} log entries of every region, in id order, and
     * returns those of {@code sourceRegion} with how far it looked. It stops before an id that is missing but may
     * still appear (an event written by a transaction that has not committed yet), so that a reader moving its
     * cursor to {@link EventBatch#scannedThroughId()} never skips an event.
     */
    EventBatch read(RegionId sourceRegion, long afterId, int limit);

    /**
     * Reads on from {@code cursor}, taking each listener instance's events in its own sequence order as soon as they
     * are visible, so that one instance's slow write holds back only that instance's events (the batch's
     * {@link EventBatch#instanceCursors()} say how far each instance was taken). A log without listener instances
     * reads by id only.
     */
    default EventBatch read(RegionId sourceRegion, EventCursor cursor, int limit) {
        EventBatch batch = read(sourceRegion, cursor.afterId(), limit);
        return new EventBatch(batch.events(), batch.scannedThroughId(), cursor.instanceCursors());
    }

    /**
     * Up to {@code limit} events of {@code sourceRegion} after {@code afterId}, by id (reading on through other
     * regions' entries), for callers that do not keep a cursor. Stops where {@link #read} stops.
     */
    default List<ReplicationEvent> readAfter(RegionId sourceRegion, long afterId, int limit) {
        List<ReplicationEvent> events = new ArrayList<>();
        long cursor = afterId;
        while (events.size() < limit) {
            EventBatch batch = read(sourceRegion, cursor, Math.max(limit, 100));
            if (batch.scannedThroughId() == cursor) {
                break;
            }
            events.addAll(batch.events());
            cursor = batch.scannedThroughId();
        }
        return List.copyOf(events.subList(0, Math.min(limit, events.size())));
    }

    /** The greatest event id of {@code sourceRegion}, or 0 when there is none. */
    long latestId(RegionId sourceRegion);
}
