package io.strait.common.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a claim's jobs are grouped into units of work, one unit per job worker: the SYNC_PARTITION jobs of one table
 * (of one link) go together, up to {@code partitionBatch} jobs per unit, so that one worker plans, copies, verifies
 * and commits them as one batch (one source read of the table and its partitions, one state-store write per step,
 * one metastore commit); so do the DROP_PARTITION jobs of one table, in units of their own (a unit never mixes syncs
 * and drops: one worker drops them with one read of the target's partitions and one drop call); every other job is
 * a unit of its own. A claim takes jobs while it can still place them: in
 * an open unit of their table with room, or in a new unit while fewer than {@code maxUnits} exist. With a batch of 1
 * every job is its own unit and a claim takes at most {@code maxUnits} jobs.
 *
 * <p>The claim builds the units as it takes jobs ({@link #admits}, {@link #add}); the dispatcher that receives the
 * claimed jobs, in the order they were taken, groups them again by the same rule ({@link #of}) and gets the same
 * units.
 */
public final class ClaimUnits {
    private final int maxUnits;
    private final int partitionBatch;
    private final List<List<ReplicationJob>> units = new ArrayList<>();
    /** The open unit (with room) of each table and kind of batch ({@link #unitKey}). */
    private final Map<List<String>, List<ReplicationJob>> openByKey = new HashMap<>();
    private int jobs;

    public ClaimUnits(int maxUnits, int partitionBatch) {
        if (maxUnits < 0 || partitionBatch < 1) {
            throw new IllegalArgumentException("units need maxUnits >= 0 and partitionBatch >= 1: " + maxUnits
                    + ", " + partitionBatch);
        }
        this.maxUnits = maxUnits;
        this.partitionBatch = partitionBatch;
    }

    /** The claimed jobs, in the order they were taken, grouped into the units the claim made of them. */
    public static List<List<ReplicationJob>> of(List<ReplicationJob> claimed, int partitionBatch) {
        ClaimUnits units = new ClaimUnits(Integer.MAX_VALUE, partitionBatch);
        claimed.forEach(units::add);
        return units.units();
    }

    /**
     * True when {@code job} can be placed: in an open unit of its table and kind with room, or in a new unit.
     */
    public boolean admits(ReplicationJob job) {
        List<ReplicationJob> open = openUnit(job);
        return open != null || units.size() < maxUnits;
    }

    /** Places {@code job} (which {@link #admits}). */
    public void add(ReplicationJob job) {
        List<ReplicationJob> open = openUnit(job);
        if (open == null) {
            if (units.size() >= maxUnits) {
                throw new IllegalStateException("no unit left for job " + job.id());
            }
            open = new ArrayList<>();
            units.add(open);
            if (batches(job)) {
                openByKey.put(unitKey(job), open);
            }
        }
        open.add(job);
        jobs++;
        if (open.size() >= partitionBatch) {
            openByKey.remove(unitKey(job), open);
        }
    }

    /** True when no job at all can be placed any more: every unit exists and none has room. */
    public boolean full() {
        return units.size() >= maxUnits && openByKey.isEmpty();
    }

    /** At most how many more jobs can be placed. */
    public long room() {
        long room = (long) Math.max(0, maxUnits - units.size()) * partitionBatch;
        for (List<ReplicationJob> open : openByKey.values()) {
            room += partitionBatch - open.size();
        }
        return room;
    }

    /** The jobs placed so far. */
    public int jobs() {
        return jobs;
    }

    /** The units so far, each in the order its jobs were placed. */
    public List<List<ReplicationJob>> units() {
        return units.stream().map(List::copyOf).toList();
    }

    private List<ReplicationJob> openUnit(ReplicationJob job) {
        return batches(job) ? openByKey.get(unitKey(job)) : null;
    }

    private boolean batches(ReplicationJob job) {
        return partitionBatch > 1 && batchable(job.kind());
    }

    /** True for the kinds whose jobs of one table go into units together: SYNC_PARTITION and DROP_PARTITION. */
    public static boolean batchable(JobKind kind) {
        return kind == JobKind.SYNC_PARTITION || kind == JobKind.DROP_PARTITION;
    }

    /** The unit a batchable job may join: its link, database and table, and its kind (syncs and drops apart). */
    private static List<String> unitKey(ReplicationJob job) {
        return List.of(job.link(), job.object().database(), job.object().table(), job.kind().name());
    }
}
