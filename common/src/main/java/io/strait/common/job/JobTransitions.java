package io.strait.common.job;

import static io.strait.common.job.JobState.BLOCKED;
import static io.strait.common.job.JobState.CANCELLED;
import static io.strait.common.job.JobState.COMMITTED;
import static io.strait.common.job.JobState.COPIED;
import static io.strait.common.job.JobState.COPYING;
import static io.strait.common.job.JobState.FAILED;
import static io.strait.common.job.JobState.PENDING;
import static io.strait.common.job.JobState.PLANNED;
import static io.strait.common.job.JobState.RETRY_WAIT;
import static io.strait.common.job.JobState.SUCCEEDED;
import static io.strait.common.job.JobState.SUPERSEDED;
import static io.strait.common.job.JobState.UNVERIFIABLE;
import static io.strait.common.job.JobState.VERIFIED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The job state machine: one pure transition table. Every persisted transition is checked here first, then
 * applied by compare-and-set in the {@link JobStore}.
 *
 * <pre>
 * PENDING    -> PLANNED, SUPERSEDED, BLOCKED, CANCELLED, FAILED
 * PLANNED    -> COPYING, COMMITTED (nothing to copy), SUPERSEDED, BLOCKED, RETRY_WAIT, FAILED, CANCELLED
 * COPYING    -> COPIED, RETRY_WAIT, FAILED, CANCELLED
 * COPIED     -> VERIFIED, UNVERIFIABLE, RETRY_WAIT, FAILED
 * VERIFIED   -> COMMITTED, SUPERSEDED (a newer version was already published), RETRY_WAIT, FAILED
 * COMMITTED  -> SUCCEEDED
 * RETRY_WAIT -> PENDING, SUPERSEDED (coalesced), FAILED, CANCELLED
 * BLOCKED    -> PENDING, CANCELLED
 * FAILED     -> PENDING (operator retry), CANCELLED (operator)
 * UNVERIFIABLE -> PENDING (operator retry), CANCELLED (operator)
 * SUCCEEDED, SUPERSEDED, CANCELLED: terminal
 * </pre>
 *
 * <p>{@code BLOCKED}, {@code FAILED} and {@code UNVERIFIABLE} are not terminal (an operator may retry them to
 * {@code PENDING} or cancel them) but they are {@linkplain JobState#isSettled() settled}: the scheduler never moves
 * them by itself, so they hold back no other job and do not keep a link from being drained.
 */
public final class JobTransitions {
    private static final Map<JobState, Set<JobState>> ALLOWED = new EnumMap<>(JobState.class);

    static {
        ALLOWED.put(PENDING, EnumSet.of(PLANNED, SUPERSEDED, BLOCKED, CANCELLED, FAILED));
        ALLOWED.put(PLANNED, EnumSet.of(COPYING, COMMITTED, SUPERSEDED, BLOCKED, RETRY_WAIT, FAILED, CANCELLED));
        ALLOWED.put(COPYING, EnumSet.of(COPIED, RETRY_WAIT, FAILED, CANCELLED));
        ALLOWED.put(COPIED, EnumSet.of(VERIFIED, UNVERIFIABLE, RETRY_WAIT, FAILED));
        ALLOWED.put(VERIFIED, EnumSet.of(COMMITTED, SUPERSEDED, RETRY_WAIT, FAILED));
        ALLOWED.put(COMMITTED, EnumSet.of(SUCCEEDED));
        ALLOWED.put(RETRY_WAIT, EnumSet.of(PENDING, SUPERSEDED, FAILED, CANCELLED));
        ALLOWED.put(BLOCKED, EnumSet.of(PENDING, CANCELLED));
        ALLOWED.put(FAILED, EnumSet.of(PENDING, CANCELLED));
        ALLOWED.put(UNVERIFIABLE, EnumSet.of(PENDING, CANCELLED));
        for (JobState state : JobState.values()) {
            ALLOWED.putIfAbsent(state, EnumSet.noneOf(JobState.class));
        }
    }

    private JobTransitions() {
    }

    /**
     * True when the move starts the job's attempts again (they count to {@code scheduler.max-attempts}): an
     * operator's retry of a settled job (FAILED, UNVERIFIABLE or BLOCKED back to PENDING) gives it a full set.
     */
    public static boolean restartsAttempts(JobState from, JobState to) {
        return from.isSettled() && to == JobState.PENDING;
    }

    public static boolean isAllowed(JobState from, JobState to) {
        return ALLOWED.get(from).contains(to);
    }

    /** The states reachable from {@code from} in one step. */
    public static Set<JobState> next(JobState from) {
        return Set.copyOf(ALLOWED.get(from));
    }

    /** Throws {@link IllegalJobTransitionException} unless {@code from -> to} is in the table. */
    public static void check(long jobId, JobState from, JobState to) {
        if (!isAllowed(from, to)) {
            throw new IllegalJobTransitionException(jobId, from, to);
        }
    }

    /**
     * Checks a chain of moves of one job (see {@link JobQueue#transitions}): not empty, every move allowed, each
     * starting where the previous one ended, at the version it left.
     */
    public static void checkChain(java.util.List<JobTransitionRequest> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a chain of job transitions needs at least one move");
        }
        JobTransitionRequest previous = null;
        for (JobTransitionRequest request : chain) {
            check(request.jobId(), request.from(), request.to());
            if (previous != null && (request.jobId() != previous.jobId() || request.from() != previous.to()
                    || request.expectedVersion() != previous.expectedVersion() + 1)) {
                throw new IllegalArgumentException("job " + request.jobId() + ": the move " + request.from() + " -> "
                        + request.to() + " at version " + request.expectedVersion() + " does not follow "
                        + previous.from() + " -> " + previous.to() + " at version " + previous.expectedVersion());
            }
            previous = request;
        }
    }
}
