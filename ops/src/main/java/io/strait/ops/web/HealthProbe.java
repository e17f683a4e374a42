package io.strait.ops.web;

/**
 * One component {@code /health} checks: the state store, a region's metastore, the replication scheduler. A probe
 * answers quickly (bounded by its own timeouts) and never throws: a failure is {@code false}.
 */
public interface HealthProbe {
    /** The component's name in {@code /health}'s answer, e.g. {@code stateStore}, {@code metastore:us-east}. */
    String name();

    boolean up();
}
