package io.strait.common.metastore;

import java.util.Map;
import java.util.Objects;

/** A partition as a metastore holds it. */
public record PartitionSnapshot(PartitionRef ref, String location, StorageFormat storage,
        Map<String, String> parameters) {
    public PartitionSnapshot {
        Objects.requireNonNull(ref, "ref");
        location = location == null ? "" : location;
        storage = Objects.requireNonNullElse(storage, new StorageFormat("", "", "", Map.of()));
        parameters = Map.copyOf(Objects.requireNonNullElse(parameters, Map.of()));
    }

    public PartitionSnapshot withLocation(String newLocation) {
        return new PartitionSnapshot(ref, newLocation, storage, parameters);
    }

    public PartitionSnapshot withParameters(Map<String, String> newParameters) {
        return new PartitionSnapshot(ref, location, storage, newParameters);
    }
}
