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
 * The demo's result: the figures read back from the state store and the reconcile scan. Success means every job
 * ended SUCCEEDED or SUPERSEDED (a newer event covered it: nothing left to do), the pipeline drained, and
 * reconcile found no divergence.
 */
public record DemoOutcome(Path workspace, boolean drained, Duration elapsed, ReplicationReport report, ReconcileScan scan) {
    private static final List<String> GOOD_END_STATES = List.of(JobState.SUCCEEDED.name(), JobState.SUPERSEDED.name());

    public long jobsNotSucceeded() {
        return report.jobsByState().entrySet().stream()
                .filter(entry -> !GOOD_END_STATES.contains(entry.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    public ExitCode exitCode() {
        boolean ok = drained && jobsNotSucceeded() == 0 && report.filesNotVerified() == 0
                && scan.status() == ReconcileScan.Status.CONSISTENT && report.divergences() == 0;
        return ok ? ExitCode.OK : ExitCode.FAILED;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("\nStrait demo report (figures read from the state store)\n");
        out.append("  workspace:          ").append(workspace).append('\n');
        out.append("  events captured:    ").append(report.totalEvents()).append(' ')
                .append(new TreeMap<>(report.eventsByType())).append('\n');
        out.append("  jobs:               ").append(report.jobs("SUCCEEDED")).append(" succeeded, ")
                .append(report.jobs("SUPERSEDED")).append(" superseded (covered by a later event), ")
                .append(jobsNotSucceeded()).append(" failed or unfinished ")
                .append(new TreeMap<>(report.jobsByState())).append('\n');
        out.append("  files verified:     ").append(report.filesVerified()).append(" (")
                .append(report.bytesVerified()).append(" bytes copied and verified; ")
                .append(report.filesNotVerified()).append(" not verified)\n");
        out.append("  replication lag:    p50 ").append(report.lagP50Millis()).append(" ms, p99 ")
                .append(report.lagP99Millis()).append(" ms (event capture to target commit)\n");
        out.append("  reconcile:          ").append(scan.status()).append(", ").append(scan.objectsChecked())
                .append(" partitions and ").append(scan.filesChecked()).append(" files checked, ")
                .append(report.divergences()).append(" divergences\n");
        out.append("  drained:            ").append(drained ? "yes" : "NO (timed out)").append(", in ")
                .append(elapsed.toMillis() / 1000.0).append(" s\n");
        out.append("  result:             ").append(exitCode() == ExitCode.OK ? "OK" : "FAILED")
                .append(" (exit ").append(exitCode().code()).append(")\n");
        return out.toString();
    }
}
