package io.strait.common.job;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import java.util.List;

/**
 * Durable job state, by concern: the planner's cursor and job creation ({@link JobPlanning}), the jobs as the
 * scheduler moves them ({@link JobQueue}), their plans and manifests ({@link JobManifests}) and the read side
 * ({@link JobReads}). Implementations: {@code JdbcJobStore} (sql), and {@link InMemoryJobStore}, its twin for fast
 * tests of the scheduler's rules.
 */
public interface JobStore extends JobPlanning, JobQueue, JobManifests, JobReads {
    /**
     * Saves the job's plan ({@link #savePlan}) and applies the chain of moves that starts its copy
     * ({@link #transitions}, e.g. PLANNED -> COPYING) as one write: a state store does both in one transaction,
     * the compare-and-sets first, so a process that lost the job writes neither. Returns the job as the chain
     * leaves it.
     */
    default ReplicationJob savePlanAndMove(long jobId, JobPlan plan, List<CopyTask> tasks,
            List<JobTransitionRequest> chain) {
        JobTransitions.checkChain(chain);
        savePlan(jobId, plan, tasks);
        return transitions(chain);
    }

    /**
     * Records the copy results of the job's tasks ({@link #recordCopyResults}) and applies the chain of moves they
     * decide (COPYING -> COPIED -> VERIFIED, ...) as one write, as {@link #savePlanAndMove}.
     */
    default ReplicationJob recordCopyResultsAndMove(List<CopyTaskResult> results,
            List<JobTransitionRequest> chain) {
        JobTransitions.checkChain(chain);
        recordCopyResults(results);
        return transitions(chain);
    }
}
