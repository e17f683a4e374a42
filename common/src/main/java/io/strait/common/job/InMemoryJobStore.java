package io.strait.common.job;

import io.strait.common.capture.ObjectOrder;
import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.error.StraitException;
import io.strait.common.event.EventCursor;
import io.strait.common.region.FileEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The in-memory twin of the state store's {@link JobStore}, with the same rules: transitions checked against
 * {@link JobTransitions} and applied by compare-and-set, fenced by leases (a job in flight moves only for its lease
 * holder with its token, or for a cancellation), takeover of expired leases, coalescing by {@link JobCoalescing},
 * claims by {@link JobDag#claimOrder}. Several processes share one store: {@link #process} gives another process's
 * view (its own lease identity) of the same jobs. For fast tests of the scheduler's rules; not durable.
 */
public final class InMemoryJobStore implements JobStore {
    /** The jobs, shared by every process's view; every access holds its monitor. */
    private static final class Shared {
        private final Clock clock;
        private final long leaseMillis;
        private final JobDeadlines deadlines;
        private final Map<String, Long> cursors = new HashMap<>();
        private final Map<String, Map<String, Long>> instanceCursors = new HashMap<>();
        private final Map<String, Map<ObjectRef, ObjectOrder.Planned>> planned =
                new HashMap<>();
        private final TreeMap<Long, Row> jobs = new TreeMap<>();
        private final Map<Long, List<JobTransition>> history = new HashMap<>();
        private final Map<Long, JobPlan> plans = new HashMap<>();
        private final Map<Long, List<CopyTask>> tasks = new HashMap<>();
        private final Map<Long, Map<String, FileCopyResult>> results = new HashMap<>();
        private long nextId = 1;

        Shared(Clock clock, Duration lease, JobDeadlines deadlines) {
            this.clock = clock;
            this.leaseMillis = lease.toMillis();
            this.deadlines = deadlines;
        }
    }

    /** A job with its lease columns. */
    private record Row(ReplicationJob job, String leaseOwner, long leaseExpiresAtMillis, long fencingToken) {
    }

    private final Shared shared;
    private final String owner;
    private final Map<Long, Long> heldTokens = new HashMap<>();

    private InMemoryJobStore(Shared shared, String owner) {
        this.shared = shared;
        this.owner = owner;
    }

    /** A new empty store, seen by process {@code owner}. */
    public static InMemoryJobStore create(Clock clock, Duration lease, JobDeadlines deadlines, String owner) {
        return new InMemoryJobStore(new Shared(clock, lease, deadlines), owner);
    }

    /** The same store seen by another process, lease holder {@code otherOwner}. */
    public InMemoryJobStore process(String otherOwner) {
        return new InMemoryJobStore(shared, otherOwner);
    }

    @Override
    public long plannerCursor(String link) {
        synchronized (shared) {
            return shared.cursors.getOrDefault(link, 0L);
        }
    }

    @Override
    public List<Long> createJobs(String link, long expectedCursor, long newCursor, List<NewJob> jobs) {
        synchronized (shared) {
            long cursor = shared.cursors.getOrDefault(link, 0L);
            if (cursor != expectedCursor || newCursor < expectedCursor) {
                throw StraitException.internal("Cannot create jobs for link " + link + ": planner cursor moved"
                        + " (expected " + expectedCursor + ", found " + cursor + ")");
            }
            shared.cursors.put(link, newCursor);
            return insertAll(link, jobs);
        }
    }

    @Override
    public Map<String, Long> instanceCursors(String link) {
        synchronized (shared) {
            return Map.copyOf(shared.instanceCursors.getOrDefault(link, Map.of()));
        }
    }

    @Override
    public Map<ObjectRef, ObjectOrder.Planned> plannedOrder(String link,
            Collection<ObjectRef> objects) {
        synchronized (shared) {
            Map<ObjectRef, ObjectOrder.Planned> all = shared.planned.getOrDefault(link,
                    Map.of());
            Map<ObjectRef, ObjectOrder.Planned> found = new HashMap<>();
            objects.stream().filter(all::containsKey).forEach(object -> found.put(object, all.get(object)));
            return found;
        }
    }

    @Override
    public List<Long> createJobs(String link, long expectedCursor, EventCursor next,
            Map<ObjectRef, ObjectOrder.Planned> planned, List<NewJob> jobs) {
        synchronized (shared) {
            List<Long> ids = createJobs(link, expectedCursor, next.afterId(), jobs);
            shared.instanceCursors.put(link, new HashMap<>(next.instanceCursors()));
            shared.planned.computeIfAbsent(link, ignored -> new HashMap<>()).putAll(planned);
            return ids;
        }
    }

    @Override
    public List<Long> createRepairJobs(String link, List<NewJob> jobs) {
        synchronized (shared) {
            return insertAll(link, jobs);
        }
    }

    private List<Long> insertAll(String link, List<NewJob> jobs) {
        List<Long> ids = new ArrayList<>();
        long now = shared.clock.millis();
        for (NewJob job : jobs) {
            if (!job.link().equals(link)) {
                throw StraitException.internal("Cannot create jobs for link " + link + ": a job names link "
                        + job.link());
            }
            long id = shared.nextId++;
            for (Row older : List.copyOf(shared.jobs.values())) {
                if (JobCoalescing.covers(job, older.job())) {
                    ReplicationJob superseded = with(older.job(), JobState.SUPERSEDED, now);
                    shared.jobs.put(older.job().id(), new Row(superseded, "", 0, older.fencingToken()));
                    record(superseded.id(), older.job().state(), JobState.SUPERSEDED, superseded.version(),
                            "coalesced: job " + id + " (" + job.kind() + ", source event " + job.sourceEventId()
                                    + ") covers the same object", now);
                }
            }
            ReplicationJob created = new ReplicationJob(id, job.link(), job.kind(), job.object(), JobState.PENDING, 0,
                    job.sourceEventId(), job.sourceCapturedAtMillis(), 0, "", "", now, now, 0, job.origin(),
                    job.renamedFrom());
            shared.jobs.put(id, new Row(created, "", 0, 0));
            record(id, null, JobState.PENDING, 0, "created (" + job.origin() + ")", now);
            ids.add(id);
        }
        return ids;
    }

    @Override
    public Optional<ReplicationJob> find(long jobId) {
        synchronized (shared) {
            return Optional.ofNullable(shared.jobs.get(jobId)).map(Row::job);
        }
    }

    @Override
    public List<ReplicationJob> findAll(List<Long> jobIds) {
        synchronized (shared) {
            return jobIds.stream().sorted().map(shared.jobs::get).filter(Objects::nonNull).map(Row::job).toList();
        }
    }

    @Override
    public List<Long> unsettled(List<Long> jobIds) {
        return findAll(jobIds).stream().filter(job -> !job.state().isSettled()).map(ReplicationJob::id).toList();
    }

    @Override
    public JobProgress progress(List<Long> jobIds) {
        Map<JobState, Integer> byState = new EnumMap<>(JobState.class);
        long[] files = new long[4];
        for (ReplicationJob job : findAll(jobIds)) {
            byState.merge(job.state(), 1, Integer::sum);
            for (FileCopyResult result : fileResults(job.id())) {
                files[0]++;
                files[1] += result.sizeBytes();
                if (result.verification() == FileVerification.VERIFIED) {
                    files[2]++;
                    files[3] += result.sizeBytes();
                }
            }
        }
        return new JobProgress(byState, files[0], files[1], files[2], files[3]);
    }

    @Override
    public List<ReplicationJob> findUnfinished(String link) {
        synchronized (shared) {
            return shared.jobs.values().stream().map(Row::job)
                    .filter(job -> job.link().equals(link) && !job.state().isSettled()).toList();
        }
    }

    @Override
    public JobDeadlines deadlines() {
        return shared.deadlines;
    }

    @Override
    public List<ReplicationJob> claim(JobClaim claim) {
        synchronized (shared) {
            return JobStore.super.claim(claim);
        }
    }

    /** The chain under the store's lock: only its first move can find the job moved, so it is all or none. */
    @Override
    public ReplicationJob transitions(List<JobTransitionRequest> chain) {
        JobTransitions.checkChain(chain);
        synchronized (shared) {
            ReplicationJob moved = null;
            for (JobTransitionRequest request : chain) {
                moved = transition(request);
            }
            return moved;
        }
    }

    /** Every chain under the store's lock, as a state store writes them in one transaction. */
    @Override
    public List<ChainOutcome> transitionsTogether(List<List<JobTransitionRequest>> chains) {
        synchronized (shared) {
            return JobStore.super.transitionsTogether(chains);
        }
    }

    /** The moves first, under the store's lock: a process that lost the job saves no plan. */
    @Override
    public ReplicationJob savePlanAndMove(long jobId, JobPlan plan, List<CopyTask> tasks,
            List<JobTransitionRequest> chain) {
        synchronized (shared) {
            ReplicationJob moved = transitions(chain);
            savePlan(jobId, plan, tasks);
            return moved;
        }
    }

    /** Every job under the store's lock, as a state store writes them in one transaction. */
    @Override
    public List<ChainOutcome> savePlansAndMove(List<PlanAndMoves> jobs) {
        synchronized (shared) {
            return JobStore.super.savePlansAndMove(jobs);
        }
    }

    /** Every job under the store's lock, as a state store writes them in one transaction. */
    @Override
    public List<ChainOutcome> recordCopyResultsAndMoveTogether(List<CopyResultsAndMoves> jobs) {
        synchronized (shared) {
            return JobStore.super.recordCopyResultsAndMoveTogether(jobs);
        }
    }

    /** The moves first, under the store's lock: a process that lost the job records no results. */
    @Override
    public ReplicationJob recordCopyResultsAndMove(List<CopyTaskResult> results,
            List<JobTransitionRequest> chain) {
        synchronized (shared) {
            ReplicationJob moved = transitions(chain);
            recordCopyResults(results);
            return moved;
        }
    }

    @Override
    public ReplicationJob transition(JobTransitionRequest request) {
        JobTransitions.check(request.jobId(), request.from(), request.to());
        synchronized (shared) {
            Row row = shared.jobs.get(request.jobId());
            boolean fenced = row != null && !row.leaseOwner().isEmpty() && request.to() != JobState.CANCELLED
                    && !(row.leaseOwner().equals(owner)
                            && heldTokens.getOrDefault(request.jobId(), -1L) == row.fencingToken());
            if (row == null || row.job().state() != request.from() || row.job().version() != request.expectedVersion()
                    || fenced) {
                heldTokens.remove(request.jobId());
                throw new StaleJobVersionException(request.jobId(), request.from(), request.expectedVersion(),
                        row == null ? "no such job" : row.job().state() + " at version " + row.job().version());
            }
            long now = shared.clock.millis();
            ReplicationJob old = row.job();
            boolean claiming = request.from() == JobState.PENDING && request.to() == JobState.PLANNED;
            String lastError = request.lastError() != null ? request.lastError()
                    : request.to() == JobState.SUCCEEDED ? "" : old.lastError();
            ReplicationJob moved = new ReplicationJob(old.id(), old.link(), old.kind(), old.object(), request.to(),
                    old.version() + 1, old.sourceEventId(), old.sourceCapturedAtMillis(),
                    JobTransitions.restartsAttempts(request.from(), request.to()) ? 0
                            : old.attempts() + (claiming ? 1 : 0),
                    request.targetLocation() != null ? request.targetLocation() : old.targetLocation(), lastError,
                    old.createdAtMillis(), now,
                    request.committedAtMillis() != 0 ? request.committedAtMillis() : old.committedAtMillis(),
                    old.origin(), old.renamedFrom());
            long token = row.fencingToken() + (claiming ? 1 : 0);
            boolean leased = request.to().isInFlight();
            shared.jobs.put(old.id(), new Row(moved, leased ? owner : "", leased ? now + shared.leaseMillis : 0,
                    token));
            if (leased) {
                heldTokens.put(old.id(), token);
            } else {
                heldTokens.remove(old.id());
            }
            record(old.id(), request.from(), request.to(), moved.version(), request.reason(), now);
            return moved;
        }
    }

    @Override
    public List<JobTransition> history(long jobId) {
        synchronized (shared) {
            return List.copyOf(shared.history.getOrDefault(jobId, List.of()));
        }
    }

    @Override
    public void savePlan(long jobId, JobPlan plan, List<CopyTask> tasks) {
        synchronized (shared) {
            shared.plans.put(jobId, plan);
            shared.tasks.put(jobId, List.copyOf(tasks));
            shared.results.remove(jobId);
        }
    }

    @Override
    public Optional<JobPlan> plan(long jobId) {
        synchronized (shared) {
            return Optional.ofNullable(shared.plans.get(jobId));
        }
    }

    @Override
    public void recordCopyResult(CopyTaskResult result) {
        synchronized (shared) {
            Map<String, FileCopyResult> files = shared.results.computeIfAbsent(result.jobId(), id -> new HashMap<>());
            result.files().forEach(file -> files.put(result.taskIndex() + "/" + file.relativePath(), file));
        }
    }

    @Override
    public List<FileCopyResult> fileResults(long jobId) {
        synchronized (shared) {
            Map<String, FileCopyResult> recorded = shared.results.getOrDefault(jobId, Map.of());
            List<FileCopyResult> files = new ArrayList<>();
            for (CopyTask task : shared.tasks.getOrDefault(jobId, List.of())) {
                for (FileEntry file : task.files()) {
                    files.add(recorded.getOrDefault(task.taskIndex() + "/" + file.relativePath(),
                            new FileCopyResult(file.relativePath(), file.sizeBytes(), "", "",
                                    FileVerification.PENDING, "")));
                }
            }
            return files;
        }
    }

    @Override
    public String leaseOwner() {
        return owner;
    }

    @Override
    public boolean holdsLease(long jobId) {
        synchronized (shared) {
            Row row = shared.jobs.get(jobId);
            return row != null && row.leaseOwner().equals(owner)
                    && heldTokens.getOrDefault(jobId, -1L) == row.fencingToken();
        }
    }

    @Override
    public boolean confirmLease(long jobId) {
        synchronized (shared) {
            Row row = shared.jobs.get(jobId);
            long now = shared.clock.millis();
            boolean held = holdsLease(jobId) && row.leaseExpiresAtMillis() > now;
            if (!held) {
                heldTokens.remove(jobId);
                return false;
            }
            shared.jobs.put(jobId, new Row(row.job(), owner, Math.max(row.leaseExpiresAtMillis(),
                    now + shared.leaseMillis), row.fencingToken()));
            return true;
        }
    }

    @Override
    public int renewLeases() {
        synchronized (shared) {
            long expiry = shared.clock.millis() + shared.leaseMillis;
            int renewed = 0;
            for (Row row : List.copyOf(shared.jobs.values())) {
                if (row.leaseOwner().equals(owner) && row.job().state().isInFlight()) {
                    shared.jobs.put(row.job().id(), new Row(row.job(), owner,
                            Math.max(row.leaseExpiresAtMillis(), expiry), row.fencingToken()));
                    renewed++;
                }
            }
            return renewed;
        }
    }

    @Override
    public List<ReplicationJob> takeOverExpiredLeases(String link) {
        synchronized (shared) {
            long now = shared.clock.millis();
            List<ReplicationJob> taken = new ArrayList<>();
            for (Row row : List.copyOf(shared.jobs.values())) {
                if (row.job().link().equals(link) && row.job().state().isInFlight()
                        && row.leaseExpiresAtMillis() < now) {
                    taken.add(takeAway(row, "taken over by " + owner + ": lease of " + row.leaseOwner()
                            + " expired", now));
                }
            }
            return taken;
        }
    }

    @Override
    public int releaseLeases(String reason) {
        synchronized (shared) {
            long now = shared.clock.millis();
            int released = 0;
            for (Row row : List.copyOf(shared.jobs.values())) {
                if (row.leaseOwner().equals(owner) && row.job().state().isInFlight()) {
                    takeAway(row, "released by " + owner + ": " + reason, now);
                    released++;
                }
            }
            return released;
        }
    }

    /** As a takeover in the state store: back to RETRY_WAIT, or SUCCEEDED once COMMITTED; token + 1. */
    private ReplicationJob takeAway(Row row, String reason, long now) {
        ReplicationJob job = row.job();
        JobState to = job.state() == JobState.COMMITTED ? JobState.SUCCEEDED : JobState.RETRY_WAIT;
        ReplicationJob moved = new ReplicationJob(job.id(), job.link(), job.kind(), job.object(), to,
                job.version() + 1, job.sourceEventId(), job.sourceCapturedAtMillis(), job.attempts(),
                job.targetLocation(), to == JobState.SUCCEEDED ? "" : "interrupted in " + job.state() + ": " + reason,
                job.createdAtMillis(), now, job.committedAtMillis(), job.origin(), job.renamedFrom());
        shared.jobs.put(job.id(), new Row(moved, "", 0, row.fencingToken() + 1));
        heldTokens.remove(job.id());
        record(job.id(), job.state(), to, moved.version(), reason, now);
        return moved;
    }

    private static ReplicationJob with(ReplicationJob job, JobState state, long now) {
        return new ReplicationJob(job.id(), job.link(), job.kind(), job.object(), state, job.version() + 1,
                job.sourceEventId(), job.sourceCapturedAtMillis(), job.attempts(), job.targetLocation(),
                job.lastError(), job.createdAtMillis(), now, job.committedAtMillis(), job.origin(), job.renamedFrom());
    }

    private void record(long jobId, JobState from, JobState to, long version, String reason, long now) {
        shared.history.computeIfAbsent(jobId, id -> new ArrayList<>())
                .add(new JobTransition(jobId, from, to, version, reason, now));
    }
}
