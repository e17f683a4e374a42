package io.strait.sync;

import io.strait.common.error.StraitException;
import io.strait.common.metastore.DatabaseSnapshot;
import io.strait.common.metastore.PartitionSnapshot;
import io.strait.common.metastore.StraitParameters;
import io.strait.common.metastore.TableSnapshot;
import io.strait.common.publish.PublishContext;
import io.strait.common.region.PathMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the replica objects written into the target metastore from the source snapshots: locations mapped to the
 * target's roots, tables made EXTERNAL without purge, and Strait's parameters on every object. Pure.
 */
public final class ReplicaObjects {
    /** The metastore flag that makes a table external. */
    public static final String EXTERNAL = "EXTERNAL";
    /** When TRUE the metastore deletes an external table's data on drop; replicas always carry FALSE. */
    public static final String EXTERNAL_TABLE_PURGE = "external.table.purge";
    /** Source parameters not copied: the target metastore sets them itself, or Strait sets them. */
    private static final Set<String> NOT_COPIED = Set.of("transient_lastDdlTime", EXTERNAL_TABLE_PURGE,
            "TRANSLATED_TO_EXTERNAL", EXTERNAL);
    private static final Set<String> VIEW_TYPES = Set.of("VIRTUAL_VIEW", "MATERIALIZED_VIEW");

    private final PathMapper pathMapper;

    public ReplicaObjects(PathMapper pathMapper) {
        this.pathMapper = Objects.requireNonNull(pathMapper, "pathMapper");
    }

    /** The database with its location mapped when the source's lies under a mapped root, else no location. */
    public DatabaseSnapshot database(DatabaseSnapshot source, PublishContext context) {
        String location = source.location().isEmpty() ? "" : pathMapper.tryMap(source.location()).orElse("");
        return new DatabaseSnapshot(source.name(), location, source.description(),
                parameters(source.parameters(), context, source.location()));
    }

    /** A database Strait creates for a table whose database was not replicated yet: no location. */
    public DatabaseSnapshot implicitDatabase(String name, PublishContext context) {
        return new DatabaseSnapshot(name, "", "Created by Strait for replicas from region " + context.sourceRegion(),
                parameters(Map.of(), context, ""));
    }

    /**
     * The replica table, EXTERNAL with purge off, located at {@code versionFolder} when given (an unpartitioned
     * table's data version) or else at the source location mapped to the target.
     */
    public TableSnapshot table(TableSnapshot source, String versionFolder, PublishContext context) {
        if (VIEW_TYPES.contains(source.tableType())) {
            throw StraitException.userError("Cannot replicate " + source.ref() + ": it is a " + source.tableType()
                    + " and Strait replicates tables only. Exclude it from the link");
        }
        String location = versionFolder.isEmpty() ? mappedLocation(source.location()) : versionFolder;
        Map<String, String> parameters = new TreeMap<>(parameters(source.parameters(), context, source.location()));
        parameters.put(EXTERNAL, "TRUE");
        parameters.put(EXTERNAL_TABLE_PURGE, "false");
        return new TableSnapshot(source.ref(), TableSnapshot.EXTERNAL_TABLE, location, source.columns(),
                source.partitionKeys(), source.storage(), parameters, source.owner());
    }

    /** The replica partition located at {@code versionFolder}. */
    public PartitionSnapshot partition(PartitionSnapshot source, String versionFolder, PublishContext context) {
        return new PartitionSnapshot(source.ref(), versionFolder, source.storage(),
                parameters(source.parameters(), context, source.location()));
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

    private String mappedLocation(String sourceLocation) {
        return sourceLocation.isEmpty() ? "" : pathMapper.map(sourceLocation);
    }

    private static Map<String, String> parameters(Map<String, String> source, PublishContext context,
            String sourceLocation) {
        Map<String, String> parameters = new TreeMap<>();
        source.forEach((key, value) -> {
            if (!NOT_COPIED.contains(key) && !key.startsWith(StraitParameters.PREFIX)) {
                parameters.put(key, value);
            }
        });
        parameters.putAll(straitParameters(context, sourceLocation));
        return parameters;
    }
}
