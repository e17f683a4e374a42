package io.strait.reparo.repair;

/**
 * Gets the jobs a repair put into the state store run by the link's ordinary replication cycle: either another
 * process already runs it ({@code strait run}), or this one starts it for as long as the repair waits.
 */
@FunctionalInterface
public interface ReplicationDriver {
    /** A running replication; closing it stops what {@link #start()} started (nothing when it found one running). */
    interface Running extends AutoCloseable {
        /** How the jobs are being run, for the operator (e.g. "by a running strait run (cluster strait)"). */
        String description();

        @Override
        void close();
    }

    /** Makes sure the link's replication cycle runs. */
    Running start();
}
