package io.strait.common.copy;

import io.strait.common.region.RegionFileSystem;

/**
 * Names of the version folders a replica's data is published into. Each publish writes a complete new folder
 * {@code <mapped location>/_strait_v<job id>_<attempt>}; a folder is never reused, so a retried or concurrent
 * writer can never mix files into a version readers already see. The leading underscore hides version folders
 * from path-based readers that list the mapped location (Hive and Spark skip {@code _} entries): replicas are read
 * through the metastore.
 */
public final class VersionFolders {
    public static final String PREFIX = "_strait_v";

    private VersionFolders() {
    }

    public static String versionFolder(String mappedLocation, long jobId, int attempt) {
        if (jobId <= 0 || attempt <= 0) {
            throw new IllegalArgumentException("job id and attempt must be positive: " + jobId + ", " + attempt);
        }
        return RegionFileSystem.resolve(mappedLocation, PREFIX + jobId + "_" + attempt);
    }

    public static boolean isVersionFolder(String location) {
        String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1).startsWith(PREFIX);
    }
}
