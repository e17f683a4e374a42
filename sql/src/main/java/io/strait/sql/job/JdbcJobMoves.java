package io.strait.sql.job;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.job.ChainOutcome;
import io.strait.common.job.JobPlan;
import io.strait.common.job.JobState;
import io.strait.common.job.JobStore.CopyResultsAndMoves;
import io.strait.common.job.JobStore.PlanAndMoves;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.JobTransitions;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import io.strait.sql.ColumnLimits;
import io.strait.sql.Transactions;
import io.strait.sql.watermark.FreshnessWrites;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moves of {@link JdbcJobStore}: a job's chain of moves, or several jobs' chains together (group commit), each
 * move a {@link FencedCompareAndSet} of {@code replication_job} with its {@code job_transition} row, in one
 * transaction with what goes along: a plan ({@link JdbcManifests}), copy results, and on SUCCEEDED the object's
 * freshness ({@link FreshnessWrites}). The leases the moves give or end go to {@link HeldLeases} once committed.
 */
final class JdbcJobMoves {
    /** Logs as {@link JdbcJobStore}: operators follow a job's moves by that logger's name. */
    private static final Logger LOG = LoggerFactory.getLogger(JdbcJobStore.class);

    private final Transactions transactions;
    private final Clock clock;
    private final JobRows rows;
    private final JdbcManifests manifests;
    private final HeldLeases held;
    private final FencedCompareAndSet fenced;

    JdbcJobMoves(Transactions transactions, Clock clock, JobRows rows, JdbcManifests manifests, HeldLeases held,
            FencedCompareAndSet fenced) {
        this.transactions = transactions;
        this.clock = clock;
        this.rows = rows;
        this.manifests = manifests;
        this.held = held;
        this.fenced = fenced;
    }

    /**
     * The chain in one transaction: each move a compare-and-set with its history row; a move to SUCCEEDED also
     * records the object's freshness ({@link FreshnessWrites}), so a job never succeeds without it.
     */
    ReplicationJob transitions(List<JobTransitionRequest> chain) {
        return transitionsWith(chain, "", (connection, now) -> {
        });
    }

    /**
     * The plan and the move (to COPYING) in one transaction: the moves' compare-and-sets first, so a process that
     * lost the job writes nothing, then the plan, its copy tasks and manifest.
     */
    ReplicationJob savePlanAndMove(long jobId, JobPlan plan, List<CopyTask> tasks, List<JobTransitionRequest> chain) {
        requireJob(jobId, chain);
        JdbcManifests.PlanWrite write = manifests.planWrite(jobId, plan, tasks);
        ReplicationJob moved = transitionsWith(chain, " with its plan", write::apply);
        write.logSaved();
        return moved;
    }

    /** The copy results and the moves they decide (COPIED -> VERIFIED, ...) in one transaction, moves first. */
    ReplicationJob recordCopyResultsAndMove(List<CopyTaskResult> results, List<JobTransitionRequest> chain) {
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
                        HeldLeases.Changes leases = held.changes();
                        for (JobTransitionRequest request : chain) {
                            fenced.compareAndSet(connection, request, now, leases);
                            JobRows.insertTransition(connection, request.jobId(), request.from(), request.to(),
                                    request.expectedVersion() + 1, request.reason(), now);
                            fenced.rememberLease(connection, request.jobId(), request.to(), leases);
                        }
                        alongside.apply(connection, now);
                        ReplicationJob job = rows.findJob(connection, first.jobId()).orElseThrow();
                        if (last.to() == JobState.SUCCEEDED) {
                            FreshnessWrites.recordSuccess(connection, job,
                                    rows.partitionValuesJson(job.object().partitionValues()));
                        }
                        return new Moved(job, leases);
                    });
        } catch (StaleJobVersionException lost) {
            // whatever moved the job first, this process holds no lease on it any more
            held.forget(first.jobId());
            throw lost;
        }
        moved.leases().apply();
        for (JobTransitionRequest request : chain) {
            LOG.debug("job {} {} -> {} (version {}): {}", moved.job().id(), request.from(), request.to(),
                    request.expectedVersion() + 1, abbreviated(request.reason()));
        }
        return moved.job();
    }

    /** A chain's job as it left it, with the lease changes to remember once its transaction committed. */
    private record Moved(ReplicationJob job, HeldLeases.Changes leases) {
    }

    /**
     * The chains (more than one, each checked) in one transaction (group commit: one log flush for all). Each chain
     * is as in {@link #transitions}: its compare-and-sets fenced by this process's lease, a history row per move; a
     * chain whose first compare-and-set fails wrote nothing and fails alone. A later move of a chain that fails (its
     * first moved) would leave half a chain: the transaction is then run again without that chain, which fails alone.
     * The objects' freshness of the chains ending in SUCCEEDED is written last, in the order of their tables, so that
     * batches of different processes take those rows' locks in one order.
     */
    List<ChainOutcome> transitionsTogether(List<List<JobTransitionRequest>> chains) {
        return together(chains, (connection, moved, now) -> { }, "");
    }

    /** Every job's plan with the moves that start its copy, in one transaction: a stale job writes neither. */
    List<ChainOutcome> savePlansAndMove(List<PlanAndMoves> jobs) {
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
    List<ChainOutcome> recordCopyResultsAndMoveTogether(List<CopyResultsAndMoves> jobs) {
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
        Map<Integer, StaleJobVersionException> failedLater = new HashMap<>();
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
                together.leases().apply();
                List<ChainOutcome> outcomes = together.outcomes();
                for (int i = 0; i < chains.size(); i++) {
                    if (outcomes.get(i).stale() != null) {
                        held.forget(chains.get(i).get(0).jobId());
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
    private record Together(List<ChainOutcome> outcomes, HeldLeases.Changes leases) {
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
            if (!failedLater.containsKey(i) && !held.holds(chains.get(i).get(0).jobId())) {
                return false;
            }
        }
        return true;
    }

    private Together moveTogether(Connection connection, List<List<JobTransitionRequest>> chains,
            Map<Integer, StaleJobVersionException> failedLater) throws SQLException {
        long now = clock.millis();
        HeldLeases.Changes leases = held.changes();
        StaleJobVersionException[] stale = new StaleJobVersionException[chains.size()];
        List<Long> movedIds = new ArrayList<>();
        List<JobTransitionRequest> history = new ArrayList<>();
        boolean batched = allLeasesHeld(chains, failedLater);
        if (batched) {
            fenced.compareAndSetChains(connection, chains, failedLater, now, leases, stale, movedIds, history);
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
                    fenced.compareAndSet(connection, request, now, leases);
                } catch (StaleJobVersionException lost) {
                    if (move > 0) {
                        throw new LaterMoveStale(i, lost);
                    }
                    stale[i] = lost;
                    leases.end(request.jobId());
                    break;
                }
                history.add(request);
                fenced.rememberLease(connection, request.jobId(), request.to(), leases);
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
        Map<Long, ReplicationJob> jobs = new HashMap<>();
        for (List<Long> chunk : IdLists.chunks(movedIds)) {
            try (PreparedStatement statement = connection.prepareStatement(
                    JobSql.FIND_JOBS_IN + IdLists.placeholders(chunk.size()))) {
                IdLists.bind(statement, chunk);
                rows.readJobs(statement).forEach(job -> jobs.put(job.id(), job));
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

    /** Log lines stay readable: the full reason is in job_transition. */
    private static String abbreviated(String text) {
        int limit = 300;
        return text.length() <= limit ? text : text.substring(0, limit) + "... (" + text.length() + " chars)";
    }
}
