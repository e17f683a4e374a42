package io.strait.common.job;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.ReplicatedVersion;
import io.strait.common.capture.ObjectOrder;
import io.strait.common.event.EventCursor;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The planner's side of the job store: its cursor over the event log and the creation of jobs (by the planner with
 * the cursor, by repairs and bootstraps without). Job ids of a link grow in commit order.
 */
public interface JobPlanning {
    /** The id of the last event the planner turned into jobs for {@code link} (0 when none). */
    long plannerCursor(String link);

    /**
     * Atomically creates {@code jobs} (state PENDING, version 0, with a first transition row) and moves the
     * planner cursor of {@code link} from {@code expectedCursor} to {@code newCursor}. Fails with a
     * {@link io.strait.common.error.StraitException} if the cursor is no longer {@code expectedCursor}.
     *
     * @return the ids of the created jobs, in the order of {@code jobs}
     */
    List<Long> createJobs(String link, long expectedCursor, long newCursor, List<NewJob> jobs);

    /**
     * The per-listener-instance cursors of {@code link}'s planner (see {@link io.strait.common.event.EventCursor}),
     * empty when none.
     */
    default Map<String, Long> instanceCursors(String link) {
        return Map.of();
    }

    /**
     * The newest event planned for each of {@code objects} on {@code link} (objects never planned are absent), for
     * the per-object order of events captured by several metastore processes
     * ({@link io.strait.common.capture.ObjectOrder}).
     */
    default Map<ObjectRef, ObjectOrder.Planned> plannedOrder(String link, Collection<ObjectRef> objects) {
        return Map.of();
    }

    /**
     * {@link #createJobs(String, long, long, List)}, moving in the same transaction the instance cursors to
     * {@code next}'s and recording {@code planned} as the newest event planned for each object.
     */
    default List<Long> createJobs(String link, long expectedCursor, EventCursor next,
            Map<ObjectRef, ObjectOrder.Planned> planned, List<NewJob> jobs) {
        return createJobs(link, expectedCursor, next.afterId(), jobs);
    }

    /**
     * Creates jobs planned outside the event log, by a repair or a bootstrap (state PENDING, version 0, with a first
     * transition row), in one transaction. The planner cursor is not touched: events are still planned by the
     * link's cycle, and the jobs' source event id (the link's event position when they were planned) orders them
     * against event jobs at publish time. Every job must be of {@code link} and of origin REPAIR or BOOTSTRAP.
     *
     * @return the ids of the created jobs, in the order of {@code jobs}
     */
    List<Long> createRepairJobs(String link, List<NewJob> jobs);
}
