/**
 * Real implementations of Strait's region SPIs: {@link io.strait.regionio.HadoopRegionFileSystem} (Hadoop
 * {@code FileSystem}, one instance per scheme and authority per region) and
 * {@link io.strait.regionio.ThriftMetastoreGateway} (the Hive Metastore 4 Thrift client), with
 * {@link io.strait.regionio.ThriftSnapshots} translating Thrift objects to and from Strait's snapshots.
 */
package io.strait.regionio;
