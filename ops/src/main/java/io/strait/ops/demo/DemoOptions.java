package io.strait.ops.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run the demo.
 *
 * @param workspace where regions, warehouses, logs and the embedded store live (kept afterwards)
 * @param externalStoreUrl a MySQL JDBC URL to use instead of the embedded MariaDB, or empty
 * @param storeUser user of the external store
 * @param storePassword password of the external store
 * @param partitions partitions created in the first batch (at least 20)
 * @param timeout how long to wait for replication to drain
 */
public record DemoOptions(Path workspace, String externalStoreUrl, String storeUser, String storePassword,
        int partitions, Duration timeout) {
    public boolean usesExternalStore() {
        return !externalStoreUrl.isEmpty();
    }
}
