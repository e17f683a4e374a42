package io.strait.ops.cli;

import io.strait.common.job.JobState;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancels a job (PENDING, PLANNED, COPYING, RETRY_WAIT, BLOCKED, FAILED or UNVERIFIABLE): it"
                + " ends CANCELLED, is never published, and no longer holds back later jobs of its object."
                + " --reason is required; recorded in the job's history with --by. Exit 1 if there is no such job"
                + " or it is in another state (named).")
final class CancelCommand implements Callable<Integer> {
    /** Every state the state machine lets go to CANCELLED. */
    static final Set<JobState> CANCELLABLE = io.strait.ops.control.OperatorActions.CANCELLABLE;

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
        if (operator.reason == null || operator.reason.isBlank()) {
            spec.commandLine().getErr().println("strait cancel: --reason TEXT is required (it is recorded in the"
                    + " job's history)");
            return 2;
        }
        return OperatorJobAction.apply(config, jobId, "cancel", operator,
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
