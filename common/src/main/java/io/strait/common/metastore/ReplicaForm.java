package io.strait.common.metastore;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a faithful replica of a source object looks like, apart from its location (mapped to the target's roots, and
 * a version folder for data) and Strait's own {@code strait.*} parameters. One rule, used by replication to build
 * replicas and by reconcile to judge them. Pure.
 *
 * <ul>
 *   <li>Every field is the source's: columns (a partition's own), partition keys, storage (formats, serde and its
 *       parameters, bucketing, sort columns, skew, stored-as-subdirectories, descriptor parameters), owner, view
 *       text, description, and every parameter but {@link StraitParameters#METASTORE_SET} (set by each metastore
 *       itself).</li>
 *   <li>One documented exception: a {@code MANAGED_TABLE} source (not transactional; transactional tables are
 *       blocked) is replicated as an {@code EXTERNAL_TABLE} with {@code EXTERNAL=TRUE} and
 *       {@code external.table.purge=TRUE}, recording the source's type in {@link StraitParameters#SOURCE_TABLE_TYPE}:
 *       a replica's data lives in version folders that Strait publishes and housekeeps, and a managed replica would
 *       let the target metastore move them. This is the translation Hive Metastore 4 itself applies to
 *       non-transactional managed tables, and a user dropping the replica still deletes its data as with a managed
 *       table.</li>
 *   <li>Skewed-value locations are kept relative to the object's own location, so they follow it into the
 *       replica's version folder.</li>
 * </ul>
 */
public final class ReplicaForm {
    /** When TRUE, dropping an external table deletes its data, as dropping a managed table does. */
    public static final String EXTERNAL_TABLE_PURGE = "external.table.purge";

    private ReplicaForm() {
    }

    public static DatabaseSnapshot database(DatabaseSnapshot source) {
        return source.withParameters(parameters(source.parameters()));
    }

    public static TableSnapshot table(TableSnapshot source) {
        Map<String, String> parameters = parameters(source.parameters());
        if (TableSnapshot.MANAGED_TABLE.equals(source.tableType())) {
            parameters.put("EXTERNAL", "TRUE");
            parameters.put(EXTERNAL_TABLE_PURGE, "TRUE");
            return source.withTableType(TableSnapshot.EXTERNAL_TABLE).withParameters(parameters);
        }
        return source.withParameters(parameters);
    }

    public static PartitionSnapshot partition(PartitionSnapshot source) {
        return source.withParameters(parameters(source.parameters()));
    }

    /** Strait's record of a source type the replica could not keep, or nothing. */
    public static Map<String, String> typeRecord(TableSnapshot source) {
        return TableSnapshot.MANAGED_TABLE.equals(source.tableType())
                ? Map.of(StraitParameters.SOURCE_TABLE_TYPE, source.tableType()) : Map.of();
    }

    /** {@code storage} with its skewed-value locations moved from below {@code from} to below {@code to}. */
    public static StorageFormat relocated(StorageFormat storage, String from, String to) {
        if (storage.skew().locations().isEmpty()) {
            return storage;
        }
        String prefix = from.endsWith("/") ? from : from + "/";
        String target = to.endsWith("/") ? to.substring(0, to.length() - 1) : to;
        return storage.withSkew(storage.skew().withLocations(location -> location.startsWith(prefix)
                ? target + "/" + location.substring(prefix.length())
                : location.equals(from) ? target : location), storage.storedAsSubDirectories());
    }

    /** The source's parameters that a replica carries: all but {@code strait.*} and the metastore-set ones. */
    public static Map<String, String> parameters(Map<String, String> source) {
        return new TreeMap<>(StraitParameters.comparable(source));
    }
}
