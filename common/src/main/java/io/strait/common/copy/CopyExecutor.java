package io.strait.common.copy;

import java.util.List;

/**
 * Runs copy tasks from a source region's filesystem to a target region's, verifying every file end to end.
 * Implementations: the in-process executor of the sync-engine (a thread pool); later a Spark executor for large
 * jobs. An executor never touches job state: it returns results, the scheduler records them.
 *
 * <p>Contract: each returned {@link FileCopyResult} is VERIFIED only if the checksum of the bytes read from the
 * source equals the checksum of an independent re-read of the closed target file, and the lengths match the
 * manifest. A task never throws for a single bad file: the file's result says what went wrong.
 */
public interface CopyExecutor {
    /** Runs the tasks (possibly in parallel) and returns one result per task, in the order given. */
    List<CopyTaskResult> execute(List<CopyTask> tasks);
}
