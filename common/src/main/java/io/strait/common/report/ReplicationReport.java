package io.strait.common.report;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

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
 * @param blockedTables the tables ({@code db.table}) with a BLOCKED job, each with the reason of its newest one:
 *     objects Strait cannot replicate faithfully, neither success nor failure
 * @param succeededByOrigin succeeded jobs per origin ({@code EVENT}, {@code REPAIR}, {@code BOOTSTRAP})
 * @param bytesReused of {@code bytesVerified}, the bytes taken from the previous version inside the target region
 *     (delta copies) instead of being sent across regions
 */
public record ReplicationReport(Map<String, Long> eventsByType, Map<String, Long> jobsByState, long filesVerified,
        long bytesVerified, long filesNotVerified, long lagP50Millis, long lagP99Millis, long divergences,
        SortedMap<String, String> blockedTables, Map<String, Long> succeededByOrigin, long bytesReused) {
    public ReplicationReport {
        succeededByOrigin = Map.copyOf(Objects.requireNonNull(succeededByOrigin, "succeededByOrigin"));
        eventsByType = Map.copyOf(Objects.requireNonNull(eventsByType, "eventsByType"));
        jobsByState = Map.copyOf(Objects.requireNonNull(jobsByState, "jobsByState"));
        blockedTables = Collections.unmodifiableSortedMap(new TreeMap<>(
                Objects.requireNonNull(blockedTables, "blockedTables")));
    }

    /** A report without reused bytes (no delta copies). */
    public ReplicationReport(Map<String, Long> eventsByType, Map<String, Long> jobsByState, long filesVerified,
            long bytesVerified, long filesNotVerified, long lagP50Millis, long lagP99Millis, long divergences,
            SortedMap<String, String> blockedTables, Map<String, Long> succeededByOrigin) {
        this(eventsByType, jobsByState, filesVerified, bytesVerified, filesNotVerified, lagP50Millis, lagP99Millis,
                divergences, blockedTables, succeededByOrigin, 0);
    }

    /** Verified bytes that were sent across regions. */
    public long bytesSent() {
        return bytesVerified - bytesReused;
    }

    /** A report without jobs by origin. */
    public ReplicationReport(Map<String, Long> eventsByType, Map<String, Long> jobsByState, long filesVerified,
            long bytesVerified, long filesNotVerified, long lagP50Millis, long lagP99Millis, long divergences,
            SortedMap<String, String> blockedTables) {
        this(eventsByType, jobsByState, filesVerified, bytesVerified, filesNotVerified, lagP50Millis, lagP99Millis,
                divergences, blockedTables, Map.of());
    }

    /** A report without blocked tables. */
    public ReplicationReport(Map<String, Long> eventsByType, Map<String, Long> jobsByState, long filesVerified,
            long bytesVerified, long filesNotVerified, long lagP50Millis, long lagP99Millis, long divergences) {
        this(eventsByType, jobsByState, filesVerified, bytesVerified, filesNotVerified, lagP50Millis, lagP99Millis,
                divergences, new TreeMap<>());
    }

    /** Jobs held BLOCKED because their table cannot be replicated faithfully (counted apart from failures). */
    public long blockedJobs() {
        return jobs("BLOCKED");
    }

    /** Succeeded jobs of {@code origin} ({@code EVENT}, {@code REPAIR}, {@code BOOTSTRAP}). */
    public long succeeded(String origin) {
        return succeededByOrigin.getOrDefault(origin, 0L);
    }

    public long jobs(String state) {
        return jobsByState.getOrDefault(state, 0L);
    }

    public long totalEvents() {
        return eventsByType.values().stream().mapToLong(Long::longValue).sum();
    }
}
