package io.strait.reparo.scan;

import java.util.List;
import java.util.Objects;

/**
 * Which files reconcile ignores: those Hive readers ignore, i.e. whose path below the object's location has a
 * segment starting with one of the prefixes ({@code _SUCCESS}, {@code .staging/...}, {@code _temporary/0/...}).
 * Only the path below the location is looked at: a location that is itself a Strait version folder
 * ({@code .../_strait_v<job>_<attempt>}) is listed as usual. A pure function.
 */
public final class HiddenFiles {
    /** Hive's rule: {@code _} and {@code .}. */
    public static final HiddenFiles HIVE = new HiddenFiles(List.of("_", "."));

    private final List<String> prefixes;

    public HiddenFiles(List<String> prefixes) {
        this.prefixes = List.copyOf(Objects.requireNonNull(prefixes, "prefixes"));
        for (String prefix : this.prefixes) {
            if (prefix.isEmpty() || prefix.contains("/")) {
                throw new IllegalArgumentException("a hidden-file prefix is a non-empty name prefix without '/': '"
                        + prefix + "'");
            }
        }
    }

    /** Nothing is hidden: every file is compared. */
    public static HiddenFiles none() {
        return new HiddenFiles(List.of());
    }

    public List<String> prefixes() {
        return prefixes;
    }

    /** True when a segment of {@code relativePath} ('/'-separated, below the location) starts with a prefix. */
    public boolean isHidden(String relativePath) {
        if (prefixes.isEmpty()) {
            return false;
        }
        int start = 0;
        while (start <= relativePath.length()) {
            int end = relativePath.indexOf('/', start);
            if (end < 0) {
                end = relativePath.length();
            }
            if (segmentIsHidden(relativePath, start)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private boolean segmentIsHidden(String path, int segmentStart) {
        for (String prefix : prefixes) {
            if (path.startsWith(prefix, segmentStart)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "HiddenFiles" + prefixes;
    }
}
