package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.job.JobState;
import io.strait.common.job.JobTransitionRequest;
import io.strait.common.job.JobTransitions;
import io.strait.common.job.ReplicationJob;
import io.strait.common.job.StaleJobVersionException;
import io.strait.sql.StateStore;
import io.strait.sql.job.JdbcJobStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An operator's move of one job ({@code strait retry}, {@code strait cancel}): one compare-and-set through the job
 * store, checked against the state machine, with a history row naming who and why. Exit 0 moved, 1 no such job or
 * a state it cannot leave that way (named).
 */
final class OperatorJobAction {
    private OperatorJobAction() {
    }

    static int apply(StraitConfig config, long jobId, String action, Set<JobState> from, JobState to,
            OperatorOptions operator, PrintWriter out, PrintWriter err) {
        try (StateStore store = StoreOption.open(config)) {
            JdbcJobStore jobs = new JdbcJobStore(store.dataSource(), Clock.systemUTC());
            Optional<ReplicationJob> found = jobs.find(jobId);
            if (found.isEmpty()) {
                err.println("strait " + action + ": no job " + jobId);
                return 1;
            }
            ReplicationJob job = found.get();
            if (!from.contains(job.state()) || !JobTransitions.isAllowed(job.state(), to)) {
                err.println("strait " + action + ": job " + jobId + " is " + job.state() + "; only a job that is "
                        + names(from) + " can be " + (to == JobState.CANCELLED ? "cancelled" : "retried"));
                return 1;
            }
            String reason = operator.record(action);
            try {
                ReplicationJob moved = jobs.transition(JobTransitionRequest.of(job, to, reason));
                out.println("job " + jobId + " " + job.kind() + " " + job.object() + " (link " + job.link() + "): "
                        + job.state() + " -> " + moved.state() + " (" + reason + ")");
                return 0;
            } catch (StaleJobVersionException stale) {
                err.println("strait " + action + ": job " + jobId + " changed meanwhile (" + stale.getMessage()
                        + "); look at it with strait job " + jobId + " and try again");
                return 1;
            }
        }
    }

    private static String names(Set<JobState> states) {
        return Arrays.stream(JobState.values()).filter(states::contains).map(JobState::name)
                .collect(Collectors.joining(", "));
    }
}
