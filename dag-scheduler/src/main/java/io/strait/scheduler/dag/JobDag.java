package io.strait.scheduler.dag;

import io.strait.common.job.JobState;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.ReplicationJob;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders jobs by the objects they touch, a pure function. A job may start only when no EARLIER unfinished job
 * (lower id, not {@linkplain JobState#isSettled() settled}) conflicts with it:
 * <ul>
 *   <li>a database-level job conflicts with every job in its database;</li>
 *   <li>a table-level job (create/alter/drop table) conflicts with every job on its table (it takes the table
 *       exclusively);</li>
 *   <li>partition jobs share their table and conflict only with jobs on the same partition.</li>
 * </ul>
 * So later events on one object wait for earlier ones, and unrelated objects run in parallel. Settled jobs (terminal,
 * or BLOCKED until an operator releases them) hold nothing back: a job blocked because its table cannot be
 * replicated must not stall its link, and a later job on the same object is judged again when it runs.
 */
public final class JobDag {
    private JobDag() {
    }

    /**
     * The PENDING jobs that may start now, in id order.
     *
     * @param unfinished every unfinished job of a link (any order); jobs already running count as blockers,
     *     settled jobs among them are ignored
     */
    public static List<ReplicationJob> runnable(List<ReplicationJob> unfinished) {
        List<ReplicationJob> byId = unfinished.stream()
                .sorted((left, right) -> Long.compare(left.id(), right.id())).toList();
        List<ReplicationJob> runnable = new ArrayList<>();
        for (int i = 0; i < byId.size(); i++) {
            ReplicationJob candidate = byId.get(i);
            if (candidate.state() == JobState.PENDING && !blockedByEarlier(byId, i)) {
                runnable.add(candidate);
            }
        }
        return runnable;
    }

    private static boolean blockedByEarlier(List<ReplicationJob> byId, int index) {
        ObjectRef object = byId.get(index).object();
        for (int i = 0; i < index; i++) {
            ReplicationJob earlier = byId.get(i);
            if (!earlier.state().isSettled() && conflicts(earlier.object(), object)) {
                return true;
            }
        }
        return false;
    }

    /** True when two jobs on these objects must not run at the same time. Symmetric. */
    public static boolean conflicts(ObjectRef left, ObjectRef right) {
        if (!left.database().equals(right.database())) {
            return false;
        }
        if (left.level() == ObjectRef.Level.DATABASE || right.level() == ObjectRef.Level.DATABASE) {
            return true;
        }
        if (!left.table().equals(right.table())) {
            return false;
        }
        if (left.level() == ObjectRef.Level.TABLE || right.level() == ObjectRef.Level.TABLE) {
            return true;
        }
        return left.partitionValues().equals(right.partitionValues());
    }
}
