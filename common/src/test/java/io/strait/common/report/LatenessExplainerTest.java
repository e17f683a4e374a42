package io.strait.common.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.strait.common.job.JobState;
import io.strait.common.report.LatenessSnapshot.Applied;
import io.strait.common.report.LatenessSnapshot.CopyFacts;
import io.strait.common.report.LatenessSnapshot.JobFacts;
import io.strait.common.report.LatenessSnapshot.Pause;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LatenessExplainerTest {
    private static final long NOW = 1_780_000_000_000L;
    private static final long MINUTE = 60_000L;
    private static final Duration SLA = Duration.ofHours(4);

    /** A partition with no job, planner caught up, applied an hour ago. */
    private static final LatenessSnapshot QUIET = new LatenessSnapshot("a-to-b", "region-a", "sales", "orders",
            "2024-01-01", NOW, SLA, Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(), 0,
            Optional.empty(), OptionalLong.empty(), Optional.of(new Applied(7, NOW - 60 * MINUTE, NOW - 59 * MINUTE)),
            true, OptionalLong.of(NOW - MINUTE), 0, OptionalLong.empty());

    private static JobFacts job(JobState state, String error) {
        return new JobFacts(42, state, "SYNC_PARTITION", "sales.orders/2024-01-01", 2, error, NOW - 10 * MINUTE,
                NOW - 2 * MINUTE);
    }

    private static LatenessSnapshot with(UnaryOperator<Builder> change) {
        return change.apply(new Builder()).build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("up to date", QUIET, LatenessReason.UP_TO_DATE, SlaStatus.ON_TIME,
                        Map.of("lastAppliedCapturedAtMs", NOW - 60 * MINUTE), "up to date: no change since"),
                Arguments.of("no change since, planner behind", with(b -> b.unplanned(12)),
                        LatenessReason.NO_CHANGE_SINCE, SlaStatus.ON_TIME, Map.of("unplannedEvents", 12L),
                        "12 captured events"),
                Arguments.of("waiting behind a lock", with(b -> b.job(job(JobState.PENDING, ""))
                        .holder(new JobFacts(41, JobState.COPYING, "SYNC_TABLE", "sales.orders", 1, "", NOW - 20
                                * MINUTE, NOW - MINUTE))), LatenessReason.WAITING_BEHIND, SlaStatus.ON_TIME,
                        Map.of("holderJobId", 41L, "holderState", "COPYING"), "waits for job 41"),
                Arguments.of("queued", with(b -> b.job(job(JobState.PENDING, "")).queue(3, 9)),
                        LatenessReason.QUEUED, SlaStatus.ON_TIME, Map.of("queuePosition", 3, "runnableJobs", 9,
                        "deadlineAtMs", NOW - 10 * MINUTE + SLA.toMillis()), "3 of 9 runnable jobs"),
                Arguments.of("copying, on time", with(b -> b.job(job(JobState.COPYING, ""))
                        .copy(new CopyFacts(500, 1_000, 5, 10, NOW - 10_000))), LatenessReason.COPYING,
                        SlaStatus.ON_TIME, Map.of("bytesPerSecond", 50L, "etaAtMs", NOW + 10_000),
                        "500 of 1000 bytes"),
                Arguments.of("copying, projected past the deadline", with(b -> b.job(job(JobState.COPYING, ""))
                        .copy(new CopyFacts(1, 1_000_000_000, 0, 10, NOW - 1_000))), LatenessReason.COPYING,
                        SlaStatus.AT_RISK, Map.of("bytesPerSecond", 1L), "is COPYING"),
                Arguments.of("retrying", with(b -> b.job(job(JobState.RETRY_WAIT, "metastore of region-b"
                        + " unreachable")).nextAttempt(NOW + 30_000)), LatenessReason.RETRYING, SlaStatus.ON_TIME,
                        Map.of("error", "metastore of region-b unreachable", "nextAttemptAtMs", NOW + 30_000),
                        "next attempt at"),
                Arguments.of("failed", with(b -> b.job(job(JobState.FAILED, "gave up"))), LatenessReason.FAILED,
                        SlaStatus.ON_TIME, Map.of("error", "gave up", "attempts", 2), "strait retry 42"),
                Arguments.of("unverifiable counts as failed", with(b -> b.job(job(JobState.UNVERIFIABLE,
                        "no checksum"))), LatenessReason.FAILED, SlaStatus.ON_TIME, Map.of("jobState",
                        "UNVERIFIABLE"), "no checksum"),
                Arguments.of("blocked, old: reported apart, not judged", with(b -> b.job(new JobFacts(42,
                        JobState.BLOCKED, "SYNC_TABLE", "sales.acid", 1, "sales.acid is an ACID table",
                        NOW - 5 * 60 * MINUTE, NOW))), LatenessReason.BLOCKED, SlaStatus.ON_TIME,
                        Map.of("rule", "sales.acid is an ACID table"), "is BLOCKED"),
                Arguments.of("paused", with(b -> b.job(job(JobState.PENDING, "")).queue(1, 1)
                        .pause(new Pause("alice", "maintenance", NOW - MINUTE))), LatenessReason.PAUSED,
                        SlaStatus.ON_TIME, Map.of("pausedBy", "alice", "pauseReason", "maintenance"),
                        "starts once it is resumed"),
                Arguments.of("a running job finishes on a paused link", with(b -> b.job(job(JobState.COPYING, ""))
                        .pause(new Pause("alice", "maintenance", NOW - MINUTE))), LatenessReason.COPYING,
                        SlaStatus.ON_TIME, Map.of("jobState", "COPYING"), "is COPYING"),
                Arguments.of("no event", with(b -> b.never()), LatenessReason.NO_EVENT, SlaStatus.ON_TIME,
                        Map.of("listenerLastContactAtMs", NOW - MINUTE, "sourceRegion", "region-a"),
                        "listener last contact"),
                Arguments.of("spooled", with(b -> b.spooled(250)), LatenessReason.SPOOLED, SlaStatus.ON_TIME,
                        Map.of("spooledEvents", 250L), "250 events in its local spool"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void explains(String name, LatenessSnapshot snapshot, LatenessReason reason, SlaStatus sla,
            Map<String, Object> details, String summaryPart) {
        Lateness lateness = LatenessExplainer.explain(snapshot);
        assertThat(lateness.reason()).isEqualTo(reason);
        assertThat(lateness.sla().state()).isEqualTo(sla);
        assertThat(lateness.details()).containsAllEntriesOf(details);
        assertThat(lateness.summary()).contains(summaryPart);
        assertThat(lateness.object()).isEqualTo("sales.orders/2024-01-01");
        assertThat(lateness.sla().waiting()).isEqualTo(snapshot.job().isPresent() && reason != LatenessReason.BLOCKED);
    }

    /** Changes {@link #QUIET} one input at a time. */
    private static final class Builder {
        private LatenessSnapshot s = QUIET;

        Builder job(JobFacts job) {
            s = new LatenessSnapshot(s.link(), s.sourceRegion(), s.database(), s.table(), s.partition(),
                    s.nowMillis(), s.sla(), s.pause(), Optional.of(job), s.holder(), s.queuePosition(),
                    s.runnableJobs(), s.copy(), s.nextAttemptAtMillis(), s.applied(), s.everCaptured(),
                    s.listenerLastContactMillis(), s.unplannedEvents(), s.spooledEvents());
            return this;
        }

        Builder holder(JobFacts holder) {
            s = new LatenessSnapshot(s.link(), s.sourceRegion(), s.database(), s.table(), s.partition(),
                    s.nowMillis(), s.sla(), s.pause(), s.job(), Optional.of(holder), s.queuePosition(),
                    s.runnableJobs(), s.copy(), s.nextAttemptAtMillis(), s.applied(), s.everCaptured(),
                    s.listenerLastContactMillis(), s.unplannedEvents(), s.spooledEvents());
            return this;
        }

        Builder queue(int position, int runnable) {
            s = new LatenessSnapshot(s.link(), s.sourceRegion(), s.database(), s.table(), s.partition(),
                    s.nowMillis(), s.sla(), s.pause(), s.job(), s.holder(), OptionalInt.of(position), runnable,
                    s.copy(), s.nextAttemptAtMillis(), s.applied(), s.everCaptured(),
                    s.listenerLastContactMillis(), s.unplannedEvents(), s.spooledEvents());
            return this;
        }

        Builder copy(CopyFacts copy) {
            s = new LatenessSnapshot(s.link(), s.sourceRegion(), s.database(), s.table(), s.partition(),
                    s.nowMillis(), s.sla(), s.pause(), s.job(), s.holder(), s.queuePosition(), s.runnableJobs(),
                    Optional.of(copy), s.nextAttemptAtMillis(), s.applied(), s.everCaptured(),
                    s.listenerLastContactMillis(), s.unplannedEvents(), s.spooledEvents());
            return this;
        }

        Builder nextAttempt(long at) {
            s = new LatenessSnapshot(s.link(), s.sourceRegion(), s.database(), s.table(), s.partition(),
                    s.nowMillis(), s.sla(), s.pause(), s.job(), s.holder(), s.queuePosition(), s.runnableJobs(),
                    s.copy(), OptionalLong.of(at), s.applied(), s.everCaptured(), s.listenerLastContactMillis(),
                    s.unplannedEvents(), s.spooledEvents());
            return this;
        }

        Builder pause(Pause pause) {
            s = new LatenessSnapshot(s.link(), s.sourceRegion(), s.database(), s.table(), s.partition(),
                    s.nowMillis(), s.sla(), Optional.of(pause), s.job(), s.holder(), s.queuePosition(),
                    s.runnableJobs(), s.copy(), s.nextAttemptAtMillis(), s.applied(), s.everCaptured(),
                    s.listenerLastContactMillis(), s.unplannedEvents(), s.spooledEvents());
            return this;
        }

        Builder never() {
            s = new LatenessSnapshot(s.link(), s.sourceRegion(), s.database(), s.table(), s.partition(),
                    s.nowMillis(), s.sla(), s.pause(), s.job(), s.holder(), s.queuePosition(), s.runnableJobs(),
                    s.copy(), s.nextAttemptAtMillis(), Optional.empty(), false, s.listenerLastContactMillis(),
                    s.unplannedEvents(), s.spooledEvents());
            return this;
        }

        Builder unplanned(long events) {
            s = new LatenessSnapshot(s.link(), s.sourceRegion(), s.database(), s.table(), s.partition(),
                    s.nowMillis(), s.sla(), s.pause(), s.job(), s.holder(), s.queuePosition(), s.runnableJobs(),
                    s.copy(), s.nextAttemptAtMillis(), s.applied(), s.everCaptured(),
                    s.listenerLastContactMillis(), events, s.spooledEvents());
            return this;
        }

        Builder spooled(long events) {
            s = new LatenessSnapshot(s.link(), s.sourceRegion(), s.database(), s.table(), s.partition(),
                    s.nowMillis(), s.sla(), s.pause(), s.job(), s.holder(), s.queuePosition(), s.runnableJobs(),
                    s.copy(), s.nextAttemptAtMillis(), s.applied(), s.everCaptured(),
                    s.listenerLastContactMillis(), s.unplannedEvents(), OptionalLong.of(events));
            return this;
        }

        LatenessSnapshot build() {
            return s;
        }
    }
}
