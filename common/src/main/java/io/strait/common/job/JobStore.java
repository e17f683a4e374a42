package io.strait.common.job;

/**
 * Durable job state, by concern: the planner's cursor and job creation ({@link JobPlanning}), the jobs as the
 * scheduler moves them ({@link JobQueue}), their plans and manifests ({@link JobManifests}) and the read side
 * ({@link JobReads}). Implementations: {@code JdbcJobStore} (sql), and {@link InMemoryJobStore}, its twin for fast
 * tests of the scheduler's rules.
 */
public interface JobStore extends JobPlanning, JobQueue, JobManifests, JobReads {
}
