/**
 * Scanning one region's view of a table for reconcile: {@link io.strait.reparo.scan.RegionScanner} reads the
 * metastore through {@code MetastoreGateway} and the live files through {@code RegionFileSystem}.
 */
package io.strait.reparo.scan;
