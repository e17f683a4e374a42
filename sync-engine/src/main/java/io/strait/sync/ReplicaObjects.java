package io.strait.sync;

import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.ReplicaForm;
import io.strait.common.metastore.ReplicaLocations;
import io.strait.common.metastore.StraitParameters;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.publish.PublishContext;
import io.strait.common.region.PathMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds the replica objects written into the target metastore from the source snapshots: the source's every field
 * as {@link ReplicaForm} rules, locations mapped to the target's roots (data in version folders), and Strait's
 * parameters on every object. Views are metadata only: no location. Pure.
 */
public final class ReplicaObjects {
    private final PathMapper pathMapper;
    private final ReplicaLocations locations;

    public ReplicaObjects(PathMapper pathMapper) {
        this.pathMapper = Objects.requireNonNull(pathMapper, "pathMapper");
        this.locations = new ReplicaLocations(pathMapper);
    }

    /**
     * The database with its locations as {@link ReplicaLocations#database} places them (else none); a remote one
     * stays remote, on the target's data connector of the same name.
     */
    public DatabaseSnapshot database(DatabaseSnapshot source, PublishContext context) {
        DatabaseSnapshot form = ReplicaForm.database(source);
        return new DatabaseSnapshot(source.name(), locations.database(source.location()).orElse(""),
                form.description(), withStrait(form.parameters(), context, source.location()), form.owner(),
                locations.database(source.managedLocation()).orElse(""), source.remote());
    }

    /** A database Strait creates for a table whose database was not replicated yet: no location. */
    public DatabaseSnapshot implicitDatabase(String name, PublishContext context) {
        return new DatabaseSnapshot(name, "", "Created by Strait for replicas from region " + context.sourceRegion(),
                withStrait(Map.of(), context, ""));
    }

    /**
     * The replica table, located at {@code versionFolder} when given (an unpartitioned table's data version) or else
     * at the source location mapped to the target; a view has no location.
     */
    public TableSnapshot table(TableSnapshot source, String versionFolder, PublishContext context) {
        TableSnapshot form = ReplicaForm.table(source);
        Map<String, String> parameters = withStrait(form.parameters(), context, source.location());
        parameters.putAll(ReplicaForm.typeRecord(source));
        String location = source.location().isEmpty() ? ""
                : versionFolder.isEmpty() ? pathMapper.map(source.location()) : versionFolder;
        return form.withLocation(location).withParameters(parameters)
                .withStorage(ReplicaForm.relocated(form.storage(), source.location(), location));
    }

    /** The replica partition, with its own columns and storage, located at {@code versionFolder}. */
    public PartitionSnapshot partition(PartitionSnapshot source, String versionFolder, PublishContext context) {
        PartitionSnapshot form = ReplicaForm.partition(source);
        return form.withLocation(versionFolder)
                .withParameters(withStrait(form.parameters(), context, source.location()))
                .withStorage(ReplicaForm.relocated(form.storage(), source.location(), versionFolder));
    }

    /** Strait's own parameters for an object replicated from {@code sourceLocation}. */
    public static Map<String, String> straitParameters(PublishContext context, String sourceLocation) {
        Map<String, String> parameters = new TreeMap<>();
        parameters.put(StraitParameters.SOURCE_REGION, context.sourceRegion().name());
        parameters.put(StraitParameters.SOURCE_EVENT_ID, Long.toString(context.sourceEventId()));
        parameters.put(StraitParameters.SOURCE_LOCATION, sourceLocation);
        parameters.put(StraitParameters.REPLICATED_AT, Instant.ofEpochMilli(context.replicatedAtMillis()).toString());
        return parameters;
    }

    private static Map<String, String> withStrait(Map<String, String> parameters, PublishContext context,
            String sourceLocation) {
        Map<String, String> result = new TreeMap<>(parameters);
        result.putAll(straitParameters(context, sourceLocation));
        return result;
    }
}
