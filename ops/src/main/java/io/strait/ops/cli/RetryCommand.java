package io.strait.ops.cli;

import io.strait.common.job.JobState;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Sends a FAILED, UNVERIFIABLE or BLOCKED job back to PENDING: the link's cycle runs it again"
                + " (a new attempt in a new version folder). Recorded in the job's history with --by and --reason."
                + " Exit 1 if there is no such job or it is in another state (named).")
final class RetryCommand implements Callable<Integer> {
    /** The settled states an operator may send back to PENDING. */
    static final Set<JobState> RETRYABLE = io.strait.ops.control.OperatorActions.RETRYABLE;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    OperatorOptions operator;

    @Parameters(paramLabel = "ID", description = "The job id")
    long jobId;

    @Override
    public Integer call() {
        ArgumentChecks.requireAtLeast(spec, "ID", jobId, 1);
        return OperatorJobAction.apply(config, jobId, "retry", operator,
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
