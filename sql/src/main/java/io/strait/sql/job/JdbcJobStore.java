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
import io.strait.sql.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Set;
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
 *
 * <p>The work is done by package-private parts of this package: moves by {@code JdbcJobMoves} (each a {@code
 * FencedCompareAndSet}), leases by {@code JdbcJobLeases}, claims by {@code JdbcJobClaims}, job creation by {@code
 * JdbcJobCreation} and {@code JdbcPlannerProgress}, plans and manifests by {@code JdbcManifests}. The leases this
 * store's process holds are one {@code HeldLeases}: a claim adds to it, the moves and lease calls change it.
 */
public final class JdbcJobStore implements JobStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcJobStore.class);
    /** The lease of a store built without one. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    private final Transactions transactions;
    private final Clock clock;
    private final JobRows rows;
    private final JdbcManifests manifests;
    private final String owner;
    private final long leaseMillis;
    private final JobDeadlines deadlines;
    private volatile JdbcJobClaims claims;
    private final JdbcJobCreation creation;
    private final JdbcPlannerProgress progress;
    /** The leases this store's process holds: its claims add to them, its moves and lease calls change them. */
    private final HeldLeases held = new HeldLeases();
    private final JdbcJobMoves moves;
    private final JdbcJobLeases leases;

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
        long commitReserveMillis = Math.max(lease.toMillis(), commitReserve.toMillis());
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
        this.moves = new JdbcJobMoves(transactions, clock, rows, manifests, held,
                new FencedCompareAndSet(owner, leaseMillis));
        this.leases = new JdbcJobLeases(transactions, clock, rows, held, owner, leaseMillis, commitReserveMillis);
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
        return transactions.withConnection("read job " + jobId, connection -> rows.findJob(connection, jobId));
    }

    @Override
    public List<ReplicationJob> findAll(List<Long> jobIds) {
        List<ReplicationJob> jobs = new ArrayList<>();
        for (List<Long> chunk : IdLists.chunks(jobIds)) {
            jobs.addAll(transactions.withConnection("read " + chunk.size() + " job(s)", connection -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        JobSql.FIND_JOBS_IN + IdLists.placeholders(chunk.size()) + " ORDER BY id")) {
                    IdLists.bind(statement, chunk);
                    return rows.readJobs(statement);
                }
            }));
        }
        jobs.sort(Comparator.comparingLong(ReplicationJob::id));
        return jobs;
    }

    @Override
    public List<Long> unsettled(List<Long> jobIds) {
        List<Long> open = new ArrayList<>();
        for (List<Long> chunk : IdLists.chunks(jobIds)) {
            open.addAll(transactions.withConnection("read which of " + chunk.size() + " job(s) are unsettled",
                    connection -> {
                        try (PreparedStatement statement = connection.prepareStatement(
                                JobSql.UNSETTLED_IN + IdLists.placeholders(chunk.size()) + " ORDER BY id")) {
                            IdLists.bind(statement, chunk);
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
        for (List<Long> chunk : IdLists.chunks(jobIds)) {
            transactions.withConnection("read the progress of " + chunk.size() + " job(s)", connection -> {
                try (PreparedStatement states = connection.prepareStatement(
                        JobSql.STATES_IN + IdLists.placeholders(chunk.size()) + " GROUP BY state")) {
                    IdLists.bind(states, chunk);
                    try (ResultSet rows = states.executeQuery()) {
                        while (rows.next()) {
                            byState.merge(JobState.valueOf(rows.getString(1)), rows.getInt(2), Integer::sum);
                        }
                    }
                }
                try (PreparedStatement manifest = connection.prepareStatement(
                        JobSql.FILES_IN + IdLists.placeholders(chunk.size()))) {
                    IdLists.bind(manifest, chunk);
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
                return rows.readJobs(statement);
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
        claimed.forEach(job -> held.hold(job.job().id(), job.fencingToken()));
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
                return rows.readJobs(statement);
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
                return rows.readJobs(statement);
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
                return rows.readJobs(statement);
            }
        });
    }

    @Override
    public ReplicationJob transition(JobTransitionRequest request) {
        return moves.transitions(List.of(request));
    }

    @Override
    public ReplicationJob transitions(List<JobTransitionRequest> chain) {
        return moves.transitions(chain);
    }

    @Override
    public ReplicationJob savePlanAndMove(long jobId, JobPlan plan, List<CopyTask> tasks,
            List<JobTransitionRequest> chain) {
        return moves.savePlanAndMove(jobId, plan, tasks, chain);
    }

    @Override
    public ReplicationJob recordCopyResultsAndMove(List<CopyTaskResult> results, List<JobTransitionRequest> chain) {
        return moves.recordCopyResultsAndMove(results, chain);
    }

    /** The chains in one transaction (group commit), see {@code JdbcJobMoves.transitionsTogether}. */
    @Override
    public List<ChainOutcome> transitionsTogether(List<List<JobTransitionRequest>> chains) {
        chains.forEach(JobTransitions::checkChain);
        if (chains.size() <= 1) {
            return JobStore.super.transitionsTogether(chains);
        }
        return moves.transitionsTogether(chains);
    }

    @Override
    public List<ChainOutcome> savePlansAndMove(List<PlanAndMoves> jobs) {
        return moves.savePlansAndMove(jobs);
    }

    @Override
    public List<ChainOutcome> recordCopyResultsAndMoveTogether(List<CopyResultsAndMoves> jobs) {
        return moves.recordCopyResultsAndMoveTogether(jobs);
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

    @Override
    public String leaseOwner() {
        return leases.owner();
    }

    @Override
    public boolean holdsLease(long jobId) {
        return leases.holds(jobId);
    }

    @Override
    public boolean confirmLease(long jobId) {
        return confirmLeases(List.of(jobId)).contains(jobId);
    }

    /** Every lease confirmed and reserved in one transaction: one write for a whole commit batch. */
    @Override
    public Set<Long> confirmLeases(Collection<Long> jobIds) {
        return leases.confirm(jobIds);
    }

    @Override
    public int renewLeases() {
        return leases.renew();
    }

    @Override
    public List<ReplicationJob> takeOverExpiredLeases(String link) {
        return leases.takeOverExpired(link);
    }

    @Override
    public int releaseLeases(String reason) {
        return leases.release(reason);
    }
}
