/**
 * Scanning one region's view of a table for reconcile: {@link io.strait.reparo.scan.RegionScanner} reads the
 * metastore through {@code MetastoreGateway} and, as deep as its {@link io.strait.reparo.scan.ScanOptions} ask, the
 * live files through {@code RegionFileSystem}, leaving out {@link io.strait.reparo.scan.HiddenFiles} and adding the
 * {@link io.strait.reparo.scan.CopyRecords} of a replica's version folders.
 */
package io.strait.reparo.scan;
