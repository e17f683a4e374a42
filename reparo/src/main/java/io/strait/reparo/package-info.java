/**
 * Reconcile: compares tables between a source and a target region now, at a depth
 * ({@link io.strait.reparo.Reconciler}), over a scope of names, databases or a whole link
 * ({@link io.strait.reparo.ReconcileScope}), renders the results ({@link io.strait.reparo.ReconcileReport}) and maps
 * them to an exit code. The seam {@link io.strait.reparo.InFlightObjects} tells reconcile which objects the pipeline
 * is still working on; {@link io.strait.reparo.InFlightCut} reports them {@code IN_FLIGHT} for a consistent cut.
 */
package io.strait.reparo;
