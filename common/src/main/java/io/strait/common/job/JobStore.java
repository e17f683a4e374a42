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

    /** One job's plan, its copy tasks and the chain of moves that starts its copy ({@link #savePlansAndMove}). */
    record PlanAndMoves(long jobId, JobPlan plan, List<CopyTask> tasks, List<JobTransitionRequest> chain) {
        public PlanAndMoves {
            tasks = List.copyOf(tasks);
            chain = List.copyOf(chain);
        }
    }

    /** One job's copy results and the chain of moves they decide ({@link #recordCopyResultsAndMoveTogether}). */
    record CopyResultsAndMoves(List<CopyTaskResult> results, List<JobTransitionRequest> chain) {
        public CopyResultsAndMoves {
            results = List.copyOf(results);
            chain = List.copyOf(chain);
        }
    }

    /**
     * {@link #savePlanAndMove} for the jobs of one batch at once (a state store: one transaction). Each job stays
     * its own compare-and-set: one whose job moved meanwhile, or whose lease this process lost, writes neither its
     * moves nor its plan and fails alone ({@link ChainOutcome#stale}). One outcome per job, in order.
     */
    default List<ChainOutcome> savePlansAndMove(List<PlanAndMoves> jobs) {
        List<ChainOutcome> outcomes = new java.util.ArrayList<>();
        for (PlanAndMoves job : jobs) {
            try {
                outcomes.add(ChainOutcome.moved(savePlanAndMove(job.jobId(), job.plan(), job.tasks(), job.chain())));
            } catch (StaleJobVersionException moved) {
                outcomes.add(ChainOutcome.stale(moved));
            }
        }
        return outcomes;
    }

    /** {@link #recordCopyResultsAndMove} for the jobs of one batch at once, as {@link #savePlansAndMove}. */
    default List<ChainOutcome> recordCopyResultsAndMoveTogether(List<CopyResultsAndMoves> jobs) {
        List<ChainOutcome> outcomes = new java.util.ArrayList<>();
        for (CopyResultsAndMoves job : jobs) {
            try {
                outcomes.add(ChainOutcome.moved(recordCopyResultsAndMove(job.results(), job.chain())));
            } catch (StaleJobVersionException moved) {
                outcomes.add(ChainOutcome.stale(moved));
            }
        }
        return outcomes;
    }
}
