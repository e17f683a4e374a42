package io.strait.listener;

import io.strait.common.metastore.ReplicatedCatalog;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.hive.metastore.events.ListenerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets through the events of the catalog Strait replicates ({@link ReplicatedCatalog}); the others are not recorded.
 * The first event of each other catalog is logged at INFO, the next ones at DEBUG.
 */
final class CatalogFilter {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogFilter.class);

    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** Whether {@code event}, of an object in {@code catalog}, is recorded. */
    boolean admits(String catalog, ListenerEvent event) {
        if (ReplicatedCatalog.contains(catalog)) {
            return true;
        }
        if (reported.add(catalog.toLowerCase(Locale.ROOT))) {
            LOG.info("Strait listener records catalog '{}' only: events in catalog '{}' are not recorded (the first:"
                    + " a {})", ReplicatedCatalog.NAME, catalog, event.getClass().getSimpleName());
        } else {
            LOG.debug("Strait listener does not record a {} in catalog '{}'", event.getClass().getSimpleName(),
                    catalog);
        }
        return false;
    }
}
