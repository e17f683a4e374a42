package io.strait.reparo;

import io.strait.common.metastore.TableRef;
import java.util.List;

/**
 * Which objects have replication jobs in flight while reconcile runs. Reconcile compares a consistent cut: a
 * divergence on an object in flight is expected (the pipeline has not caught up), so it is logged and left out of
 * the scan's divergences. Today reconcile runs after the pipeline is drained and uses {@link #none()}; an
 * implementation backed by the job store is a later step.
 */
@FunctionalInterface
public interface InFlightObjects {
    /**
     * True when a job for the object is in flight.
     *
     * @param table the table
     * @param partitionValues the partition, or empty for the table itself
     */
    boolean isInFlight(TableRef table, List<String> partitionValues);

    /** Nothing is in flight. */
    static InFlightObjects none() {
        return (table, partitionValues) -> false;
    }
}
