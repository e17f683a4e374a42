package io.strait.common.metastore;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parameters Strait writes on every replica object, and the parameters reconcile ignores when comparing a
 * source object with its replica.
 */
public final class StraitParameters {
    /** Prefix of every parameter Strait owns. */
    public static final String PREFIX = "strait.";
    public static final String SOURCE_REGION = "strait.source.region";
    public static final String SOURCE_EVENT_ID = "strait.source.event-id";
    public static final String SOURCE_LOCATION = "strait.source.location";
    public static final String REPLICATED_AT = "strait.replicated-at";

    /**
     * Parameters the metastore maintains itself, which legitimately differ between a source object and its replica
     * (DDL times, statistics recomputed per region). Reconcile ignores them and every {@code strait.*} parameter.
     * The metastore's {@code EXTERNAL} flag is compared (it is part of the table type).
     */
    public static final Set<String> VOLATILE = Set.of(
            "transient_lastDdlTime",
            "last_modified_time",
            "last_modified_by",
            "numFiles",
            "numFilesErasureCoded",
            "totalSize",
            "numRows",
            "rawDataSize",
            "COLUMN_STATS_ACCURATE",
            "external.table.purge",
            "TRANSLATED_TO_EXTERNAL");

    private StraitParameters() {
    }

    /** True for parameters that reconcile does not compare. */
    public static boolean isIgnoredByReconcile(String key) {
        return key.startsWith(PREFIX) || VOLATILE.contains(key);
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
