package io.strait.reparo;

import io.strait.common.metastore.TableRef;

/**
 * Which objects have replication work in flight while reconcile scans a table: the seam for a consistent cut.
 * {@link #watch} is called before either region is read, and the returned {@link Watch} asked once both are read,
 * so that work in flight at any point of the scan is seen. Objects in flight are reported as {@code IN_FLIGHT}
 * ({@link InFlightCut}), never compared as divergent and never dropped silently. The state-store implementation
 * (ops) takes the unsettled jobs of the table at both ends of the scan and the source events not yet planned into
 * jobs when the scan started or captured since.
 */
@FunctionalInterface
public interface InFlightObjects {
    /** Starts watching {@code table}; called before either region is read. */
    Watch watch(TableRef table);

    /** The work seen for one table scan. */
    @FunctionalInterface
    interface Watch {
        /** What was in flight for the table since {@link InFlightObjects#watch}; called once both regions are read. */
        InFlight inFlight();
    }

    /** Nothing is ever in flight (reconcile after the pipeline is drained, or without a state store). */
    static InFlightObjects none() {
        return table -> InFlight::none;
    }

    /** The same work for every table (tests). */
    static InFlightObjects fixed(InFlight inFlight) {
        return table -> () -> inFlight;
    }
}
