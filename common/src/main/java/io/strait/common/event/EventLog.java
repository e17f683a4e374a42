package io.strait.common.event;

import io.strait.common.region.RegionId;
import java.util.List;

/**
 * The durable, ordered log of captured metastore events ({@code hms_event} in the state store). Implementations:
 * {@code JdbcEventLog} (sql) and {@link InMemoryEventLog}.
 */
public interface EventLog {
    /** Appends the event and returns its id. */
    long append(CapturedEvent event);

    /** Up to {@code limit} events of {@code sourceRegion} with an id greater than {@code afterId}, by id. */
    List<ReplicationEvent> readAfter(RegionId sourceRegion, long afterId, int limit);

    /** The greatest event id of {@code sourceRegion}, or 0 when there is none. */
    long latestId(RegionId sourceRegion);
}
