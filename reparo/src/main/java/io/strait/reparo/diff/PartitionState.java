package io.strait.reparo.diff;

import io.strait.common.metastore.StorageFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One partition as reconcile saw it: its metastore values, current location, storage and parameters, and the live
 * files at that location. The location is kept for reports only: source and replica locations differ by design
 * (mapped roots and version folders), so the diff never compares them.
 */
public record PartitionState(List<String> values, String location, StorageFormat storage,
        Map<String, String> parameters, List<FileState> files) {
    public PartitionState {
        values = List.copyOf(Objects.requireNonNull(values, "values"));
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a partition has at least one value");
        }
        location = location == null ? "" : location;
        storage = Objects.requireNonNullElse(storage, new StorageFormat("", "", "", Map.of()));
        parameters = Map.copyOf(Objects.requireNonNullElse(parameters, Map.of()));
        files = List.copyOf(Objects.requireNonNullElse(files, List.of()));
        requireUniquePaths(files, "partition " + values);
    }

    static void requireUniquePaths(List<FileState> files, String owner) {
        Set<String> seen = new HashSet<>();
        for (FileState file : files) {
            if (!seen.add(file.relativePath())) {
                throw new IllegalArgumentException(owner + " lists file " + file.relativePath() + " twice");
            }
        }
    }
}
