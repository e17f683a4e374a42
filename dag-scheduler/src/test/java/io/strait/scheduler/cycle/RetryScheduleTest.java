package io.strait.scheduler.cycle;

import static io.strait.scheduler.TestJobs.partition;
import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.job.JobKind;
import io.strait.common.job.JobState;
import io.strait.common.job.ReplicationJob;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(5));

    private static ReplicationJob waiting(int attempts, long updatedAt) {
        return new ReplicationJob(1, "l", JobKind.SYNC_PARTITION, partition("d", "t", "1"), JobState.RETRY_WAIT, 3,
                1, 0, attempts, "", "", 0, updatedAt, 0);
    }

    @Test
    void backoffDoublesPerAttempt() {
        assertThat(schedule.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.backoff(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.backoff(3)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void backoffIsCappedAtTheMaximum() {
        RetrySchedule capped = new RetrySchedule(Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertThat(capped.backoff(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(capped.backoff(4)).isEqualTo(Duration.ofSeconds(30));
        assertThat(capped.backoff(50)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aJobIsDueOnlyAfterItsBackoff() {
        assertThat(schedule.isDue(waiting(2, 1_000), 10_999)).isFalse();
        assertThat(schedule.isDue(waiting(2, 1_000), 11_000)).isTrue();
    }
}
