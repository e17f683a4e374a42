package io.strait.common.divergence;

import io.strait.common.metastore.TableRef;
import io.strait.common.region.RegionId;
import java.util.List;
import java.util.Objects;

/**
 * The result of reconciling one table between two regions.
 *
 * <p>{@link DivergenceClass#IN_FLIGHT} entries are listed with the divergences (nothing is left out silently) but
 * are not divergences: a scan whose only entries are {@code IN_FLIGHT} is {@link Status#CONSISTENT}, with
 * {@link #objectsInFlight()} objects that could not be compared at a consistent cut.
 *
 * @param source the source region
 * @param target the target region
 * @param table the table checked
 * @param startedAtMillis when the scan started
 * @param finishedAtMillis when it finished
 * @param status CONSISTENT (no divergence; objects may be in flight), DIVERGENT or FAILED (could not check)
 * @param objectsChecked partitions (or the table, if unpartitioned) compared
 * @param filesChecked files compared (by listing at {@code files} depth, by checksum at {@code bytes} depth)
 * @param divergences what differs, and the objects in flight; empty when consistent with nothing in flight
 * @param error why the scan could not check, empty otherwise
 * @param depth how deep the scan looked
 */
public record ReconcileScan(RegionId source, RegionId target, TableRef table, long startedAtMillis,
        long finishedAtMillis, Status status, int objectsChecked, long filesChecked, List<Divergence> divergences,
        String error, ReconcileDepth depth) {
    public enum Status { CONSISTENT, DIVERGENT, FAILED }

    public ReconcileScan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(status, "status");
        divergences = List.copyOf(Objects.requireNonNullElse(divergences, List.of()));
        error = error == null ? "" : error;
        depth = Objects.requireNonNullElse(depth, ReconcileDepth.BYTES);
    }

    /** A scan at {@code bytes} depth (every byte read), the only depth before depths existed. */
    public ReconcileScan(RegionId source, RegionId target, TableRef table, long startedAtMillis,
            long finishedAtMillis, Status status, int objectsChecked, long filesChecked, List<Divergence> divergences,
            String error) {
        this(source, target, table, startedAtMillis, finishedAtMillis, status, objectsChecked, filesChecked,
                divergences, error, ReconcileDepth.BYTES);
    }

    /** The status of a scan that ran to the end with these entries: DIVERGENT unless all are IN_FLIGHT. */
    public static Status statusOf(List<Divergence> entries) {
        return entries.stream().allMatch(ReconcileScan::inFlight) ? Status.CONSISTENT : Status.DIVERGENT;
    }

    /** The real divergences: every entry but {@link DivergenceClass#IN_FLIGHT}. */
    public List<Divergence> divergent() {
        return divergences.stream().filter(divergence -> !inFlight(divergence)).toList();
    }

    /** How many objects (tables or partitions) were in flight: the {@link DivergenceClass#IN_FLIGHT} entries. */
    public int objectsInFlight() {
        return (int) divergences.stream().filter(ReconcileScan::inFlight).count();
    }

    private static boolean inFlight(Divergence divergence) {
        return divergence.divergenceClass() == DivergenceClass.IN_FLIGHT;
    }
}
