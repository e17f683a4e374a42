/**
 * Real implementations of Strait's region SPIs: {@link io.strait.regionio.HadoopRegionFileSystem} (Hadoop
 * {@code FileSystem}, one instance per scheme and authority per region) and
 * {@link io.strait.regionio.ThriftMetastoreGateway} (the Hive Metastore 4 Thrift client), with
 * the Thrift client gateway, which translates through {@code io.strait.thrift.ThriftSnapshots} (module metastore-thrift).
 */
package io.strait.regionio;
