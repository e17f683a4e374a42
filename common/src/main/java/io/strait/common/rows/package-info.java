/**
 * The row-level reconcile's contract: which objects' rows to compare, in which format, and pure result types. The
 * comparison itself runs on Spark (spark-engine); reparo and the command line only see these types.
 */
package io.strait.common.rows;
