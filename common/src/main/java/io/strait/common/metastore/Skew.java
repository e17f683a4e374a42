package io.strait.common.metastore;

import java.util.List;
import java.util.Objects;

/**
 * Hive's skew information (list bucketing): the skewed columns, their skewed values, and for each stored value the
 * directory holding its rows. {@link #NONE} for an object without skew.
 */
public record Skew(List<String> columns, List<List<String>> values, List<SkewedLocation> locations) {
    public static final Skew NONE = new Skew(List.of(), List.of(), List.of());

    public Skew {
        columns = List.copyOf(Objects.requireNonNullElse(columns, List.of()));
        values = Objects.requireNonNullElse(values, List.<List<String>>of()).stream().map(List::copyOf).toList();
        locations = List.copyOf(Objects.requireNonNullElse(locations, List.of()));
    }

    public boolean isNone() {
        return columns.isEmpty() && values.isEmpty() && locations.isEmpty();
    }

    /** {@code locations} rewritten by {@code mapping} (e.g. onto the target region's roots). */
    public Skew withLocations(java.util.function.UnaryOperator<String> mapping) {
        return new Skew(columns, values, locations.stream()
                .map(location -> new SkewedLocation(location.values(), mapping.apply(location.location()))).toList());
    }

    /** The directory that holds the rows of one skewed value combination. */
    public record SkewedLocation(List<String> values, String location) {
        public SkewedLocation {
            values = List.copyOf(Objects.requireNonNull(values, "values"));
            Objects.requireNonNull(location, "location");
        }
    }
}
