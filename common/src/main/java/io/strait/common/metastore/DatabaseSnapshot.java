package io.strait.common.metastore;

import java.util.Map;
import java.util.Objects;

/** A database as a metastore holds it. {@code location} may be empty when the metastore chose it. */
public record DatabaseSnapshot(String name, String location, String description, Map<String, String> parameters) {
    public DatabaseSnapshot {
        Objects.requireNonNull(name, "name");
        location = location == null ? "" : location;
        description = description == null ? "" : description;
        parameters = Map.copyOf(Objects.requireNonNullElse(parameters, Map.of()));
    }
}
