package io.strait.ops.repair;

import io.strait.common.divergence.ReconcileScan;
import io.strait.common.error.ExitCode;
import io.strait.common.job.JobOrigin;
import io.strait.reparo.ReconcileReport;
import io.strait.reparo.repair.Convergence;
import io.strait.reparo.repair.ExtraObjects;
import io.strait.reparo.repair.RepairPlan;
import io.strait.reparo.repair.RepairPlanner;
import io.strait.reparo.repair.RepairReport;
import io.strait.reparo.repair.ReplicationDriver;
import io.strait.reparo.repair.ScopeScan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The command-line side of a repair or bootstrap: prints the plan (stdout), runs it through the
 * {@link Convergence} loop while a {@link ReplicationDriver} keeps replication running, prints progress (stderr)
 * and the report (stdout), and returns the exit code of the scan after it: 0 consistent, 1 divergent, 2 could not
 * check.
 *
 * @param execution the link's repair wiring
 * @param origin REPAIR or BOOTSTRAP
 * @param extraObjects what to do with objects the source does not have
 * @param maxRounds rounds of scan, plan and run (more than one only helps when objects were in flight)
 * @param timeout how long to wait for each round's jobs
 * @param progressInterval how often a progress line is printed while waiting
 */
public record ConvergenceCommand(RepairExecution execution, JobOrigin origin, ExtraObjects extraObjects,
        int maxRounds, Duration timeout, Duration progressInterval) {
    public ConvergenceCommand {
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(extraObjects, "extraObjects");
    }

    /** Prints the plan of {@code scans} only; the exit code is the scans'. */
    public int dryRun(List<ReconcileScan> scans, PrintWriter out) {
        RepairPlan plan = execution.plan(scans, extraObjects);
        out.print(plan.text());
        out.println(what() + " --dry-run: nothing was changed");
        return ReconcileReport.exitCode(scans).code();
    }

    /**
     * Runs the plan of {@code firstScans} ({@code position}: the link's event position read before or after them),
     * scanning again with {@code rescan}.
     */
    public int run(long position, List<ReconcileScan> firstScans, ScopeScan rescan, ReplicationDriver driver,
            PrintWriter out, PrintWriter err) {
        RepairPlanner planner = execution.planner(extraObjects);
        Convergence convergence = execution.convergence(origin, planner);
        Convergence.Result result;
        try (ReplicationDriver.Running running = driver.start()) {
            err.println(what() + ": jobs are run " + running.description());
            err.flush();
            result = convergence.converge(position, firstScans, rescan, maxRounds, timeout, progressInterval,
                    listener(out, err));
        }
        out.print(ScopeScans.failures(result.finalScans()));
        out.print(RepairReport.text(what(), result));
        out.flush();
        return result.consistent() ? ExitCode.OK.code() : ReconcileReport.exitCode(result.finalScans()).code();
    }

    private Convergence.Listener listener(PrintWriter out, PrintWriter err) {
        return new Convergence.Listener() {
            @Override
            public void planned(int round, RepairPlan plan) {
                if (round > 1) {
                    out.println(what() + " round " + round + " (objects were in flight in the scan before):");
                }
                out.print(plan.text());
                out.flush();
            }

            @Override
            public void line(String line) {
                err.println(line);
                err.flush();
            }
        };
    }

    private String what() {
        return origin == JobOrigin.BOOTSTRAP ? "bootstrap" : "repair";
    }
}
