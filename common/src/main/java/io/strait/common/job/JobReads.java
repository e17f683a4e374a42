package io.strait.common.job;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.ReplicatedVersion;
import java.util.List;
import java.util.Optional;

/** The read side for reports, the CLI and repair runs: jobs by id and how far a set of jobs got. */
public interface JobReads {
    /** The jobs with these ids that exist, by id. */
    List<ReplicationJob> findAll(List<Long> jobIds);

    /** How far the jobs with these ids got: jobs by state, files and bytes planned and verified. */
    JobProgress progress(List<Long> jobIds);

    /**
     * The ids among these whose jobs are not {@linkplain JobState#isSettled() settled} yet, in id order (ids of no job
     * are left out): a cheap poll for a waiter, which reads no manifest.
     */
    List<Long> unsettled(List<Long> jobIds);
}
