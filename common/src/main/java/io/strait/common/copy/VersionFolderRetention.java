package io.strait.common.copy;

import io.strait.common.job.JobState;
import io.strait.common.region.RegionLocation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Whether a version folder in a target region may be deleted now. Pure: the facts come from the state store (the
 * jobs of the folder's object), the target metastore (what live tables and partitions point at) and the
 * configuration (the roots Strait maps into the region).
 *
 * <p>A folder is deleted only if all of these hold; the first that does not is the reason it is kept:
 * <ol>
 *   <li>Strait wrote it: its name is exactly {@code _strait_v<job>_<attempt>} ({@link VersionFolders#parse}) and it
 *       lies below a root Strait maps into the region ({@link Verdict#KEEP_FOREIGN}).</li>
 *   <li>No live table or partition of the target points at it ({@link Verdict#KEEP_LIVE}).</li>
 *   <li>No job of its object is in flight: a running job may be publishing it or reusing its files
 *       ({@link Verdict#KEEP_IN_FLIGHT}).</li>
 *   <li>It is known to be out of use, and since when ({@link Verdict#KEEP_UNEXPLAINED} otherwise): a folder its job
 *       published was replaced (or dropped) by the first SUCCEEDED job of the object after it, at that job's commit;
 *       a folder its job never published (a failed attempt, a job FAILED, SUPERSEDED, CANCELLED or UNVERIFIABLE)
 *       went out of use when that job settled; a folder whose job the state store no longer keeps is judged by the
 *       first SUCCEEDED job after it.</li>
 *   <li>That was at least {@code delay} ago, so readers that planned a query on the old version finished
 *       ({@link Verdict#KEEP_TOO_RECENT}).</li>
 * </ol>
 * Everything unknown keeps the folder: a folder written after the facts were read has no job in them and nothing
 * after it, so it is {@code KEEP_UNEXPLAINED}.
 */
public final class VersionFolderRetention {
    private VersionFolderRetention() {
    }

    public enum Verdict {
        DELETE, KEEP_FOREIGN, KEEP_LIVE, KEEP_IN_FLIGHT, KEEP_UNEXPLAINED, KEEP_TOO_RECENT
    }

    /** The verdict and why. */
    public record Decision(Verdict verdict, String reason) {
        public boolean delete() {
            return verdict == Verdict.DELETE;
        }
    }

    /** A job of the folder's object (or a drop of its table or database) as the state store knows it. */
    public record JobFact(long jobId, JobState state, String targetLocation, long committedAtMillis,
            long updatedAtMillis) {
        public JobFact {
            Objects.requireNonNull(state, "state");
            targetLocation = Objects.requireNonNullElse(targetLocation, "");
        }
    }

    /**
     * What is known around a folder: the jobs of its object, the locations live tables and partitions of the target
     * point at, and the roots Strait maps into the target region.
     */
    public record Facts(List<JobFact> jobs, Set<RegionLocation> live, List<RegionLocation> mappedRoots) {
        public Facts {
            jobs = List.copyOf(jobs);
            live = Set.copyOf(live);
            mappedRoots = List.copyOf(mappedRoots);
        }
    }

    public static Decision decide(RegionLocation folder, Facts facts, long nowMillis, Duration delay) {
        Optional<VersionFolders.Name> name = VersionFolders.parse(folder.uri());
        if (name.isEmpty() || facts.mappedRoots().stream().noneMatch(root -> !root.equals(folder)
                && folder.isUnder(root))) {
            return keep(Verdict.KEEP_FOREIGN, "not a version folder Strait wrote under a mapped root");
        }
        if (facts.live().contains(folder)) {
            return keep(Verdict.KEEP_LIVE, "a live table or partition points at it");
        }
        Optional<JobFact> inFlight = facts.jobs().stream().filter(job -> !job.state().isSettled()).findFirst();
        if (inFlight.isPresent()) {
            return keep(Verdict.KEEP_IN_FLIGHT, "job " + inFlight.get().jobId() + " of its object is "
                    + inFlight.get().state());
        }
        OptionalLong outOfUseSince = outOfUseSince(folder, name.get(), facts.jobs());
        if (outOfUseSince.isEmpty()) {
            return keep(Verdict.KEEP_UNEXPLAINED, "no job explains why it is out of use (job " + name.get().jobId()
                    + " and nothing after it)");
        }
        long due = outOfUseSince.getAsLong() + delay.toMillis();
        if (due > nowMillis) {
            return keep(Verdict.KEEP_TOO_RECENT, "out of use since " + outOfUseSince.getAsLong() + ", deletable from "
                    + due);
        }
        return new Decision(Verdict.DELETE, "out of use since " + outOfUseSince.getAsLong() + " (ms)");
    }

    private static OptionalLong outOfUseSince(RegionLocation folder, VersionFolders.Name name, List<JobFact> jobs) {
        Optional<JobFact> writer = jobs.stream().filter(job -> job.jobId() == name.jobId()).findFirst();
        boolean published = writer.isPresent() && writer.get().state() == JobState.SUCCEEDED
                && new RegionLocation(folder.region(), writer.get().targetLocation()).equals(folder);
        if (writer.isPresent() && !published) {
            return OptionalLong.of(writer.get().updatedAtMillis());
        }
        return jobs.stream().filter(job -> job.jobId() > name.jobId() && job.state() == JobState.SUCCEEDED
                && job.committedAtMillis() > 0).mapToLong(JobFact::committedAtMillis).min();
    }

    private static Decision keep(Verdict verdict, String reason) {
        return new Decision(verdict, reason);
    }
}
