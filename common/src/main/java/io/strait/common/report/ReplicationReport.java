package io.strait.common.report;

import java.util.Map;
import java.util.Objects;

/**
 * Replication figures read back from the state store.
 *
 * @param eventsByType captured events per event type
 * @param jobsByState jobs per state
 * @param filesVerified files copied and verified
 * @param bytesVerified bytes copied and verified
 * @param filesNotVerified files whose copy ended MISMATCH, UNVERIFIABLE or FAILED
 * @param lagP50Millis median replication lag of succeeded jobs (capture to target commit)
 * @param lagP99Millis 99th percentile of the same
 * @param divergences divergences recorded by the latest reconcile scan of each table
 */
public record ReplicationReport(Map<String, Long> eventsByType, Map<String, Long> jobsByState, long filesVerified,
        long bytesVerified, long filesNotVerified, long lagP50Millis, long lagP99Millis, long divergences) {
    public ReplicationReport {
        eventsByType = Map.copyOf(Objects.requireNonNull(eventsByType, "eventsByType"));
        jobsByState = Map.copyOf(Objects.requireNonNull(jobsByState, "jobsByState"));
    }

    public long jobs(String state) {
        return jobsByState.getOrDefault(state, 0L);
    }

    public long totalEvents() {
        return eventsByType.values().stream().mapToLong(Long::longValue).sum();
    }
}
