/**
 * Strait's Hive Metastore listener: captures database, table, partition and insert events of a metastore and
 * records them in the state store's {@code hms_event}, with a durable local spool when the store is slow or down.
 * Runs inside the metastore process: it depends only on what the metastore's classpath has (Hive, Hadoop, Jackson,
 * SLF4J, the MySQL driver) plus strait-common and strait-metastore-thrift, shaded into the plugin jar.
 */
package io.strait.listener;
