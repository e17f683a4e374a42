package io.strait.common.metastore;

import java.util.Map;
import java.util.Objects;

/**
 * A database as a metastore holds it. {@code location} (and {@code managedLocation}) may be empty when the metastore
 * chose it.
 */
public record DatabaseSnapshot(String name, String location, String description, Map<String, String> parameters,
        Owner owner) {
    public DatabaseSnapshot {
        Objects.requireNonNull(name, "name");
        location = location == null ? "" : location;
        description = description == null ? "" : description;
        parameters = Map.copyOf(Objects.requireNonNullElse(parameters, Map.of()));
        owner = Objects.requireNonNullElse(owner, Owner.NONE);
    }

    /** A database without a recorded owner. */
    public DatabaseSnapshot(String name, String location, String description, Map<String, String> parameters) {
        this(name, location, description, parameters, Owner.NONE);
    }

    public DatabaseSnapshot withParameters(Map<String, String> newParameters) {
        return new DatabaseSnapshot(name, location, description, newParameters, owner);
    }

    public DatabaseSnapshot withOwner(Owner newOwner) {
        return new DatabaseSnapshot(name, location, description, parameters, newOwner);
    }
}
