package io.strait.common.region;

import java.util.Objects;
import java.util.regex.Pattern;

/** The name of a region, e.g. {@code us-east}. Lower case letters, digits and dashes. */
public record RegionId(String name) implements Comparable<RegionId> {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    public RegionId {
        Objects.requireNonNull(name, "name");
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid region name '" + name
                    + "': use lower case letters, digits and dashes, starting with a letter");
        }
    }

    public static RegionId of(String name) {
        return new RegionId(name);
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    @Override
    public int compareTo(RegionId other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
