package io.strait.common.metastore;

import java.util.Map;
import java.util.Objects;

/**
 * A database as a metastore holds it. {@code location} may be empty when the metastore chose it;
 * {@code managedLocation} (Hive Metastore 4's {@code MANAGEDLOCATION}, where its managed tables go) is empty when the
 * database has none of its own (and always on 3.1).
 */
public record DatabaseSnapshot(String name, String location, String description, Map<String, String> parameters,
        Owner owner, String managedLocation) {
    public DatabaseSnapshot {
        Objects.requireNonNull(name, "name");
        location = location == null ? "" : location;
        managedLocation = managedLocation == null ? "" : managedLocation;
        description = description == null ? "" : description;
        parameters = Map.copyOf(Objects.requireNonNullElse(parameters, Map.of()));
        owner = Objects.requireNonNullElse(owner, Owner.NONE);
    }

    /** A database without a managed location of its own. */
    public DatabaseSnapshot(String name, String location, String description, Map<String, String> parameters,
            Owner owner) {
        this(name, location, description, parameters, owner, "");
    }

    /** A database without a recorded owner. */
    public DatabaseSnapshot(String name, String location, String description, Map<String, String> parameters) {
        this(name, location, description, parameters, Owner.NONE);
    }

    public DatabaseSnapshot withParameters(Map<String, String> newParameters) {
        return new DatabaseSnapshot(name, location, description, newParameters, owner, managedLocation);
    }

    public DatabaseSnapshot withOwner(Owner newOwner) {
        return new DatabaseSnapshot(name, location, description, parameters, newOwner, managedLocation);
    }
}
