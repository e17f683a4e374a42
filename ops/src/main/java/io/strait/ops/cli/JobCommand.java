package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.job.JobOrigin;
import io.strait.common.job.JobTransition;
import io.strait.common.job.ReplicationJob;
import io.strait.sql.StateStore;
import io.strait.sql.dashboard.DashboardQueries;
import io.strait.sql.job.JdbcJobStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Shows one job: its fields, every transition with its reason (the audit trail) and each file"
                + " with both checksums and its verification; --json prints one JSON object. Exit 1 if there is no such"
                + " job.")
final class JobCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "ID", description = "The job id")
    long jobId;

    @Option(names = "--json", description = "Print one JSON object (as GET /api/jobs/{id})")
    boolean json;

    @Override
    public Integer call() {
        ArgumentChecks.requireAtLeast(spec, "ID", jobId, 1);
        StraitConfig loaded = config.load();
        PrintWriter out = spec.commandLine().getOut();
        try (StateStore store = StoreOption.open(loaded, config.file)) {
            if (json) {
                Optional<java.util.Map<String, Object>> job = new DashboardQueries(store.dataSource()).job(jobId);
                if (job.isEmpty()) {
                    spec.commandLine().getErr().println("strait job: no job " + jobId);
                    return 1;
                }
                CliJson.print(out, job.get());
                return 0;
            }
            JdbcJobStore jobs = new JdbcJobStore(store.dataSource(), Clock.systemUTC());
            Optional<ReplicationJob> job = jobs.find(jobId);
            if (job.isEmpty()) {
                spec.commandLine().getErr().println("strait job: no job " + jobId);
                return 1;
            }
            printJob(out, job.get());
            jobs.schedule(jobId).ifPresent(schedule -> printSchedule(out, schedule));
            out.println("transitions:");
            jobs.history(jobId).forEach(transition -> printTransition(out, transition));
            List<FileCopyResult> files = jobs.fileResults(jobId);
            printTransfer(out, files);
            out.println("files:");
            files.forEach(file -> printFile(out, file));
            return 0;
        }
    }

    private static void printSchedule(PrintWriter out, io.strait.common.job.JobSchedule schedule) {
        out.println("  deadline:        " + time(schedule.deadlineMillis()) + " (capture + the link's SLA)");
        out.println("  lease:           " + (schedule.leased() ? schedule.leaseOwner() + " until "
                + time(schedule.leaseExpiresAtMillis()) + " (fencing token " + schedule.fencingToken() + ")" : "-"));
    }

    private static void printJob(PrintWriter out, ReplicationJob job) {
        out.println("job " + job.id() + " " + job.kind() + " " + job.objectLabel() + " (link " + job.link() + ")");
        out.println("  state:           " + job.state() + " (version " + job.version() + ", attempts " + job.attempts()
                + ")");
        out.println("  origin:          " + job.origin() + switch (job.origin()) {
            case EVENT -> " (planned from a captured event)";
            case REPAIR -> " (planned by a repair; the source event is the link's event position then)";
            case BOOTSTRAP -> " (planned by a bootstrap; the source event is the link's event position then)";
        });
        out.println("  source event:    " + job.sourceEventId() + (job.origin() == JobOrigin.EVENT ? " captured "
                : " planned ") + time(job.sourceCapturedAtMillis()));
        out.println("  version folder:  " + (job.targetLocation().isEmpty() ? "-" : job.targetLocation()));
        out.println("  committed:       " + (job.committedAtMillis() == 0 ? "-" : time(job.committedAtMillis())));
        out.println("  last error:      " + (job.lastError().isEmpty() ? "-" : job.lastError()));
    }

    private static void printTransition(PrintWriter out, JobTransition transition) {
        out.println("  " + time(transition.atMillis()) + "  " + (transition.from() == null ? "(created)" : transition.from())
                + " -> " + transition.to() + "  " + transition.reason());
    }

    /** Bytes of verified files sent across regions, and reused from the previous version (delta copies). */
    private static void printTransfer(PrintWriter out, List<FileCopyResult> files) {
        List<FileCopyResult> verified = files.stream()
                .filter(file -> file.verification() == FileVerification.VERIFIED).toList();
        long sent = verified.stream().mapToLong(FileCopyResult::bytesSent).sum();
        long reused = verified.stream().filter(FileCopyResult::reused).mapToLong(FileCopyResult::sizeBytes).sum();
        out.println("  bytes sent:      " + sent + " (" + verified.stream().filter(file -> !file.reused()).count()
                + " file(s))");
        out.println("  bytes reused:    " + reused + " (" + verified.stream().filter(FileCopyResult::reused).count()
                + " file(s) taken from the previous version in the target region)");
    }

    private static void printFile(PrintWriter out, FileCopyResult file) {
        out.println("  " + file.verification() + (file.verifiedBy() == null ? "" : " by " + file.verifiedBy())
                + (file.reused() ? " (reused)" : "") + "  " + file.relativePath()
                + "  " + file.sizeBytes() + " bytes  "
                + file.sourceChecksum() + " / " + file.targetChecksum()
                + (file.detail().isEmpty() ? "" : "  " + file.detail()));
    }

    private static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
