package io.strait.common.metastore;

import java.util.Locale;

/**
 * The one metastore catalog Strait replicates: {@code hive}, the default catalog, which Hive, Spark and Strait's own
 * metastore clients address when they name none. Events, jobs and snapshots name databases and tables without a
 * catalog, so a change in another catalog (such as the {@code spark} catalog some distributions keep beside
 * {@code hive}, where the same database and table names may exist) would otherwise replicate, or drop, the
 * {@code hive} object of the same name. Both the listener and the notification-log cross-check apply this rule.
 */
public final class ReplicatedCatalog {
    public static final String NAME = "hive";

    private ReplicatedCatalog() {
    }

    /** Whether {@code catalog} is the replicated one; an object without a catalog (from a client older than catalogs) is. */
    public static boolean contains(String catalog) {
        return catalog == null || catalog.isEmpty() || NAME.equals(catalog.toLowerCase(Locale.ROOT));
    }
}
