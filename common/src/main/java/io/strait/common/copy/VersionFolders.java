package io.strait.common.copy;

import io.strait.common.region.RegionFileSystem;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the version folders a replica's data is published into. Each publish writes a complete new folder
 * {@code <mapped location>/_strait_v<job id>_<attempt>}; a folder is never reused, so a retried or concurrent
 * writer can never mix files into a version readers already see. The leading underscore hides version folders
 * from path-based readers that list the mapped location (Hive and Spark skip {@code _} entries): replicas are read
 * through the metastore.
 */
public final class VersionFolders {
    public static final String PREFIX = "_strait_v";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "([1-9][0-9]*)_([1-9][0-9]*)");

    private VersionFolders() {
    }

    public static String versionFolder(String mappedLocation, long jobId, int attempt) {
        if (jobId <= 0 || attempt <= 0) {
            throw new IllegalArgumentException("job id and attempt must be positive: " + jobId + ", " + attempt);
        }
        return RegionFileSystem.resolve(mappedLocation, PREFIX + jobId + "_" + attempt);
    }

    /** The job and attempt of a version folder, from its name. */
    public record Name(long jobId, int attempt) {
    }

    /**
     * The job and attempt of {@code location} when its last segment is exactly {@code _strait_v<job>_<attempt>}
     * (positive numbers, no other characters); empty otherwise.
     */
    public static Optional<Name> parse(String location) {
        String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        Matcher matcher = NAME.matcher(trimmed.substring(trimmed.lastIndexOf('/') + 1));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            long jobId = Long.parseLong(matcher.group(1));
            int attempt = Integer.parseInt(matcher.group(2));
            return jobId > 0 && attempt > 0 ? Optional.of(new Name(jobId, attempt)) : Optional.empty();
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }

    public static boolean isVersionFolder(String location) {
        String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1).startsWith(PREFIX);
    }
}
