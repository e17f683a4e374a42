package io.strait.sql.job;

import io.strait.common.capture.ObjectOrder;
import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.ReplicatedVersion;
import io.strait.common.error.StraitException;
import io.strait.common.event.EventCursor;
import io.strait.common.job.ChainOutcome;
import io.strait.common.job.JobClaim;
import io.strait.common.job.JobDeadlines;
import io.strait.common.job.JobOrigin;
import io.strait.common.job.JobSchedule;
import io.strait.common.job.JobPlan;
import io.strait.common.job.ObjectRef;
import io.strait.common.job.JobProgress;
import io.strait.common.job.JobState;
import io.strait.common.job.JobStore;
import io.strait.common.job.JobTransition;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.JobTransitions;
import io.strait.common.job.NewJob;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import io.strait.common.json.StraitJson;
import io.strait.sql.ColumnLimits;
import io.strait.sql.Transactions;
import io.strait.sql.watermark.FreshnessWrites;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JobStore} on {@code replication_job}, {@code job_transition}, {@code planner_cursor}, {@code copy_task}
 * and {@code file_manifest}.
 *
 * <p>A job is created in PENDING at version 0 with a first {@code job_transition} row whose {@code from} is null
 * (SQL NULL). Every later change is {@link #transition}: checked against {@link JobTransitions}, then one
 * transaction of {@code UPDATE ... WHERE id=? AND state=? AND version=?} (zero rows: {@link
 * StaleJobVersionException}, nothing written) plus the history row. {@code attempts} grows on PENDING to PLANNED.
 */
public final class JdbcJobStore implements JobStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcJobStore.class);
    /** Ids bound in one {@code IN (...)} list. */
    private static final int IN_LIST_SIZE = 500;
    /** States of a job some process is running: each is leased to that process (see {@link #transition}). */
    static final Set<JobState> IN_FLIGHT = Collections.unmodifiableSet(EnumSet.copyOf(
            java.util.Arrays.stream(JobState.values()).filter(JobState::isInFlight).toList()));
    /** The lease of a store built without one. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    private final Transactions transactions;
    private final Clock clock;
    private final JobRows rows;
    private final JdbcManifests manifests;
    private final String owner;
    private final long leaseMillis;
    private final long commitReserveMillis;
    private final JobDeadlines deadlines;
    private volatile JdbcJobClaims claims;
    private final JdbcJobCreation creation;
    private final JdbcPlannerProgress progress;
    /** The fencing token of every job this store's process holds the lease of, by job id. */
    private final Map<Long, Long> heldTokens = new ConcurrentHashMap<>();

    /** A store whose process is a fresh lease holder ({@link LeaseOwners#newOwner()}) with the default lease. */
    public JdbcJobStore(DataSource dataSource, Clock clock) {
        this(dataSource, clock, LeaseOwners.newOwner(), DEFAULT_LEASE);
    }

    /**
     * A store acting as lease holder {@code owner}: the jobs it claims are leased to it for {@code lease}, renewed
     * by {@link #renewLeases()} (the runtime's heartbeat), and taken over by any process once that lease expired.
     */
    public JdbcJobStore(DataSource dataSource, Clock clock, String owner, Duration lease) {
        this(dataSource, clock, owner, lease, JobDeadlines.DEFAULT);
    }

    /** As {@link #JdbcJobStore(DataSource, Clock, String, Duration)}, with each link's SLA for the jobs' deadlines. */
    public JdbcJobStore(DataSource dataSource, Clock clock, String owner, Duration lease, JobDeadlines deadlines) {
        this(dataSource, clock, owner, lease, deadlines, lease);
    }

    /**
     * As above; {@code commitReserve} is how long a lease confirmed for a metastore commit ({@link #confirmLease})
     * stays valid at least: the longest a metastore call may take, so that no process takes a job over while its
     * commit may still be in flight.
     */
    public JdbcJobStore(DataSource dataSource, Clock clock, String owner, Duration lease, JobDeadlines deadlines,
            Duration commitReserve) {
        this.commitReserveMillis = Math.max(lease.toMillis(), commitReserve.toMillis());
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.owner = Objects.requireNonNull(owner, "owner");
        if (owner.isEmpty() || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a lease holder needs a name and a positive lease: " + owner + ", "
                    + lease);
        }
        this.leaseMillis = lease.toMillis();
        this.transactions = new Transactions(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
        StraitJson json = new StraitJson();
        this.rows = new JobRows(json);
        this.manifests = new JdbcManifests(transactions, clock, json);
        this.claims = new JdbcJobClaims(transactions, rows);
        this.creation = new JdbcJobCreation(rows, deadlines);
        this.progress = new JdbcPlannerProgress(rows);
    }

    @Override
    public long plannerCursor(String link) {
        return transactions.withConnection("read the planner cursor of link " + link,
                connection -> readCursor(connection, link));
    }

    @Override
    public List<Long> createJobs(String link, long expectedCursor, long newCursor, List<NewJob> jobs) {
        requireJobsOf(link, expectedCursor, newCursor, jobs);
        List<Long> ids = transactions.inTransaction("create jobs for link " + link, connection -> {
            long now = clock.millis();
            moveCursor(connection, link, expectedCursor, newCursor, now);
            return creation.create(connection, jobs, now);
        });
        LOG.info("link {}: created {} job(s){}, planner cursor {} -> {}", link, ids.size(), idRange(ids),
                expectedCursor, newCursor);
        return ids;
    }

    @Override
    public Map<String, Long> instanceCursors(String link) {
        return transactions.withConnection("read the instance cursors of link " + link,
                connection -> JdbcPlannerProgress.instanceCursors(connection, link));
    }

    @Override
    public Map<ObjectRef, ObjectOrder.Planned> plannedOrder(String link, Collection<ObjectRef> objects) {
        if (objects.isEmpty()) {
            return Map.of();
        }
        return transactions.withConnection("read the planned order of " + objects.size() + " object(s) of link "
                + link, connection -> progress.plannedOrder(connection, link, objects));
    }

    @Override
    public List<Long> createJobs(String link, long expectedCursor, EventCursor next,
            Map<ObjectRef, ObjectOrder.Planned> planned, List<NewJob> jobs) {
        requireJobsOf(link, expectedCursor, next.afterId(), jobs);
        List<Long> ids = transactions.inTransaction("create jobs for link " + link, connection -> {
            long now = clock.millis();
            moveCursor(connection, link, expectedCursor, next.afterId(), now);
            JdbcPlannerProgress.moveInstanceCursors(connection, link, next.instanceCursors(), now);
            progress.recordPlanned(connection, link, planned, now);
            return creation.create(connection, jobs, now);
        });
        LOG.info("link {}: created {} job(s){}, planner cursor {} -> {}, instance cursors {}", link, ids.size(),
                idRange(ids), expectedCursor, next.afterId(), next.instanceCursors());
        return ids;
    }

    @Override
    public List<Long> createRepairJobs(String link, List<NewJob> jobs) {
        requireRepairJobsOf(link, jobs);
        List<Long> ids = transactions.inTransaction("create repair jobs for link " + link, connection -> {
            long now = clock.millis();
            lockCursor(connection, link, now);
            return creation.create(connection, jobs, now);
        });
        LOG.info("link {}: created {} repair/bootstrap job(s){}", link, ids.size(), idRange(ids));
        return ids;
    }

    /** {@code " 4..9"}: the first and last of the created job ids; empty for none. */
    private static String idRange(List<Long> ids) {
        return ids.isEmpty() ? "" : " " + ids.get(0) + ".." + ids.get(ids.size() - 1);
    }

    @Override
    public Optional<ReplicationJob> find(long jobId) {
        return transactions.withConnection("read job " + jobId, connection -> findJob(connection, jobId));
    }

    @Override
    public List<ReplicationJob> findAll(List<Long> jobIds) {
        List<ReplicationJob> jobs = new ArrayList<>();
        for (List<Long> chunk : chunks(jobIds)) {
            jobs.addAll(transactions.withConnection("read " + chunk.size() + " job(s)", connection -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        JobSql.FIND_JOBS_IN + placeholders(chunk.size()) + " ORDER BY id")) {
                    bind(statement, chunk);
                    return readJobs(statement);
                }
            }));
        }
        jobs.sort(Comparator.comparingLong(ReplicationJob::id));
        return jobs;
    }

    @Override
    public List<Long> unsettled(List<Long> jobIds) {
        List<Long> open = new ArrayList<>();
        for (List<Long> chunk : chunks(jobIds)) {
            open.addAll(transactions.withConnection("read which of " + chunk.size() + " job(s) are unsettled",
                    connection -> {
                        try (PreparedStatement statement = connection.prepareStatement(
                                JobSql.UNSETTLED_IN + placeholders(chunk.size()) + " ORDER BY id")) {
                            bind(statement, chunk);
                            List<Long> ids = new ArrayList<>();
                            try (ResultSet rows = statement.executeQuery()) {
                                while (rows.next()) {
                                    ids.add(rows.getLong(1));
                                }
                            }
                            return ids;
                        }
                    }));
        }
        open.sort(Comparator.naturalOrder());
        return open;
    }

    @Override
    public JobProgress progress(List<Long> jobIds) {
        Map<JobState, Integer> byState = new EnumMap<>(JobState.class);
        long[] files = new long[4];
        for (List<Long> chunk : chunks(jobIds)) {
            transactions.withConnection("read the progress of " + chunk.size() + " job(s)", connection -> {
                try (PreparedStatement states = connection.prepareStatement(
                        JobSql.STATES_IN + placeholders(chunk.size()) + " GROUP BY state")) {
                    bind(states, chunk);
                    try (ResultSet rows = states.executeQuery()) {
                        while (rows.next()) {
                            byState.merge(JobState.valueOf(rows.getString(1)), rows.getInt(2), Integer::sum);
                        }
                    }
                }
                try (PreparedStatement manifest = connection.prepareStatement(
                        JobSql.FILES_IN + placeholders(chunk.size()))) {
                    bind(manifest, chunk);
                    try (ResultSet rows = manifest.executeQuery()) {
                        rows.next();
                        for (int i = 0; i < files.length; i++) {
                            files[i] += rows.getLong(i + 1);
                        }
                    }
                }
                return null;
            });
        }
        return new JobProgress(byState, files[0], files[1], files[2], files[3]);
    }

    /** Id lists in pieces small enough for one {@code IN (...)}. */
    private static List<List<Long>> chunks(List<Long> ids) {
        List<List<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IN_LIST_SIZE) {
            chunks.add(List.copyOf(ids.subList(from, Math.min(ids.size(), from + IN_LIST_SIZE))));
        }
        return chunks;
    }

    private static String placeholders(int count) {
        return "(" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    private static void bind(PreparedStatement statement, List<Long> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            statement.setLong(i + 1, ids.get(i));
        }
    }

    /** The job's deadline and lease, for operators ({@code strait job}); empty when there is no such job. */
    public Optional<JobSchedule> schedule(long jobId) {
        return transactions.withConnection("read the schedule of job " + jobId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(JobSql.READ_SCHEDULE)) {
                statement.setLong(1, jobId);
                try (ResultSet result = statement.executeQuery()) {
                    return result.next() ? Optional.of(new JobSchedule(result.getLong(1), result.getString(2),
                            result.getLong(3), result.getLong(4))) : Optional.<JobSchedule>empty();
                }
            }
        });
    }

    @Override
    public boolean hasUnfinished(String link) {
        return transactions.withConnection("check for unfinished jobs of link " + link, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(JobSql.HAS_UNFINISHED)) {
                statement.setString(1, link);
                try (ResultSet result = statement.executeQuery()) {
                    return result.next();
                }
            }
        });
    }

    @Override
    public List<ReplicationJob> waitingToRetry(String link) {
        return transactions.withConnection("read the jobs of link " + link + " waiting to retry", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(JobSql.IN_STATE)) {
                statement.setString(1, link);
                statement.setString(2, JobState.RETRY_WAIT.name());
                return readJobs(statement);
            }
        });
    }

    @Override
    public JobDeadlines deadlines() {
        return deadlines;
    }

    /** Claims read a link with a closed table table by table, however few that table's pending jobs (for tests). */
    void readClaimsTableByTableWheneverATableIsClosed() {
        claims = new JdbcJobClaims(transactions, rows, 0);
    }

    @Override
    public List<ReplicationJob> claim(JobClaim claim) {
        List<JdbcJobClaims.Claimed> claimed = claims.claim(claim, owner, clock.millis(), leaseMillis,
                this::claimReason);
        claimed.forEach(job -> heldTokens.put(job.job().id(), job.fencingToken()));
        if (!claimed.isEmpty()) {
            LOG.debug("claimed {} job(s): {}", claimed.size(), claimed.stream().map(job -> job.job().id()).toList());
        }
        return claimed.stream().map(JdbcJobClaims.Claimed::job).toList();
    }

    @Override
    public List<ReplicationJob> findUnfinished(String link) {
        return transactions.withConnection("read the unfinished jobs of link " + link, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(JobSql.FIND_UNFINISHED)) {
                statement.setString(1, link);
                return readJobs(statement);
            }
        });
    }

    /**
     * The failures of {@code link} still standing (FAILED or UNVERIFIABLE, by id): not retried, not cancelled, and
     * not superseded by a later SUCCEEDED job of the same object. {@code strait run --until-drained} exits 1 while
     * there is one, whichever run caused it.
     */
    public List<ReplicationJob> unresolvedFailures(String link) {
        return transactions.withConnection("read the unresolved failures of link " + link, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(JobSql.UNRESOLVED_FAILURES)) {
                statement.setString(1, link);
                return readJobs(statement);
            }
        });
    }

    /** The newest jobs of {@code link}, newest first; only those in {@code state} when it is given. For operators. */
    public List<ReplicationJob> recent(String link, Optional<JobState> state, int limit) {
        return transactions.withConnection("list the jobs of link " + link, connection -> {
            String sql = state.isPresent() ? JobSql.RECENT_OF_LINK_IN_STATE : JobSql.RECENT_OF_LINK;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                statement.setString(index++, link);
                if (state.isPresent()) {
                    statement.setString(index++, state.get().name());
                }
                statement.setInt(index, limit);
                return readJobs(statement);
            }
        });
    }

    private List<ReplicationJob> readJobs(PreparedStatement statement) throws SQLException {
        List<ReplicationJob> jobs = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                jobs.add(rows.job(result));
            }
        }
        return jobs;
    }

    @Override
    public ReplicationJob transition(JobTransitionRequest request) {
        return transitions(List.of(request));
    }

    /**
     * The chain in one transaction: each move a compare-and-set with its history row; a move to SUCCEEDED also
     * records the object's freshness ({@link FreshnessWrites}), so a job never succeeds without it.
     */
    @Override
    public ReplicationJob transitions(List<JobTransitionRequest> chain) {
        return transitionsWith(chain, "", (connection, now) -> {
        });
    }

    /**
     * The plan and the move (to COPYING) in one transaction: the moves' compare-and-sets first, so a process that
     * lost the job writes nothing, then the plan, its copy tasks and manifest.
     */
    @Override
    public ReplicationJob savePlanAndMove(long jobId, JobPlan plan, List<CopyTask> tasks,
            List<JobTransitionRequest> chain) {
        requireJob(jobId, chain);
        JdbcManifests.PlanWrite write = manifests.planWrite(jobId, plan, tasks);
        ReplicationJob moved = transitionsWith(chain, " with its plan", write::apply);
        write.logSaved();
        return moved;
    }

    /** The copy results and the moves they decide (COPIED -> VERIFIED, ...) in one transaction, moves first. */
    @Override
    public ReplicationJob recordCopyResultsAndMove(List<CopyTaskResult> results, List<JobTransitionRequest> chain) {
        for (CopyTaskResult result : results) {
            requireJob(result.jobId(), chain);
        }
        return transitionsWith(chain, " with " + results.size() + " copy result(s)",
                (connection, now) -> manifests.writeCopyResults(connection, results, now));
    }

    private static void requireJob(long jobId, List<JobTransitionRequest> chain) {
        if (!chain.isEmpty() && chain.get(0).jobId() != jobId) {
            throw new IllegalArgumentException("the moves of job " + chain.get(0).jobId()
                    + " cannot carry the writes of job " + jobId);
        }
    }

    /** Writes that go in the transaction of a job's moves, after their compare-and-sets. */
    private interface AlongsideWrite {
        void apply(Connection connection, long now) throws SQLException;
    }

    /** What several jobs moved together write in the same transaction: for the chains that moved, by index. */
    private interface WritesAlongside {
        void apply(Connection connection, List<Integer> moved, long now) throws SQLException;
    }

    private ReplicationJob transitionsWith(List<JobTransitionRequest> chain, String what, AlongsideWrite alongside) {
        JobTransitions.checkChain(chain);
        JobTransitionRequest first = chain.get(0);
        JobTransitionRequest last = chain.get(chain.size() - 1);
        Moved moved;
        try {
            moved = transactions.inTransaction("move job " + first.jobId() + " from " + first.from()
                    + " to " + last.to() + what, connection -> {
                        long now = clock.millis();
                        LeaseChanges leases = new LeaseChanges();
                        for (JobTransitionRequest request : chain) {
                            compareAndSet(connection, request, now, leases);
                            insertTransition(connection, request.jobId(), request.from(), request.to(),
                                    request.expectedVersion() + 1, request.reason(), now);
                            rememberLease(connection, request.jobId(), request.to(), leases);
                        }
                        alongside.apply(connection, now);
                        ReplicationJob job = findJob(connection, first.jobId()).orElseThrow();
                        if (last.to() == JobState.SUCCEEDED) {
                            FreshnessWrites.recordSuccess(connection, job,
                                    rows.partitionValuesJson(job.object().partitionValues()));
                        }
                        return new Moved(job, leases);
                    });
        } catch (StaleJobVersionException lost) {
            // whatever moved the job first, this process holds no lease on it any more
            heldTokens.remove(first.jobId());
            throw lost;
        }
        moved.leases().applyTo(heldTokens);
        for (JobTransitionRequest request : chain) {
            LOG.debug("job {} {} -> {} (version {}): {}", moved.job().id(), request.from(), request.to(),
                    request.expectedVersion() + 1, abbreviated(request.reason()));
        }
        return moved.job();
    }

    /** A chain's job as it left it, with the lease changes to remember once its transaction committed. */
    private record Moved(ReplicationJob job, LeaseChanges leases) {
    }

    /**
     * The leases a transaction's moves give or end, applied to {@link #heldTokens} only once it committed: a
     * transaction run again (after a deadlock) or rolled back must find the tokens as they were before it.
     */
    private static final class LeaseChanges {
        private final Map<Long, Long> changed = new java.util.HashMap<>();

        long token(Map<Long, Long> held, long jobId) {
            Long token = changed.containsKey(jobId) ? changed.get(jobId) : held.get(jobId);
            return token == null ? -1L : token;
        }

        boolean holds(Map<Long, Long> held, long jobId) {
            return changed.containsKey(jobId) ? changed.get(jobId) != null : held.containsKey(jobId);
        }

        void hold(long jobId, long token) {
            changed.put(jobId, token);
        }

        void end(long jobId) {
            changed.put(jobId, null);
        }

        void applyTo(Map<Long, Long> held) {
            changed.forEach((jobId, token) -> {
                if (token == null) {
                    held.remove(jobId);
                } else {
                    held.put(jobId, token);
                }
            });
        }
    }

    /**
     * The chains in one transaction (group commit: one log flush for all). Each chain is as in {@link #transitions}:
     * its compare-and-sets fenced by this process's lease, a history row per move; a chain whose first
     * compare-and-set fails wrote nothing and fails alone. A later move of a chain that fails (its first moved) would
     * leave half a chain: the transaction is then run again without that chain, which fails alone. The objects'
     * freshness of the chains ending in SUCCEEDED is written last, in the order of their tables, so that batches of
     * different processes take those rows' locks in one order.
     */
    @Override
    public List<ChainOutcome> transitionsTogether(List<List<JobTransitionRequest>> chains) {
        chains.forEach(JobTransitions::checkChain);
        if (chains.size() <= 1) {
            return JobStore.super.transitionsTogether(chains);
        }
        return together(chains, (connection, moved, now) -> { }, "");
    }

    /** Every job's plan with the moves that start its copy, in one transaction: a stale job writes neither. */
    @Override
    public List<ChainOutcome> savePlansAndMove(List<PlanAndMoves> jobs) {
        List<List<JobTransitionRequest>> chains = new ArrayList<>();
        List<JdbcManifests.PlanWrite> plans = new ArrayList<>();
        for (PlanAndMoves job : jobs) {
            JobTransitions.checkChain(job.chain());
            requireJob(job.jobId(), job.chain());
            chains.add(job.chain());
            plans.add(manifests.planWrite(job.jobId(), job.plan(), job.tasks()));
        }
        List<ChainOutcome> outcomes = together(chains, (connection, moved, now) -> manifests.applyAll(connection,
                moved.stream().map(plans::get).toList(), now), " with their plans");
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).job() != null) {
                plans.get(i).logSaved();
            }
        }
        return outcomes;
    }

    /** Every job's copy results with the moves they decide, in one transaction: a stale job writes neither. */
    @Override
    public List<ChainOutcome> recordCopyResultsAndMoveTogether(List<CopyResultsAndMoves> jobs) {
        List<List<JobTransitionRequest>> chains = new ArrayList<>();
        for (CopyResultsAndMoves job : jobs) {
            JobTransitions.checkChain(job.chain());
            for (CopyTaskResult result : job.results()) {
                requireJob(result.jobId(), job.chain());
            }
            chains.add(job.chain());
        }
        return together(chains, (connection, moved, now) -> manifests.writeCopyResults(connection,
                moved.stream().flatMap(i -> jobs.get(i).results().stream()).toList(), now),
                " with their copy results");
    }

    /**
     * The chains in one transaction, with {@code writes} applied alongside for the chains that moved (their
     * indexes, in order); run again without a chain whose later move found its job moved.
     */
    private List<ChainOutcome> together(List<List<JobTransitionRequest>> chains, WritesAlongside writes,
            String what) {
        Map<Integer, StaleJobVersionException> failedLater = new java.util.HashMap<>();
        while (true) {
            try {
                Together together = transactions.inTransaction("move " + chains.size() + " jobs together" + what,
                        connection -> {
                            Together moved = moveTogether(connection, chains, failedLater);
                            List<Integer> movedIndexes = new ArrayList<>();
                            for (int i = 0; i < chains.size(); i++) {
                                if (moved.outcomes().get(i).job() != null) {
                                    movedIndexes.add(i);
                                }
                            }
                            if (!movedIndexes.isEmpty()) {
                                writes.apply(connection, movedIndexes, clock.millis());
                            }
                            return moved;
                        });
                together.leases().applyTo(heldTokens);
                List<ChainOutcome> outcomes = together.outcomes();
                for (int i = 0; i < chains.size(); i++) {
                    if (outcomes.get(i).stale() != null) {
                        heldTokens.remove(chains.get(i).get(0).jobId());
                    }
                }
                LOG.debug("moved {} of {} job(s) together{}", outcomes.stream().filter(o -> o.job() != null).count(),
                        chains.size(), what);
                return outcomes;
            } catch (LaterMoveStale halfChain) {
                failedLater.put(halfChain.chain, halfChain.stale);
            }
        }
    }

    /** The outcomes of one batch's transaction and the leases it changed. */
    private record Together(List<ChainOutcome> outcomes, LeaseChanges leases) {
    }

    /** A chain's later move found its job moved after the chain's first move succeeded: the batch is run again. */
    private static final class LaterMoveStale extends RuntimeException {
        final int chain;
        final StaleJobVersionException stale;

        LaterMoveStale(int chain, StaleJobVersionException stale) {
            super(stale.getMessage(), null, false, false);
            this.chain = chain;
            this.stale = stale;
        }
    }

    /** True when this process holds the lease of every chain's job (the chains of a job worker's moves). */
    private boolean allLeasesHeld(List<List<JobTransitionRequest>> chains,
            Map<Integer, StaleJobVersionException> failedLater) {
        for (int i = 0; i < chains.size(); i++) {
            if (!failedLater.containsKey(i) && !heldTokens.containsKey(chains.get(i).get(0).jobId())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every chain as one compare-and-set ({@link #bindChain}: the chain's moves folded into one row change), all of
     * them in one round trip: a chain whose job moved meanwhile (or whose lease this process lost) changed nothing
     * and is stale; the others moved whole, each move with its history row.
     */
    private void compareAndSetChains(Connection connection, List<List<JobTransitionRequest>> chains,
            Map<Integer, StaleJobVersionException> failedLater, long now, LeaseChanges leases,
            StaleJobVersionException[] stale, List<Long> movedIds, List<JobTransitionRequest> history)
            throws SQLException {
        List<Integer> written = new ArrayList<>();
        int[] counts;
        try (PreparedStatement update = connection.prepareStatement(JobSql.COMPARE_AND_SET_CHAIN_FENCED)) {
            for (int i = 0; i < chains.size(); i++) {
                if (failedLater.containsKey(i)) {
                    stale[i] = failedLater.get(i);
                    continue;
                }
                bindChain(update, chains.get(i), now, leases);
                update.addBatch();
                written.add(i);
            }
            counts = update.executeBatch();
        }
        if (counts.length != written.size()) {
            throw new SQLException("a batch of " + written.size() + " compare-and-sets answered " + counts.length
                    + " update counts");
        }
        for (int k = 0; k < written.size(); k++) {
            List<JobTransitionRequest> chain = chains.get(written.get(k));
            if (counts[k] == 0) {
                stale[written.get(k)] = lostCompareAndSet(connection, chain.get(0), leases);
                leases.end(chain.get(0).jobId());
                continue;
            }
            for (JobTransitionRequest request : chain) {
                history.add(request);
                rememberLease(connection, request.jobId(), request.to(), leases);
            }
            movedIds.add(chain.get(0).jobId());
        }
    }

    /**
     * Binds {@link JobSql#COMPARE_AND_SET_CHAIN_FENCED} for a chain (one move: a chain of one): each column as the
     * moves would leave it one after the other (the last error, target location and commit time the last move that
     * sets one gives; attempts restarted by a move that restarts them, then counted by each claim after it; the lease
     * as the last move leaves it), checked against the first move's state, version and fence.
     */
    private void bindChain(PreparedStatement update, List<JobTransitionRequest> chain, long now, LeaseChanges leases)
            throws SQLException {
        JobTransitionRequest first = chain.get(0);
        JobTransitionRequest last = chain.get(chain.size() - 1);
        String lastError = null;
        String targetLocation = null;
        long committedAt = 0;
        boolean restarted = false;
        int startsAfterRestart = 0;
        int starts = 0;
        for (JobTransitionRequest request : chain) {
            String error = request.lastError() == null && request.to() == JobState.SUCCEEDED ? ""
                    : request.lastError();
            lastError = error != null ? error : lastError;
            targetLocation = request.targetLocation() != null ? request.targetLocation() : targetLocation;
            committedAt = request.committedAtMillis() != 0 ? request.committedAtMillis() : committedAt;
            if (JobTransitions.restartsAttempts(request.from(), request.to())) {
                restarted = true;
                startsAfterRestart = 0;
            }
            boolean starting = request.from() == JobState.PENDING && request.to() == JobState.PLANNED;
            startsAfterRestart += starting ? 1 : 0;
            starts += starting ? 1 : 0;
        }
        boolean leased = IN_FLIGHT.contains(last.to());
        update.setString(1, last.to().name());
        update.setInt(2, chain.size());
        update.setLong(3, now);
        update.setString(4, lastError == null ? null : ColumnLimits.fit(lastError, ColumnLimits.TEXT));
        update.setString(5, targetLocation);
        update.setLong(6, committedAt);
        update.setLong(7, committedAt);
        update.setBoolean(8, restarted);
        update.setInt(9, startsAfterRestart);
        update.setInt(10, starts);
        update.setString(11, leased ? owner : "");
        update.setLong(12, leased ? now + leaseMillis : 0);
        update.setInt(13, starts);
        update.setLong(14, first.jobId());
        update.setString(15, first.from().name());
        update.setLong(16, first.expectedVersion());
        update.setString(17, owner);
        update.setLong(18, leases.token(heldTokens, first.jobId()));
        update.setBoolean(19, first.to() == JobState.CANCELLED);
    }

    private Together moveTogether(Connection connection, List<List<JobTransitionRequest>> chains,
            Map<Integer, StaleJobVersionException> failedLater) throws SQLException {
        long now = clock.millis();
        LeaseChanges leases = new LeaseChanges();
        StaleJobVersionException[] stale = new StaleJobVersionException[chains.size()];
        List<Long> movedIds = new ArrayList<>();
        List<JobTransitionRequest> history = new ArrayList<>();
        boolean batched = allLeasesHeld(chains, failedLater);
        if (batched) {
            compareAndSetChains(connection, chains, failedLater, now, leases, stale, movedIds, history);
        }
        for (int i = 0; i < chains.size() && !batched; i++) {
            if (failedLater.containsKey(i)) {
                stale[i] = failedLater.get(i);
                continue;
            }
            List<JobTransitionRequest> chain = chains.get(i);
            for (int move = 0; move < chain.size(); move++) {
                JobTransitionRequest request = chain.get(move);
                try {
                    compareAndSet(connection, request, now, leases);
                } catch (StaleJobVersionException lost) {
                    if (move > 0) {
                        throw new LaterMoveStale(i, lost);
                    }
                    stale[i] = lost;
                    leases.end(request.jobId());
                    break;
                }
                history.add(request);
                rememberLease(connection, request.jobId(), request.to(), leases);
            }
            if (stale[i] == null) {
                movedIds.add(chain.get(0).jobId());
            }
        }
        if (!history.isEmpty()) {
            // every move's history row, in one statement: each job's rows in the order of its moves
            try (PreparedStatement insert = connection.prepareStatement(JobSql.INSERT_TRANSITIONS
                    + String.join(", ", Collections.nCopies(history.size(), "(?, ?, ?, ?, ?, ?)")))) {
                int index = 1;
                for (JobTransitionRequest request : history) {
                    insert.setLong(index++, request.jobId());
                    insert.setString(index++, request.from().name());
                    insert.setString(index++, request.to().name());
                    insert.setLong(index++, request.expectedVersion() + 1);
                    insert.setString(index++, ColumnLimits.fit(request.reason(), ColumnLimits.REASON));
                    insert.setLong(index++, now);
                }
                insert.executeUpdate();
            }
        }
        Map<Long, ReplicationJob> jobs = new java.util.HashMap<>();
        for (List<Long> chunk : chunks(movedIds)) {
            try (PreparedStatement statement = connection.prepareStatement(
                    JobSql.FIND_JOBS_IN + placeholders(chunk.size()))) {
                bind(statement, chunk);
                readJobs(statement).forEach(job -> jobs.put(job.id(), job));
            }
        }
        List<ReplicationJob> succeeded = new ArrayList<>();
        List<ChainOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < chains.size(); i++) {
            List<JobTransitionRequest> chain = chains.get(i);
            if (stale[i] != null) {
                outcomes.add(ChainOutcome.stale(stale[i]));
                continue;
            }
            ReplicationJob job = jobs.get(chain.get(0).jobId());
            outcomes.add(ChainOutcome.moved(job));
            if (chain.get(chain.size() - 1).to() == JobState.SUCCEEDED) {
                succeeded.add(job);
            }
        }
        succeeded.sort(Comparator.comparing(ReplicationJob::link)
                .thenComparing(job -> job.object().database()).thenComparing(job -> job.object().table())
                .thenComparing(job -> String.join("/", job.object().partitionValues()))
                .thenComparingLong(ReplicationJob::id));
        FreshnessWrites.recordSuccesses(connection, succeeded,
                job -> rows.partitionValuesJson(job.object().partitionValues()));
        return new Together(outcomes, leases);
    }

    @Override
    public List<JobTransition> history(long jobId) {
        return transactions.withConnection("read the history of job " + jobId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(JobSql.HISTORY)) {
                statement.setLong(1, jobId);
                List<JobTransition> transitions = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        transitions.add(rows.transition(result));
                    }
                }
                return transitions;
            }
        });
    }

    @Override
    public void savePlan(long jobId, JobPlan plan, List<CopyTask> tasks) {
        manifests.savePlan(jobId, plan, tasks);
    }

    @Override
    public Optional<JobPlan> plan(long jobId) {
        return manifests.plan(jobId);
    }

    @Override
    public void recordCopyResult(CopyTaskResult result) {
        manifests.recordCopyResult(result);
    }

    @Override
    public void recordCopyResults(List<CopyTaskResult> results) {
        manifests.recordCopyResults(results);
    }

    @Override
    public List<FileCopyResult> fileResults(long jobId) {
        return manifests.fileResults(jobId);
    }

    @Override
    public Optional<ReplicatedVersion> lastReplicatedVersion(String link, ObjectRef object) {
        return manifests.lastReplicatedVersion(link, object);
    }

    private static void requireRepairJobsOf(String link, List<NewJob> jobs) {
        jobs.stream().filter(job -> !job.link().equals(link) || job.origin() == JobOrigin.EVENT).findFirst()
                .ifPresent(job -> {
                    throw StraitException.internal("Cannot create repair jobs for link " + link + ": the job for "
                            + job.object() + " is of link " + job.link() + " and origin " + job.origin()
                            + "; event jobs are created with the planner cursor (createJobs)");
                });
    }

    private static void requireJobsOf(String link, long expectedCursor, long newCursor, List<NewJob> jobs) {
        if (newCursor < expectedCursor) {
            throw StraitException.internal("Cannot create jobs for link " + link + ": the planner cursor cannot move"
                    + " back (" + expectedCursor + " -> " + newCursor + ")");
        }
        jobs.stream().filter(job -> !job.link().equals(link)).findFirst().ifPresent(job -> {
            throw StraitException.internal("Cannot create jobs for link " + link + ": a job for " + job.object()
                    + " names link " + job.link());
        });
    }

    /**
     * Compare-and-set of the cursor. A link's first cursor row is created at 0 first: two first-time planners then
     * queue on that row instead of deadlocking on the gap where it would be.
     */
    private void moveCursor(Connection connection, String link, long expected, long next, long now)
            throws SQLException {
        if (expected == 0) {
            try (PreparedStatement ensure = connection.prepareStatement(JobSql.ENSURE_CURSOR)) {
                ensure.setString(1, link);
                ensure.setLong(2, now);
                ensure.executeUpdate();
            }
        }
        try (PreparedStatement update = connection.prepareStatement(JobSql.MOVE_CURSOR)) {
            update.setLong(1, next);
            update.setLong(2, now);
            update.setString(3, link);
            update.setLong(4, expected);
            if (update.executeUpdate() == 0) {
                throw cursorMoved(link, expected, readCursor(connection, link));
            }
        }
    }

    /** Locks the link's cursor row (created at 0 if missing) until the transaction ends. */
    private static void lockCursor(Connection connection, String link, long now) throws SQLException {
        try (PreparedStatement ensure = connection.prepareStatement(JobSql.ENSURE_CURSOR)) {
            ensure.setString(1, link);
            ensure.setLong(2, now);
            ensure.executeUpdate();
        }
        try (PreparedStatement lock = connection.prepareStatement(JobSql.LOCK_CURSOR)) {
            lock.setString(1, link);
            lock.executeQuery().close();
        }
    }

    private static StraitException cursorMoved(String link, long expected, long found) {
        return StraitException.internal("Cannot create jobs for link " + link + ": planner cursor moved (expected "
                + expected + ", found " + found + "); another planner ran: re-read the cursor and plan again");
    }

    private static long readCursor(Connection connection, String link) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(JobSql.READ_CURSOR)) {
            statement.setString(1, link);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getLong(1) : 0;
            }
        }
    }

    /**
     * The compare-and-set, fenced: a job with a lease holder moves only for that holder with its token (or when an
     * operator cancels it). A move into flight (PLANNED to COMMITTED) leases the job to this process for the lease
     * duration, a claim (PENDING to PLANNED) with a new fencing token; a move out of flight ends the lease. SUCCEEDED
     * clears last_error: an earlier attempt's error is not the job's.
     */
    private void compareAndSet(Connection connection, JobTransitionRequest request, long now, LeaseChanges leases)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(JobSql.COMPARE_AND_SET_CHAIN_FENCED)) {
            bindChain(update, List.of(request), now, leases);
            if (update.executeUpdate() == 0) {
                throw lostCompareAndSet(connection, request, leases);
            }
        }
    }

    private StaleJobVersionException lostCompareAndSet(Connection connection, JobTransitionRequest request,
            LeaseChanges leases) throws SQLException {
        // the caller forgets the lease once the transaction ended: this process holds it no more
        boolean held = leases.holds(heldTokens, request.jobId());
        String actual = describeState(connection, request.jobId());
        LOG.debug("job {} compare-and-set lost: expected {} at version {} (held by this process {}), found {}",
                request.jobId(), request.from(), request.expectedVersion(),
                held ? "with token " + leases.token(heldTokens, request.jobId()) : "without lease", actual);
        return new StaleJobVersionException(request.jobId(), request.from(), request.expectedVersion(), actual);
    }

    /**
     * After a transition: remembers the job's fencing token while this process holds its lease, forgets it after
     * (in {@code leases}, applied once the transaction committed).
     */
    private void rememberLease(Connection connection, long jobId, JobState to, LeaseChanges leases)
            throws SQLException {
        if (!IN_FLIGHT.contains(to)) {
            leases.end(jobId);
            return;
        }
        if (leases.holds(heldTokens, jobId)) {
            return; // a move in flight by the holder: the token changes only at a claim or a takeover
        }
        try (PreparedStatement statement = connection.prepareStatement(JobSql.READ_LEASE)) {
            statement.setLong(1, jobId);
            try (ResultSet result = statement.executeQuery()) {
                if (result.next() && owner.equals(result.getString(1))) {
                    leases.hold(jobId, result.getLong(2));
                } else {
                    leases.end(jobId);
                }
            }
        }
    }

    @Override
    public String leaseOwner() {
        return owner;
    }

    @Override
    public boolean holdsLease(long jobId) {
        return heldTokens.containsKey(jobId);
    }

    @Override
    public boolean confirmLease(long jobId) {
        return confirmLeases(List.of(jobId)).contains(jobId);
    }

    /** Every lease confirmed and reserved in one transaction: one write for a whole commit batch. */
    @Override
    public Set<Long> confirmLeases(Collection<Long> jobIds) {
        Map<Long, Long> tokens = new LinkedHashMap<>();
        for (long jobId : jobIds) {
            Long token = heldTokens.get(jobId);
            if (token != null) {
                tokens.put(jobId, token);
            }
        }
        if (tokens.isEmpty()) {
            return Set.of();
        }
        long now = clock.millis();
        Set<Long> held = transactions.inTransaction("confirm the lease of job(s) " + tokens.keySet(), connection -> {
            Set<Long> confirmed = new HashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(JobSql.RESERVE_LEASE)) {
                for (Map.Entry<Long, Long> lease : tokens.entrySet()) {
                    statement.setLong(1, now + commitReserveMillis);
                    statement.setLong(2, lease.getKey());
                    statement.setString(3, owner);
                    statement.setLong(4, lease.getValue());
                    statement.setLong(5, now);
                    if (statement.executeUpdate() == 1) {
                        confirmed.add(lease.getKey());
                    }
                }
            }
            return confirmed;
        });
        tokens.keySet().stream().filter(jobId -> !held.contains(jobId)).forEach(heldTokens::remove);
        return held;
    }

    @Override
    public int renewLeases() {
        long expiry = clock.millis() + leaseMillis;
        return transactions.inTransaction("renew the job leases of " + owner, connection -> {
            try (PreparedStatement update = connection.prepareStatement(JobSql.RENEW_LEASES)) {
                update.setLong(1, expiry);
                update.setString(2, owner);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public List<ReplicationJob> takeOverExpiredLeases(String link) {
        long now = clock.millis();
        List<LeasedJob> expired = transactions.withConnection("find the expired job leases of link " + link,
                connection -> {
                    try (PreparedStatement statement = connection.prepareStatement(JobSql.EXPIRED_LEASES)) {
                        statement.setString(1, link);
                        statement.setLong(2, now);
                        return readLeased(statement);
                    }
                });
        List<ReplicationJob> taken = new ArrayList<>();
        for (LeasedJob leased : expired) {
            String holder = leased.owner().isEmpty() ? "no holder (a process from before leases)"
                    : leased.owner() + ", expired at " + java.time.Instant.ofEpochMilli(leased.expiresAtMillis());
            String reason = "taken over by " + owner + ": lease of " + holder;
            takeAway(leased.job(), reason, JdbcJobStore.TakeAway.EXPIRED, now).ifPresent(taken::add);
        }
        return taken;
    }

    @Override
    public int releaseLeases(String reason) {
        List<LeasedJob> held = transactions.withConnection("find the job leases of " + owner, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(JobSql.HELD_LEASES)) {
                statement.setString(1, owner);
                return readLeased(statement);
            }
        });
        int released = 0;
        for (LeasedJob leased : held) {
            if (takeAway(leased.job(), "released by " + owner + ": " + reason, TakeAway.RELEASE, clock.millis())
                    .isPresent()) {
                released++;
            }
        }
        return released;
    }

    private enum TakeAway { EXPIRED, RELEASE }

    private record LeasedJob(ReplicationJob job, String owner, long expiresAtMillis) {
    }

    private List<LeasedJob> readLeased(PreparedStatement statement) throws SQLException {
        List<LeasedJob> jobs = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                jobs.add(new LeasedJob(rows.job(result), result.getString("lease_owner"),
                        result.getLong("lease_expires_at_ms")));
            }
        }
        return jobs;
    }

    /**
     * Moves a leased job back to the queue (RETRY_WAIT; SUCCEEDED when its commit already happened) with a new
     * fencing token, if it is still as read and its lease still expired (or, for a release, still ours). Empty when
     * someone moved it meanwhile.
     */
    private Optional<ReplicationJob> takeAway(ReplicationJob job, String reason, TakeAway kind, long now) {
        JobState to = job.state() == JobState.COMMITTED ? JobState.SUCCEEDED : JobState.RETRY_WAIT;
        JobTransitions.check(job.id(), job.state(), to);
        String error = to == JobState.SUCCEEDED ? "" : "interrupted in " + job.state() + ": " + reason;
        Optional<ReplicationJob> moved = transactions.inTransaction("take job " + job.id() + " over", connection -> {
            String sql = kind == TakeAway.EXPIRED ? JobSql.TAKE_OVER_EXPIRED : JobSql.RELEASE_HELD;
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setString(1, to.name());
                update.setLong(2, now);
                update.setString(3, ColumnLimits.fit(error, ColumnLimits.TEXT));
                update.setLong(4, job.id());
                update.setLong(5, job.version());
                if (kind == TakeAway.EXPIRED) {
                    update.setLong(6, now);
                } else {
                    update.setString(6, owner);
                }
                if (update.executeUpdate() == 0) {
                    return Optional.<ReplicationJob>empty();
                }
            }
            insertTransition(connection, job.id(), job.state(), to, job.version() + 1,
                    to == JobState.SUCCEEDED ? "commit found; " + reason : reason, now);
            return findJob(connection, job.id());
        });
        heldTokens.remove(job.id());
        moved.ifPresent(now2 -> LOG.warn("job {} {} -> {} (version {}): {}", job.id(), job.state(), now2.state(),
                now2.version(), reason));
        return moved;
    }

    private static String describeState(Connection connection, long jobId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(JobSql.READ_STATE)) {
            statement.setLong(1, jobId);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) + " at version " + result.getLong(2) : "no such job";
            }
        }
    }

    static void insertTransition(Connection connection, long jobId, JobState from, JobState to,
            long newVersion, String reason, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(JobSql.INSERT_TRANSITION)) {
            insert.setLong(1, jobId);
            insert.setString(2, from == null ? null : from.name());
            insert.setString(3, to.name());
            insert.setLong(4, newVersion);
            insert.setString(5, ColumnLimits.fit(reason, ColumnLimits.REASON));
            insert.setLong(6, now);
            insert.executeUpdate();
        }
    }

    private Optional<ReplicationJob> findJob(Connection connection, long jobId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(JobSql.FIND_JOB)) {
            statement.setLong(1, jobId);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(rows.job(result)) : Optional.empty();
            }
        }
    }

    /** Log lines stay readable: the full reason is in job_transition. */
    private static String abbreviated(String text) {
        int limit = 300;
        return text.length() <= limit ? text : text.substring(0, limit) + "... (" + text.length() + " chars)";
    }
}
