package io.strait.common.metastore;

import java.util.Map;
import java.util.Objects;

/**
 * A database as a metastore holds it. {@code location} may be empty when the metastore chose it;
 * {@code managedLocation} (Hive Metastore 4's {@code MANAGEDLOCATION}, where its managed tables go) is empty when the
 * database has none of its own (and always on 3.1); {@code remote} says where a Hive Metastore 4 remote database's
 * tables come from ({@link RemoteSource#NONE}: a native database).
 */
public record DatabaseSnapshot(String name, String location, String description, Map<String, String> parameters,
        Owner owner, String managedLocation, RemoteSource remote) {
    public DatabaseSnapshot {
        Objects.requireNonNull(name, "name");
        location = location == null ? "" : location;
        managedLocation = managedLocation == null ? "" : managedLocation;
        description = description == null ? "" : description;
        parameters = Map.copyOf(Objects.requireNonNullElse(parameters, Map.of()));
        owner = Objects.requireNonNullElse(owner, Owner.NONE);
        remote = Objects.requireNonNullElse(remote, RemoteSource.NONE);
    }

    /** A native database. */
    public DatabaseSnapshot(String name, String location, String description, Map<String, String> parameters,
            Owner owner, String managedLocation) {
        this(name, location, description, parameters, owner, managedLocation, RemoteSource.NONE);
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
        return new DatabaseSnapshot(name, location, description, newParameters, owner, managedLocation, remote);
    }

    public DatabaseSnapshot withOwner(Owner newOwner) {
        return new DatabaseSnapshot(name, location, description, parameters, newOwner, managedLocation, remote);
    }

    /** This database as a Hive Metastore 3.1 can hold it: no managed location, native. */
    public DatabaseSnapshot withoutHive4Fields() {
        return new DatabaseSnapshot(name, location, description, parameters, owner, "", RemoteSource.NONE);
    }

    /** This database as a remote one whose tables come from {@code source}. */
    public DatabaseSnapshot withRemote(RemoteSource source) {
        return new DatabaseSnapshot(name, location, description, parameters, owner, managedLocation, source);
    }
}
