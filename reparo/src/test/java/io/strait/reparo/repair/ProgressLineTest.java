package io.strait.reparo.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.job.JobProgress;
import io.strait.common.job.JobState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void namesObjectsFilesBytesRateAndEta() {
        JobProgress progress = new JobProgress(Map.of(JobState.SUCCEEDED, 10, JobState.FAILED, 1,
                JobState.COPYING, 4, JobState.PENDING, 25), 400, 8L << 30, 300, 3L << 30);

        assertThat(ProgressLine.format("bootstrap a-to-b", progress, Duration.ofSeconds(60))).isEqualTo(
                "bootstrap a-to-b: objects 11/40 (1 not succeeded), files 300, 3.0 GB verified, 51.2 MB/s,"
                        + " ETA 2m38s");
    }

    @Test
    void beforeAnythingSettledTheEtaIsUnknownAndWhenAllSettledItIsZero() {
        assertThat(ProgressLine.format("repair l", new JobProgress(Map.of(JobState.PENDING, 2), 0, 0, 0, 0),
                Duration.ofSeconds(3))).endsWith("objects 0/2, files 0, 0 B verified, 0 B/s, ETA -");
        assertThat(ProgressLine.format("repair l", new JobProgress(Map.of(JobState.SUPERSEDED, 2), 1, 10, 1, 10),
                Duration.ofSeconds(2))).endsWith("objects 2/2, files 1, 10 B verified, 5 B/s, ETA 0s");
        assertThat(ProgressLine.duration(Duration.ofHours(3).plusMinutes(5))).isEqualTo("3h05m");
    }
}
