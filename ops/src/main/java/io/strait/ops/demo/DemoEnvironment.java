package io.strait.ops.demo;

import io.strait.common.region.RegionId;
import io.strait.embedded.EmbeddedRegion;
import io.strait.embedded.EmbeddedStateStore;
import io.strait.sql.StateStore;
import io.strait.sql.StoreUrls;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's infrastructure: the state store (embedded MariaDB, or an external MySQL) and two regions, each its
 * own Hive Metastore process with its own warehouse roots. Region A first runs without Strait's listener, as a lake
 * does before it adopts Strait: what {@code beforeListener} writes then is never captured. Region A is then
 * restarted with the listener installed, on the same metastore database and warehouse.
 */
final class DemoEnvironment implements AutoCloseable {
    static final RegionId SOURCE = RegionId.of("a");
    static final RegionId TARGET = RegionId.of("b");
    private static final Logger LOG = LoggerFactory.getLogger(DemoEnvironment.class);

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final EmbeddedRegion source;
    private final EmbeddedRegion target;

    /** What region A holds before the listener is installed: written through its metastore URI and warehouse. */
    interface ExistingData {
        void write(EmbeddedRegion source) throws Exception;
    }

    DemoEnvironment(DemoOptions options, ExistingData beforeListener) {
        try {
            if (options.usesExternalStore()) {
                StateStore.createDatabaseIfMissing(StoreUrls.serverOf(options.externalStoreUrl()), options.storeUser(),
                        options.storePassword(), StoreUrls.databaseOf(options.externalStoreUrl()));
                jdbcUrl = options.externalStoreUrl();
                user = options.storeUser();
                password = options.storePassword();
            } else {
                EmbeddedStateStore store = EmbeddedStateStore.start(options.workspace().resolve("store"), "strait");
                closeables.push(store);
                jdbcUrl = store.jdbcUrl();
                user = store.user();
                password = store.password();
            }
            LOG.info("state store {}", StoreUrls.redact(jdbcUrl));
            Path sourceWork = options.workspace().resolve("region-a");
            List<EmbeddedRegion> regions = EmbeddedRegion.startAll(List.of(
                    EmbeddedRegion.builder(SOURCE.name(), sourceWork),
                    EmbeddedRegion.builder(TARGET.name(), options.workspace().resolve("region-b"))));
            target = regions.get(1);
            closeables.push(target);
            try (EmbeddedRegion withoutListener = regions.get(0)) {
                beforeListener.write(withoutListener);
            }
            source = EmbeddedRegion.builder(SOURCE.name(), sourceWork).extraClasspath(ListenerPlugin.classpath())
                    .configuration(listenerSettings(options.workspace())).start();
            closeables.push(source);
            LOG.info("region {}: listener installed, metastore restarted at {}", SOURCE, source.metastoreUri());
        } catch (Exception e) {
            close();
            throw e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Cannot set up the demo's regions: " + e.getMessage(), e);
        }
    }

    private Map<String, String> listenerSettings(Path workspace) {
        return ListenerPlugin.settings(SOURCE, jdbcUrl, user, password, workspace.resolve("region-a").resolve("spool"));
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    EmbeddedRegion source() {
        return source;
    }

    EmbeddedRegion target() {
        return target;
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                LOG.warn("could not stop a demo service cleanly: {}", e.getMessage());
            }
        }
    }
}
