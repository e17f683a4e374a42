package io.strait.reparo.repair;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.job.JobPlan;
import io.strait.common.job.JobProgress;
import io.strait.common.job.JobState;
import io.strait.common.job.JobStore;
import io.strait.common.job.JobTransition;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.NewJob;
import io.strait.common.job.ReplicationJob;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A job store for repair runs: created jobs end at once in the state {@code outcome} gives them (as if a
 * replication cycle had run them), and jobs can be put in place as an earlier run left them. Only what
 * {@link RepairRun} uses is implemented.
 */
final class TestingJobStore implements JobStore {
    private final Map<Long, ReplicationJob> jobs = new TreeMap<>();
    private final Function<NewJob, JobState> outcome;
    private final List<List<NewJob>> created = new ArrayList<>();
    private final List<List<Long>> unsettledPolls = new ArrayList<>();
    private JobState settlingOnePerPoll;
    private int progressReads;
    private long nextId = 1;

    TestingJobStore(Function<NewJob, JobState> outcome) {
        this.outcome = outcome;
    }

    /** A job an earlier run left in {@code state}. */
    long existing(NewJob job, JobState state) {
        long id = nextId++;
        jobs.put(id, new ReplicationJob(id, job.link(), job.kind(), job.object(), state, 0, job.sourceEventId(),
                job.sourceCapturedAtMillis(), 0, "", "", 0, 0, 0, job.origin()));
        return id;
    }

    List<List<NewJob>> created() {
        return created;
    }

    /** From now on each {@link #unsettled} poll, after answering, moves the first open job to {@code state}. */
    void settleOneJobPerPoll(JobState state) {
        settlingOnePerPoll = state;
    }

    /** The ids each {@link #unsettled} poll asked about, in order. */
    List<List<Long>> unsettledPolls() {
        return unsettledPolls;
    }

    /** How often the full progress was read. */
    int progressReads() {
        return progressReads;
    }

    @Override
    public List<Long> createRepairJobs(String link, List<NewJob> newJobs) {
        created.add(List.copyOf(newJobs));
        List<Long> ids = new ArrayList<>();
        for (NewJob job : newJobs) {
            long id = existing(job, outcome.apply(job));
            ids.add(id);
        }
        return ids;
    }

    @Override
    public List<ReplicationJob> findUnfinished(String link) {
        return jobs.values().stream().filter(job -> job.link().equals(link) && !job.state().isSettled()).toList();
    }

    @Override
    public List<ReplicationJob> findAll(List<Long> jobIds) {
        return jobIds.stream().map(jobs::get).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public List<Long> unsettled(List<Long> jobIds) {
        unsettledPolls.add(List.copyOf(jobIds));
        List<Long> open = findAll(jobIds).stream().filter(job -> !job.state().isSettled()).map(ReplicationJob::id)
                .sorted().toList();
        if (settlingOnePerPoll != null && !open.isEmpty()) {
            ReplicationJob first = jobs.get(open.get(0));
            jobs.put(first.id(), new ReplicationJob(first.id(), first.link(), first.kind(), first.object(),
                    settlingOnePerPoll, first.version() + 1, first.sourceEventId(), first.sourceCapturedAtMillis(), 1,
                    "", "", 0, 0, 0, first.origin()));
        }
        return open;
    }

    @Override
    public JobProgress progress(List<Long> jobIds) {
        progressReads++;
        Map<JobState, Integer> byState = new EnumMap<>(JobState.class);
        findAll(jobIds).forEach(job -> byState.merge(job.state(), 1, Integer::sum));
        return new JobProgress(byState, 0, 0, 0, 0);
    }

    @Override
    public long plannerCursor(String link) {
        return Long.MAX_VALUE;
    }

    @Override
    public Optional<ReplicationJob> find(long jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public List<Long> createJobs(String link, long expectedCursor, long newCursor, List<NewJob> newJobs) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ReplicationJob transition(JobTransitionRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<JobTransition> history(long jobId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void savePlan(long jobId, JobPlan plan, List<CopyTask> tasks) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<JobPlan> plan(long jobId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void recordCopyResult(CopyTaskResult result) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<FileCopyResult> fileResults(long jobId) {
        throw new UnsupportedOperationException();
    }
}
