package io.strait.reparo.diff;

/**
 * What one table diff covered.
 *
 * @param objectsChecked partitions on either side (or 1: the table, when unpartitioned or absent on a side)
 * @param filesChecked distinct files on either side of the compared partitions (or of the unpartitioned table)
 */
public record Coverage(int objectsChecked, long filesChecked) {
}
