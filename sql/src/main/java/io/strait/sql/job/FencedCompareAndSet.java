package io.strait.sql.job;

import io.strait.common.job.JobState;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.JobTransitions;
import io.strait.common.job.StaleJobVersionException;
import io.strait.sql.ColumnLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The row change of every move of {@link JdbcJobMoves}: {@link JobSql#COMPARE_AND_SET_CHAIN_FENCED} on {@code
 * replication_job}, for one move or a batch of chains, fenced by this process's leases; the lease changes it makes go
 * to {@link HeldLeases.Changes}. The history rows are the caller's to write.
 */
final class FencedCompareAndSet {
    /** Logs as {@link JdbcJobStore}: operators follow a job's moves by that logger's name. */
    private static final Logger LOG = LoggerFactory.getLogger(JdbcJobStore.class);

    private final String owner;
    private final long leaseMillis;

    FencedCompareAndSet(String owner, long leaseMillis) {
        this.owner = owner;
        this.leaseMillis = leaseMillis;
    }

    /**
     * The compare-and-set, fenced: a job with a lease holder moves only for that holder with its token (or when an
     * operator cancels it). A move into flight (PLANNED to COMMITTED) leases the job to this process for the lease
     * duration, a claim (PENDING to PLANNED) with a new fencing token; a move out of flight ends the lease. SUCCEEDED
     * clears last_error: an earlier attempt's error is not the job's.
     */
    void compareAndSet(Connection connection, JobTransitionRequest request, long now, HeldLeases.Changes leases)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(JobSql.COMPARE_AND_SET_CHAIN_FENCED)) {
            bindChain(update, List.of(request), now, leases);
            if (update.executeUpdate() == 0) {
                throw lostCompareAndSet(connection, request, leases);
            }
        }
    }

    /**
     * Every chain as one compare-and-set ({@link #bindChain}: the chain's moves folded into one row change), all of
     * them in one round trip: a chain whose job moved meanwhile (or whose lease this process lost) changed nothing
     * and is stale; the others moved whole, each move with its history row.
     */
    void compareAndSetChains(Connection connection, List<List<JobTransitionRequest>> chains,
            Map<Integer, StaleJobVersionException> failedLater, long now, HeldLeases.Changes leases,
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
    private void bindChain(PreparedStatement update, List<JobTransitionRequest> chain, long now,
            HeldLeases.Changes leases) throws SQLException {
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
        boolean leased = JdbcJobLeases.IN_FLIGHT.contains(last.to());
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
        update.setLong(18, leases.token(first.jobId()));
        update.setBoolean(19, first.to() == JobState.CANCELLED);
    }

    private StaleJobVersionException lostCompareAndSet(Connection connection, JobTransitionRequest request,
            HeldLeases.Changes leases) throws SQLException {
        // the caller forgets the lease once the transaction ended: this process holds it no more
        boolean held = leases.holds(request.jobId());
        String actual = describeState(connection, request.jobId());
        LOG.debug("job {} compare-and-set lost: expected {} at version {} (held by this process {}), found {}",
                request.jobId(), request.from(), request.expectedVersion(),
                held ? "with token " + leases.token(request.jobId()) : "without lease", actual);
        return new StaleJobVersionException(request.jobId(), request.from(), request.expectedVersion(), actual);
    }

    /**
     * After a transition: remembers the job's fencing token while this process holds its lease, forgets it after
     * (in {@code leases}, applied once the transaction committed).
     */
    void rememberLease(Connection connection, long jobId, JobState to, HeldLeases.Changes leases)
            throws SQLException {
        if (!JdbcJobLeases.IN_FLIGHT.contains(to)) {
            leases.end(jobId);
            return;
        }
        if (leases.holds(jobId)) {
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

    private static String describeState(Connection connection, long jobId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(JobSql.READ_STATE)) {
            statement.setLong(1, jobId);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) + " at version " + result.getLong(2) : "no such job";
            }
        }
    }
}
