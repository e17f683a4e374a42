package io.strait.common.job;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.ReplicatedVersion;
import java.util.List;
import java.util.Optional;

/** A job's plan, its copy tasks and its file manifest with each file's latest copy result. */
public interface JobManifests {
    /** Stores the job's plan, its file manifest (verification PENDING) and its copy tasks. */
    void savePlan(long jobId, JobPlan plan, List<CopyTask> tasks);

    Optional<JobPlan> plan(long jobId);

    /** Records what happened to each file of a copy task, and the task's end state. */
    void recordCopyResult(CopyTaskResult result);

    /** Records the results of several copy tasks at once (a state store: in one transaction). */
    default void recordCopyResults(List<CopyTaskResult> results) {
        results.forEach(this::recordCopyResult);
    }

    /** The files of the job's manifest with their latest copy result (PENDING before any). */
    List<FileCopyResult> fileResults(long jobId);

    /**
     * The version of {@code object} that the last SUCCEEDED data job of {@code link} published: its version folder and
     * the VERIFIED files of its manifest (delta copies reuse them). Empty when there is none or the store does not
     * keep manifests.
     */
    default Optional<ReplicatedVersion> lastReplicatedVersion(String link, ObjectRef object) {
        return Optional.empty();
    }
}
