package io.strait.sql.job;

import io.strait.common.job.JobState;
import io.strait.common.job.JobTransitions;
import io.strait.common.job.ReplicationJob;
import io.strait.sql.ColumnLimits;
import io.strait.sql.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job leases of one lease holder ({@code owner}) for {@link JdbcJobStore}: confirmed and reserved for a commit,
 * renewed, released, and taken over once expired. Writes the lease columns of {@code replication_job}, and a
 * takeover's or release's move with its {@code job_transition} row; keeps {@link HeldLeases} in step.
 */
final class JdbcJobLeases {
    /** Logs as {@link JdbcJobStore}: operators follow a job's moves by that logger's name. */
    private static final Logger LOG = LoggerFactory.getLogger(JdbcJobStore.class);
    /** States of a job some process is running: each is leased to that process (see {@link FencedCompareAndSet#compareAndSet}). */
    static final Set<JobState> IN_FLIGHT = Collections.unmodifiableSet(EnumSet.copyOf(
            Arrays.stream(JobState.values()).filter(JobState::isInFlight).toList()));

    private final Transactions transactions;
    private final Clock clock;
    private final JobRows rows;
    private final HeldLeases held;
    private final String owner;
    private final long leaseMillis;
    private final long commitReserveMillis;

    JdbcJobLeases(Transactions transactions, Clock clock, JobRows rows, HeldLeases held, String owner,
            long leaseMillis, long commitReserveMillis) {
        this.transactions = transactions;
        this.clock = clock;
        this.rows = rows;
        this.held = held;
        this.owner = owner;
        this.leaseMillis = leaseMillis;
        this.commitReserveMillis = commitReserveMillis;
    }

    String owner() {
        return owner;
    }

    boolean holds(long jobId) {
        return held.holds(jobId);
    }

    /** Every lease confirmed and reserved in one transaction: one write for a whole commit batch. */
    Set<Long> confirm(Collection<Long> jobIds) {
        Map<Long, Long> tokens = new LinkedHashMap<>();
        for (long jobId : jobIds) {
            Long token = held.token(jobId);
            if (token != null) {
                tokens.put(jobId, token);
            }
        }
        if (tokens.isEmpty()) {
            return Set.of();
        }
        long now = clock.millis();
        Set<Long> confirmed = transactions.inTransaction("confirm the lease of job(s) " + tokens.keySet(),
                connection -> {
                    Set<Long> reserved = new HashSet<>();
                    try (PreparedStatement statement = connection.prepareStatement(JobSql.RESERVE_LEASE)) {
                        for (Map.Entry<Long, Long> lease : tokens.entrySet()) {
                            statement.setLong(1, now + commitReserveMillis);
                            statement.setLong(2, lease.getKey());
                            statement.setString(3, owner);
                            statement.setLong(4, lease.getValue());
                            statement.setLong(5, now);
                            if (statement.executeUpdate() == 1) {
                                reserved.add(lease.getKey());
                            }
                        }
                    }
                    return reserved;
                });
        tokens.keySet().stream().filter(jobId -> !confirmed.contains(jobId)).forEach(held::forget);
        return confirmed;
    }

    int renew() {
        long expiry = clock.millis() + leaseMillis;
        return transactions.inTransaction("renew the job leases of " + owner, connection -> {
            try (PreparedStatement update = connection.prepareStatement(JobSql.RENEW_LEASES)) {
                update.setLong(1, expiry);
                update.setString(2, owner);
                return update.executeUpdate();
            }
        });
    }

    List<ReplicationJob> takeOverExpired(String link) {
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
                    : leased.owner() + ", expired at " + Instant.ofEpochMilli(leased.expiresAtMillis());
            String reason = "taken over by " + owner + ": lease of " + holder;
            takeAway(leased.job(), reason, TakeAway.EXPIRED, now).ifPresent(taken::add);
        }
        return taken;
    }

    int release(String reason) {
        List<LeasedJob> leases = transactions.withConnection("find the job leases of " + owner, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(JobSql.HELD_LEASES)) {
                statement.setString(1, owner);
                return readLeased(statement);
            }
        });
        int released = 0;
        for (LeasedJob leased : leases) {
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
            JobRows.insertTransition(connection, job.id(), job.state(), to, job.version() + 1,
                    to == JobState.SUCCEEDED ? "commit found; " + reason : reason, now);
            return rows.findJob(connection, job.id());
        });
        held.forget(job.id());
        moved.ifPresent(after -> LOG.warn("job {} {} -> {} (version {}): {}", job.id(), job.state(), after.state(),
                after.version(), reason));
        return moved;
    }
}
