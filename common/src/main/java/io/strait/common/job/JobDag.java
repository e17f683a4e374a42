package io.strait.common.job;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders jobs by the objects they touch, a pure function. A PENDING job may start only when
 * <ul>
 *   <li>no EARLIER unfinished job (lower id, not {@linkplain JobState#isSettled() settled}) conflicts with it, and</li>
 *   <li>no job in flight (claimed by some process: PLANNED to COMMITTED) conflicts with it, whatever its id.</li>
 * </ul>
 * Two jobs conflict when they touch one object:
 * <ul>
 *   <li>a database-level job conflicts with every job in its database;</li>
 *   <li>a table-level job (create/alter/drop table) conflicts with every job on its table (it takes the table
 *       exclusively);</li>
 *   <li>partition jobs share their table and conflict only with jobs on the same partition;</li>
 *   <li>a {@link JobKind#RENAME_TABLE} job locks both names of its table, the new one (its object) and the previous
 *       one, each as a table-level job: earlier jobs of either name run first, later ones wait for it.</li>
 * </ul>
 * So later events on one object wait for earlier ones, and unrelated objects run in parallel. The second rule makes a
 * running job an object lock even against a job with a lower id that became visible after it was claimed. Settled
 * jobs (terminal, or BLOCKED until an operator releases them) hold nothing back: a job blocked because its table
 * cannot be replicated must not stall its link, and a later job on the same object is judged again when it runs.
 *
 * <p>{@link #claimOrder} adds what the claim takes from the runnable jobs: earliest deadline first, and at most
 * {@code tableConcurrency} jobs in flight per table. The state store's claim ({@code SELECT ... FOR UPDATE SKIP
 * LOCKED}) applies these rules in SQL; tests hold it to this function.
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
        List<ReplicationJob> byId = unfinished.stream().sorted(Comparator.comparingLong(ReplicationJob::id)).toList();
        List<ReplicationJob> inFlight = byId.stream().filter(job -> job.state().isInFlight()).toList();
        List<ReplicationJob> runnable = new ArrayList<>();
        for (int i = 0; i < byId.size(); i++) {
            ReplicationJob candidate = byId.get(i);
            if (candidate.state() == JobState.PENDING && !blockedByEarlier(byId, i)
                    && inFlight.stream().noneMatch(running -> conflicts(running, candidate))) {
                runnable.add(candidate);
            }
        }
        return runnable;
    }

    /**
     * The jobs a claim of at most {@code max} jobs takes, in the order it takes them: the {@linkplain #runnable
     * runnable} jobs by deadline (then id), skipping a job whose table already has {@code tableConcurrency} jobs in
     * flight (counting the ones this claim takes), and skipping a job that conflicts with one taken before it.
     *
     * @param unfinished every unfinished job of the links claimed for
     * @param deadlineOf each job's deadline (capture time + its link's SLA)
     */
    public static List<ReplicationJob> claimOrder(List<ReplicationJob> unfinished, int max, int tableConcurrency,
            java.util.function.ToLongFunction<ReplicationJob> deadlineOf) {
        return claimOrder(unfinished, new ClaimUnits(max, 1), tableConcurrency, deadlineOf);
    }

    /**
     * As above, for a claim that fills {@code units} (one per free worker, partition jobs of one table batched:
     * {@link ClaimUnits}): a runnable job is taken when it also finds a place in a unit; the claim ends when the
     * units are full.
     */
    public static List<ReplicationJob> claimOrder(List<ReplicationJob> unfinished, ClaimUnits units,
            int tableConcurrency, java.util.function.ToLongFunction<ReplicationJob> deadlineOf) {
        Map<String, Integer> inFlightPerTable = new HashMap<>();
        unfinished.stream().filter(job -> job.state().isInFlight())
                .forEach(job -> inFlightPerTable.merge(tableKey(job), 1, Integer::sum));
        List<ReplicationJob> byDeadline = new ArrayList<>();
        for (String link : unfinished.stream().map(ReplicationJob::link).distinct().toList()) {
            byDeadline.addAll(runnable(unfinished.stream().filter(job -> job.link().equals(link)).toList()));
        }
        byDeadline.sort(Comparator.comparingLong(deadlineOf).thenComparingLong(ReplicationJob::id));
        List<ReplicationJob> taken = new ArrayList<>();
        ObjectLocks takenLocks = new ObjectLocks();
        for (ReplicationJob candidate : byDeadline) {
            if (units.full()) {
                break;
            }
            boolean tableFull = candidate.object().level() != ObjectRef.Level.DATABASE
                    && inFlightPerTable.getOrDefault(tableKey(candidate), 0) >= tableConcurrency;
            if (!tableFull && !takenLocks.conflicts(candidate) && units.admits(candidate)) {
                taken.add(candidate);
                takenLocks.add(candidate);
                units.add(candidate);
                inFlightPerTable.merge(tableKey(candidate), 1, Integer::sum);
            }
        }
        return taken;
    }

    private static String tableKey(ReplicationJob job) {
        return job.link() + "\u0000" + job.object().database() + "\u0000" + job.object().table();
    }

    private static boolean blockedByEarlier(List<ReplicationJob> byId, int index) {
        ReplicationJob candidate = byId.get(index);
        for (int i = 0; i < index; i++) {
            ReplicationJob earlier = byId.get(i);
            if (!earlier.state().isSettled() && conflicts(earlier, candidate)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when two jobs must not run at the same time: an object one of them {@linkplain
     * ReplicationJob#lockedObjects locks} conflicts with one the other locks. Symmetric.
     */
    public static boolean conflicts(ReplicationJob left, ReplicationJob right) {
        return conflicts(left.lockedObjects(), right.lockedObjects());
    }

    /** True when jobs locking these objects must not run at the same time. Symmetric. */
    public static boolean conflicts(List<ObjectRef> left, List<ObjectRef> right) {
        return left.stream().anyMatch(one -> right.stream().anyMatch(other -> conflicts(one, other)));
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
