package io.strait.reparo.repair;

import io.strait.common.job.JobProgress;
import io.strait.common.job.JobState;
import java.time.Duration;
import java.util.Locale;

/**
 * The one-line progress of a repair or bootstrap, e.g.
 * {@code bootstrap a-to-b: objects 12/40 (1 failed), files 230, 1.2 GB verified, 25.3 MB/s, ETA 1m20s}. Objects
 * are jobs (a table or a partition each); the rate is verified bytes over the elapsed time; the ETA assumes the
 * remaining objects take as long on average as the settled ones did. A pure function.
 */
public final class ProgressLine {
    private ProgressLine() {
    }

    public static String format(String what, JobProgress progress, Duration elapsed) {
        int failed = progress.settled() - progress.inState(JobState.SUCCEEDED)
                - progress.inState(JobState.SUPERSEDED);
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        return String.format(Locale.ROOT, "%s: objects %d/%d%s, files %d, %s verified, %s/s, ETA %s", what,
                progress.settled(), progress.jobs(), failed > 0 ? " (" + failed + " not succeeded)" : "",
                progress.filesVerified(), bytes(progress.bytesVerified()),
                bytes((long) (progress.bytesVerified() / seconds)), eta(progress, elapsed));
    }

    private static String eta(JobProgress progress, Duration elapsed) {
        if (progress.allSettled()) {
            return "0s";
        }
        if (progress.settled() == 0) {
            return "-";
        }
        long remaining = elapsed.toMillis() * (progress.jobs() - progress.settled()) / progress.settled();
        return duration(Duration.ofMillis(remaining));
    }

    static String bytes(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
        }
        return seconds / 3600 + "h" + String.format(Locale.ROOT, "%02d", (seconds % 3600) / 60) + "m";
    }
}
