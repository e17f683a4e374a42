/**
 * Strait's data plane: copy files between regions with end-to-end verification
 * ({@link io.strait.sync.VerifyingFileCopier}, {@link io.strait.sync.InProcessCopyExecutor}), publish a verified
 * version folder ({@link io.strait.sync.VersionPublisher}) and commit replicas into the target metastore
 * ({@link io.strait.sync.MetastoreReplicaPublisher}). Never touches job tables: it returns results.
 */
package io.strait.sync;
