package io.strait.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.job.JobKind;
import io.strait.ops.bench.BurstFigures.JobTimes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurstFiguresTest {
    @Test
    void theDrainRunsFromTheFirstCreationToTheLastOutcomeAndThePartitionsFromTheirFirstOutcome() {
        List<JobTimes> jobs = List.of(
                new JobTimes(JobKind.SYNC_DATABASE, 1_000, 0, 1_200, 1_200),
                new JobTimes(JobKind.SYNC_TABLE, 1_000, 0, 1_500, 1_500),
                new JobTimes(JobKind.SYNC_PARTITION, 1_001, 0, 3_000, 3_000),
                new JobTimes(JobKind.SYNC_PARTITION, 1_001, 0, 3_000, 3_000),
                new JobTimes(JobKind.SYNC_PARTITION, 1_002, 0, 5_000, 5_000),
                new JobTimes(JobKind.SYNC_PARTITION, 1_002, 0, 7_000, 7_000));

        BurstFigures figures = BurstFigures.of(jobs, false);

        assertThat(figures.jobs()).isEqualTo(6);
        assertThat(figures.drainMillis()).isEqualTo(6_000);
        assertThat(figures.jobsPerSecond()).isEqualTo(1.0);
        assertThat(figures.partitionJobs()).isEqualTo(4);
        assertThat(figures.partitionSpanMillis()).isEqualTo(4_000);
        assertThat(figures.partitionJobsPerSecond()).isEqualTo(1.0);
        assertThat(figures.lagP50Millis()).as("the second of four lags: 1999, 1999, 3998, 5998").isEqualTo(1_999);
        assertThat(figures.lagP99Millis()).isEqualTo(5_998);
        assertThat(figures.describe("bootstrap jobs")).contains("6 jobs drained in 6.0 s", "1.0 jobs/s",
                "4 partition jobs, first to last outcome 4.0 s", "lag p50 1999 ms, p99 5998 ms");
    }

    @Test
    void eventJobsCountTheirLagFromTheCaptureAndJobsNeverCommittedAreNoLag() {
        List<JobTimes> jobs = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            jobs.add(new JobTimes(JobKind.DROP_PARTITION, 10_000, 9_000 - i, 10_000 + i * 10, 10_000 + i * 10));
        }
        jobs.add(new JobTimes(JobKind.DROP_PARTITION, 10_000, 0, 0, 60_000));

        BurstFigures fromCapture = BurstFigures.of(jobs, true);
        BurstFigures fromCreation = BurstFigures.of(jobs, false);

        // lag of job i from its capture: 1000 + 11 i; from its creation: 10 i
        assertThat(fromCapture.lagP50Millis()).isEqualTo(1_000 + 11 * 50);
        assertThat(fromCapture.lagP99Millis()).isEqualTo(1_000 + 11 * 99);
        assertThat(fromCreation.lagP50Millis()).isEqualTo(500);
        assertThat(fromCreation.lagP99Millis()).isEqualTo(990);
        assertThat(fromCapture.drainMillis()).as("the last outcome counts, committed or not").isEqualTo(50_000);
    }

    @Test
    void partitionJobsWhoseOutcomesShareOneMomentHaveNoRate() {
        List<JobTimes> jobs = List.of(new JobTimes(JobKind.SYNC_TABLE, 1_000, 0, 1_500, 1_500),
                new JobTimes(JobKind.SYNC_PARTITION, 1_000, 0, 2_900, 3_000),
                new JobTimes(JobKind.SYNC_PARTITION, 1_000, 0, 2_900, 3_000));

        BurstFigures figures = BurstFigures.of(jobs, false);

        assertThat(figures.partitionSpanMillis()).isZero();
        assertThat(figures.describe("bootstrap jobs"))
                .contains("2 partition jobs, their outcomes all at one moment (one batch), so no rate")
                .doesNotContain("0.0 jobs/s");
    }

    @Test
    void aBurstOfNoJobsIsAnError() {
        assertThatThrownBy(() -> BurstFigures.of(List.of(), false)).isInstanceOf(IllegalArgumentException.class);
    }
}
