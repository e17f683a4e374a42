/**
 * Embedded mode: {@link io.strait.embedded.EmbeddedRegion} runs one Hive Metastore 4.0.1 per region as a child
 * process on Derby (schema from Hive's schema tool), on the server classpath that {@link
 * io.strait.embedded.MetastoreRuntime} locates; {@link io.strait.embedded.EmbeddedStateStore} runs MariaDB as
 * Strait's state store. Used by the demo and, in test scope, by every module's integration tests.
 */
package io.strait.embedded;
