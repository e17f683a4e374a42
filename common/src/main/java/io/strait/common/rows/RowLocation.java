package io.strait.common.rows;

import io.strait.common.region.RegionId;
import java.util.Objects;

/** Where one side's rows of a table or partition live: the region, the object's current location, its format. */
public record RowLocation(RegionId region, String location, RowFormat format) {
    public RowLocation {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(format, "format");
        if (location.isBlank()) {
            throw new IllegalArgumentException("a row location needs a location");
        }
    }
}
