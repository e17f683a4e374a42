package io.strait.ops.demo;

import io.strait.common.divergence.ReconcileScan;
import io.strait.common.error.ExitCode;
import io.strait.common.job.JobState;
import io.strait.common.report.ReplicationReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's result: the figures read back from the state store and the final reconcile scans. Success means the
 * bootstrap and the repair exited 0 and each ran jobs, every job ended SUCCEEDED or SUPERSEDED (a newer event
 * covered it: nothing left to do), the pipeline drained, and reconcile found no divergence.
 */
public record DemoOutcome(Path workspace, boolean drained, Duration elapsed, ReplicationReport report,
        List<ReconcileScan> scans, Convergence convergence) {
    private static final List<String> GOOD_END_STATES = List.of(JobState.SUCCEEDED.name(), JobState.SUPERSEDED.name());

    public DemoOutcome {
        scans = List.copyOf(scans);
    }

    /**
     * The two convergence steps of the demo.
     *
     * @param bootstrapExit exit code of {@code strait bootstrap} of the table that existed before the listener
     * @param planted what was changed in region B behind Strait's back
     * @param repairExit exit code of {@code strait reconcile --repair} after that
     */
    public record Convergence(int bootstrapExit, String planted, int repairExit) {
    }

    private boolean consistent() {
        return scans.stream().allMatch(scan -> scan.status() == ReconcileScan.Status.CONSISTENT);
    }

    public long jobsNotSucceeded() {
        return report.jobsByState().entrySet().stream()
                .filter(entry -> !GOOD_END_STATES.contains(entry.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    public ExitCode exitCode() {
        boolean converged = convergence.bootstrapExit() == 0 && report.succeeded("BOOTSTRAP") > 0
                && convergence.repairExit() == 0 && report.succeeded("REPAIR") > 0;
        boolean ok = drained && converged && jobsNotSucceeded() == 0 && report.filesNotVerified() == 0
                && consistent() && report.divergences() == 0;
        return ok ? ExitCode.OK : ExitCode.FAILED;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("\nStrait demo report (figures read from the state store)\n");
        out.append("  workspace:          ").append(workspace).append('\n');
        out.append("  events captured:    ").append(report.totalEvents()).append(' ')
                .append(new TreeMap<>(report.eventsByType())).append('\n');
        out.append("  jobs:               ").append(report.jobs("SUCCEEDED")).append(" succeeded ")
                .append(new TreeMap<>(report.succeededByOrigin())).append(", ")
                .append(report.jobs("SUPERSEDED")).append(" superseded (covered by a later event), ")
                .append(jobsNotSucceeded()).append(" failed or unfinished ")
                .append(new TreeMap<>(report.jobsByState())).append('\n');
        out.append("  files verified:     ").append(report.filesVerified()).append(" (")
                .append(report.bytesVerified()).append(" bytes copied and verified; ")
                .append(report.filesNotVerified()).append(" not verified)\n");
        out.append("  replication lag:    p50 ").append(report.lagP50Millis()).append(" ms, p99 ")
                .append(report.lagP99Millis()).append(" ms (event capture to target commit)\n");
        out.append("  bootstrap:          exit ").append(convergence.bootstrapExit()).append(", ")
                .append(report.succeeded("BOOTSTRAP")).append(" jobs replicated what region a held before the")
                .append(" listener was installed\n");
        out.append("  repair:             exit ").append(convergence.repairExit()).append(", ")
                .append(report.succeeded("REPAIR")).append(" jobs repaired what was planted in region b (")
                .append(convergence.planted()).append(")\n");
        for (ReconcileScan scan : scans) {
            out.append("  reconcile:          ").append(scan.table()).append(' ').append(scan.status()).append(", ")
                    .append(scan.objectsChecked()).append(" partitions and ").append(scan.filesChecked())
                    .append(" files checked\n");
        }
        out.append("  divergences:        ").append(report.divergences())
                .append(" (latest scan of each table)\n");
        out.append("  drained:            ").append(drained ? "yes" : "NO (timed out)").append(", in ")
                .append(elapsed.toMillis() / 1000.0).append(" s\n");
        out.append("  result:             ").append(exitCode() == ExitCode.OK ? "OK" : "FAILED")
                .append(" (exit ").append(exitCode().code()).append(")\n");
        return out.toString();
    }
}
