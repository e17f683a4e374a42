/**
 * The pure core of reconcile: each region's view of a table as values ({@link io.strait.reparo.diff.TableState},
 * {@link io.strait.reparo.diff.PartitionState}, {@link io.strait.reparo.diff.FileState}) and the deterministic
 * {@link io.strait.reparo.diff.TableDiff} that turns two views into a list of
 * {@link io.strait.common.divergence.Divergence}s. No I/O here.
 */
package io.strait.reparo.diff;
