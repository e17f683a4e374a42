package io.strait.common.job;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The deadline of a job: the capture time of its source change plus its link's SLA ({@code links[].sla}); a link
 * without an SLA here gets {@link #DEFAULT_SLA}. Runnable jobs are claimed earliest deadline first.
 */
public final class JobDeadlines {
    /** The SLA of a link that sets none (also {@code links[].sla}'s default). */
    public static final Duration DEFAULT_SLA = Duration.ofHours(4);
    /** Every link at the default SLA. */
    public static final JobDeadlines DEFAULT = new JobDeadlines(Map.of());

    private final Map<String, Duration> slaByLink;

    public JobDeadlines(Map<String, Duration> slaByLink) {
        this.slaByLink = Map.copyOf(Objects.requireNonNull(slaByLink, "slaByLink"));
    }

    public Duration sla(String link) {
        return slaByLink.getOrDefault(link, DEFAULT_SLA);
    }

    /** When a change of {@code link} captured at {@code capturedAtMillis} must be applied in the target. */
    public long deadline(String link, long capturedAtMillis) {
        return capturedAtMillis + sla(link).toMillis();
    }

    public long deadline(ReplicationJob job) {
        return deadline(job.link(), job.sourceCapturedAtMillis());
    }
}
