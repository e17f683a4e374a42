package io.strait.common.metastore;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parameters Strait writes on every replica object, the parameters a metastore sets itself, and so the
 * parameters that replication copies and reconcile compares: all but {@code strait.*} and {@link #METASTORE_SET}.
 */
public final class StraitParameters {
    /** Prefix of every parameter Strait owns. */
    public static final String PREFIX = "strait.";
    public static final String SOURCE_REGION = "strait.source.region";
    public static final String SOURCE_EVENT_ID = "strait.source.event-id";
    public static final String SOURCE_LOCATION = "strait.source.location";
    public static final String REPLICATED_AT = "strait.replicated-at";

    /** Where a replica records the source's table type when it had to differ (see {@link ReplicaForm}). */
    public static final String SOURCE_TABLE_TYPE = "strait.source.table-type";

    /**
     * Parameters every metastore sets itself on each write (DDL and modification times and users): a replica cannot
     * carry the source's values, so they are neither copied nor compared. Everything else is copied exactly and
     * compared, the basic statistics included ({@link #BASIC_STATISTICS}).
     */
    public static final Set<String> METASTORE_SET = Set.of(
            "transient_lastDdlTime",
            "last_modified_time",
            "last_modified_by");

    /** Hive's basic statistics parameters: copied exactly; a difference is a statistics drift. */
    public static final Set<String> BASIC_STATISTICS = Set.of(
            "numFiles",
            "numFilesErasureCoded",
            "totalSize",
            "numRows",
            "rawDataSize",
            "COLUMN_STATS_ACCURATE");

    /**
     * Basic statistics a Hive Metastore 3.1 does not know and a 4.x metastore records as {@code 0} on every object
     * with statistics (there was no erasure coding to count): absent and {@code 0} mean the same, so a replica of a
     * 3.1 object in a 4.x metastore (or back) is not a statistics drift for it.
     */
    public static final Set<String> ZERO_WHEN_ABSENT = Set.of("numFilesErasureCoded");

    private StraitParameters() {
    }

    /** True for parameters that reconcile does not compare. */
    public static boolean isIgnoredByReconcile(String key) {
        return key.startsWith(PREFIX) || METASTORE_SET.contains(key);
    }

    /** The parameters reconcile compares: everything but {@link #isIgnoredByReconcile} keys, sorted. */
    public static Map<String, String> comparable(Map<String, String> parameters) {
        Map<String, String> result = new TreeMap<>();
        parameters.forEach((key, value) -> {
            if (!isIgnoredByReconcile(key)) {
                result.put(key, value);
            }
        });
        return result;
    }

    /** The source event id recorded on a replica, or -1 when the object was not written by Strait. */
    public static long sourceEventId(Map<String, String> parameters) {
        String value = parameters.get(SOURCE_EVENT_ID);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notStrait) {
            return -1;
        }
    }
}
