package io.strait.ops.control;

import io.strait.common.job.JobState;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.JobTransitions;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import io.strait.sql.control.JdbcLinkControl;
import io.strait.sql.control.JdbcLinkControl.LinkState;
import io.strait.sql.job.JdbcJobStore;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator actions, the one place both the command line ({@code strait retry}, {@code cancel}, {@code pause},
 * {@code resume}) and the dashboard's API ({@code POST /api/jobs/{id}/retry}, ...) act through. A job moves by one
 * compare-and-set through the job store, checked against the state machine, with a history row naming who and
 * why ({@code operator alice: retry: table fixed}); a link's pause is written to {@code link_control} with who and
 * why.
 */
public final class OperatorActions {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorActions.class);

    /** The settled states an operator may send back to PENDING. */
    public static final Set<JobState> RETRYABLE = EnumSet.of(JobState.FAILED, JobState.UNVERIFIABLE,
            JobState.BLOCKED);
    /** Every state the state machine lets go to CANCELLED. */
    public static final Set<JobState> CANCELLABLE = Arrays.stream(JobState.values())
            .filter(state -> JobTransitions.isAllowed(state, JobState.CANCELLED))
            .collect(() -> EnumSet.noneOf(JobState.class), Set::add, Set::addAll);

    private final JdbcJobStore jobs;
    private final JdbcLinkControl links;
    private final Clock clock;

    public OperatorActions(DataSource stateStore, Clock clock) {
        this.jobs = new JdbcJobStore(stateStore, clock);
        this.links = new JdbcLinkControl(stateStore);
        this.clock = clock;
    }

    /** Who acts and why. */
    public record Actor(String who, String why) {
        public Actor {
            who = who == null || who.isBlank() ? "unknown" : who.trim();
            why = why == null || why.isBlank() ? "no reason given" : why.trim();
        }

        /** The history reason of an action: {@code operator alice: cancel: table rebuilt by hand}. */
        public String record(String action) {
            return "operator " + who + ": " + action + ": " + why;
        }
    }

    /** How an action ended. */
    public enum Status {
        /** Done. */
        DONE,
        /** No such job or link. */
        NOT_FOUND,
        /** The job is in a state it cannot leave that way. */
        WRONG_STATE,
        /** Someone else moved the job first; look again. */
        CHANGED_MEANWHILE
    }

    /**
     * The outcome of an action: its status, one sentence, and for a job the job before and after.
     */
    public record Outcome(Status status, String message, Optional<ReplicationJob> before,
            Optional<ReplicationJob> after) {
        public Outcome {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
        }

        public boolean done() {
            return status == Status.DONE;
        }
    }

    /** Sends a FAILED, UNVERIFIABLE or BLOCKED job back to PENDING. */
    public Outcome retry(long jobId, Actor actor) {
        return move(jobId, "retry", RETRYABLE, JobState.PENDING, actor);
    }

    /** Cancels a job that is not publishing. */
    public Outcome cancel(long jobId, Actor actor) {
        return move(jobId, "cancel", CANCELLABLE, JobState.CANCELLED, actor);
    }

    /** Pauses or resumes {@code link} (one of {@code knownLinks}). */
    public Outcome pause(String link, boolean pause, Collection<String> knownLinks, Actor actor) {
        if (!knownLinks.contains(link)) {
            return logged(new Outcome(Status.NOT_FOUND, "no link '" + link + "' in the configuration; links: "
                    + knownLinks, Optional.empty(), Optional.empty()));
        }
        Optional<LinkState> before = links.set(link, pause, actor.who(), actor.why(), clock.millis());
        boolean was = before.map(LinkState::paused).orElse(false);
        return logged(new Outcome(Status.DONE, "link " + link + (pause ? " paused" : " resumed") + " by "
                + actor.who() + ": " + actor.why() + (was == pause ? " (it was already " + (pause ? "paused"
                : "running") + ")" : "") + (pause ? "; events are still planned into jobs, none starts until"
                + " strait resume " + link : ""), Optional.empty(), Optional.empty()));
    }

    private Outcome move(long jobId, String action, Set<JobState> from, JobState to, Actor actor) {
        Optional<ReplicationJob> found = jobs.find(jobId);
        if (found.isEmpty()) {
            return logged(new Outcome(Status.NOT_FOUND, "no job " + jobId, Optional.empty(), Optional.empty()));
        }
        ReplicationJob job = found.get();
        if (!from.contains(job.state()) || !JobTransitions.isAllowed(job.state(), to)) {
            return logged(new Outcome(Status.WRONG_STATE, "job " + jobId + " is " + job.state() + "; only a job"
                    + " that is " + names(from) + " can be " + (to == JobState.CANCELLED ? "cancelled" : "retried"),
                    found, Optional.empty()));
        }
        String reason = actor.record(action);
        try {
            ReplicationJob moved = jobs.transition(JobTransitionRequest.of(job, to, reason));
            return logged(new Outcome(Status.DONE, "job " + jobId + " " + job.kind() + " " + job.object()
                    + " (link " + job.link() + "): " + job.state() + " -> " + moved.state() + " (" + reason + ")",
                    found, Optional.of(moved)));
        } catch (StaleJobVersionException stale) {
            return logged(new Outcome(Status.CHANGED_MEANWHILE, "job " + jobId + " changed meanwhile ("
                    + stale.getMessage() + "); look at it with strait job " + jobId + " and try again", found,
                    Optional.empty()));
        }
    }

    private static Outcome logged(Outcome outcome) {
        LOG.info("operator action {}: {}", outcome.status(), outcome.message());
        return outcome;
    }

    private static String names(Set<JobState> states) {
        return Arrays.stream(JobState.values()).filter(states::contains).map(JobState::name)
                .collect(Collectors.joining(", "));
    }
}
