/**
 * Reconcile: compares a table between a source and a target region now ({@link io.strait.reparo.Reconciler}),
 * renders the result ({@link io.strait.reparo.ReconcileReport}) and maps it to an exit code. The seam
 * {@link io.strait.reparo.InFlightObjects} tells reconcile which objects the pipeline is still working on.
 */
package io.strait.reparo;
