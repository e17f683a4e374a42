package io.strait.common.region;

import java.util.Objects;

/**
 * A location in one region, in canonical spelling ({@link Locations#canonical}). Two regions may hold the same path
 * strings, so sets and maps of locations are keyed by this, never by a bare path.
 */
public record RegionLocation(RegionId region, String uri) {
    public RegionLocation {
        Objects.requireNonNull(region, "region");
        uri = Locations.canonical(Objects.requireNonNull(uri, "uri"));
    }

    /** True when this location is {@code root} or lies below it (segment boundaries only), in the same region. */
    public boolean isUnder(RegionLocation root) {
        if (!region.equals(root.region())) {
            return false;
        }
        String parent = root.uri().endsWith("/") ? root.uri() : root.uri() + "/";
        return uri.equals(root.uri()) || uri.startsWith(parent);
    }
}
