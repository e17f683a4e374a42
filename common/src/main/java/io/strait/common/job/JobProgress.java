package io.strait.common.job;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How far a set of jobs got, read from the state store in one go (for progress lines and reports).
 *
 * @param jobsByState how many of the jobs are in each state (states without jobs absent)
 * @param filesPlanned files in the jobs' current manifests
 * @param bytesPlanned bytes of those files
 * @param filesVerified files of those manifests that are VERIFIED
 * @param bytesVerified bytes of the VERIFIED files
 */
public record JobProgress(Map<JobState, Integer> jobsByState, long filesPlanned, long bytesPlanned,
        long filesVerified, long bytesVerified) {
    public JobProgress {
        Objects.requireNonNull(jobsByState, "jobsByState");
        EnumMap<JobState, Integer> copy = new EnumMap<>(JobState.class);
        copy.putAll(jobsByState);
        jobsByState = Map.copyOf(copy);
    }

    public int jobs() {
        return jobsByState.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Jobs in a {@linkplain JobState#isSettled() settled} state: nothing more will happen to them by itself. */
    public int settled() {
        return jobsByState.entrySet().stream().filter(entry -> entry.getKey().isSettled())
                .mapToInt(Map.Entry::getValue).sum();
    }

    public int inState(JobState state) {
        return jobsByState.getOrDefault(state, 0);
    }

    public boolean allSettled() {
        return settled() == jobs();
    }
}
