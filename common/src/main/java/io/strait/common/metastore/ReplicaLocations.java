package io.strait.common.metastore;

import io.strait.common.copy.VersionFolders;
import io.strait.common.region.Locations;
import io.strait.common.region.PathMapper;
import java.util.Objects;
import java.util.Optional;

/**
 * Where replicas lie in the target region, given the source's locations: one rule, used by replication to place
 * databases and tables and by reconcile to judge them. Pure.
 *
 * <ul>
 *   <li>A database's location and its managed location (Hive Metastore 4): the source's, mapped to the target's
 *       roots; none when the source has none or it lies under no root both regions declare (the target metastore
 *       then chooses, and reconcile does not judge it).</li>
 *   <li>A partitioned table, or one published without data: the source's location, mapped. A view: none.</li>
 *   <li>Data (an unpartitioned table's, a partition's): a Strait version folder ({@link VersionFolders}). It is
 *       written below the mapped location and stays where it is when its table is renamed in place, so any Strait
 *       version folder is in place; an unpartitioned table may also lie at its mapped location itself.</li>
 * </ul>
 */
public final class ReplicaLocations {
    private final PathMapper mapper;

    /** Locations by the link's mapping from the source's roots to the target's. */
    public ReplicaLocations(PathMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** A database location (or managed location) in the target: the source's mapped; empty: none of Strait's. */
    public Optional<String> database(String sourceLocation) {
        return sourceLocation.isEmpty() ? Optional.empty() : mapper.tryMap(sourceLocation);
    }

    /** Why the replica table does not lie where Strait places it; empty when it does. */
    public Optional<String> misplacedTable(TableSnapshot source, TableSnapshot replica) {
        if (source.isView() || source.location().isEmpty()) {
            return Optional.empty();
        }
        String location = Locations.canonical(replica.location());
        if (!source.isPartitioned() && VersionFolders.parse(location).isPresent()) {
            return Optional.empty();
        }
        Optional<String> mapped = mapper.tryMap(source.location());
        if (mapped.isEmpty()) {
            return Optional.of("the source location " + source.location()
                    + " lies under no root both regions declare");
        }
        if (mapped.get().equals(location)) {
            return Optional.empty();
        }
        return Optional.of(source.isPartitioned() ? "expected " + mapped.get() + ", found " + location
                : "expected a Strait version folder below " + mapped.get() + ", found " + location);
    }

    /** Why a replica partition's location is not a Strait version folder; empty when it is. */
    public Optional<String> misplacedPartition(String replicaLocation) {
        String location = Locations.canonical(replicaLocation);
        return VersionFolders.parse(location).isPresent() ? Optional.empty()
                : Optional.of("expected a Strait version folder, found " + (location.isEmpty() ? "none" : location));
    }
}
