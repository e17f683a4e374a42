package io.strait.common.region;

import io.strait.common.error.StraitException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps a location of the source region to the same place in the target region. Each region declares named roots
 * (e.g. {@code external: hdfs://nn-a/warehouse/external}); a source location under source root {@code R} maps to
 * the target's root of the same name, keeping the path below the root. The longest matching root wins; roots match
 * on path-segment boundaries only. A pure function.
 */
public final class PathMapper {
    private final RegionId source;
    private final RegionId target;
    private final Map<String, String> sourceRoots;
    private final Map<String, String> targetRoots;

    public PathMapper(RegionId source, Map<String, String> sourceRoots, RegionId target,
            Map<String, String> targetRoots) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.sourceRoots = normalized(sourceRoots);
        this.targetRoots = normalized(targetRoots);
    }

    /** The target location for {@code sourceLocation}; a user error if it lies under no mapped root. */
    public String map(String sourceLocation) {
        return tryMap(sourceLocation).orElseThrow(() -> StraitException.userError(String.format(
                "Cannot map location %s from region %s to region %s: it lies under none of %s's roots %s that "
                        + "%s also declares. Add a root of the same name to both regions (regions.<name>.roots)",
                sourceLocation, source, target, source, sourceRoots, target)));
    }

    public Optional<String> tryMap(String sourceLocation) {
        String location = Locations.canonical(Objects.requireNonNull(sourceLocation, "sourceLocation"));
        return sourceRoots.entrySet().stream()
                .filter(root -> targetRoots.containsKey(root.getKey()))
                .filter(root -> isUnder(location, root.getValue()))
                .max(Comparator.comparingInt(root -> root.getValue().length()))
                .map(root -> below(targetRoots.get(root.getKey()), location.substring(root.getValue().length())));
    }

    private static boolean isUnder(String location, String root) {
        return location.equals(root) || location.startsWith(root.endsWith("/") ? root : root + "/");
    }

    private static String below(String targetRoot, String rest) {
        String relative = rest.startsWith("/") ? rest.substring(1) : rest;
        return relative.isEmpty() ? targetRoot : RegionFileSystem.resolve(targetRoot, relative);
    }

    private static Map<String, String> normalized(Map<String, String> roots) {
        Map<String, String> copy = new LinkedHashMap<>();
        roots.forEach((name, uri) -> copy.put(name, Locations.canonical(uri)));
        return Map.copyOf(copy);
    }
}
