/**
 * Spark inside Strait: the copy executor for large jobs ({@link io.strait.spark.SparkCopyExecutor}, the same
 * verifying copier as in-process copies, run on executors) and the row-level reconcile
 * ({@link io.strait.spark.SparkRowComparer}). Spark reads and writes paths only; metastores are reached through
 * Strait's own Thrift client, never through Spark. Only ops depends on this module: Spark's classpath stays out of
 * the listener, the scheduler and the metastore runtime.
 */
package io.strait.spark;
