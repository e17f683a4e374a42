package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.sql.StateStore;
import java.nio.file.Path;

/**
 * Opens the configured state store for a command that must not change its schema: only {@code strait migrate}
 * (and {@code run}, {@code demo}, which own their store) apply migrations. A schema behind this Strait's is
 * refused in one line naming {@code strait migrate}; a user with SELECT privileges only can run these commands.
 */
final class StoreOption {
    private StoreOption() {
    }

    /** A store of one connection, its schema checked (the message names the configuration file generically). */
    static StateStore open(StraitConfig config) {
        return open(config, Path.of("<file>"), 1);
    }

    /** A store of one connection, its schema checked. */
    static StateStore open(StraitConfig config, Path configFile) {
        return open(config, configFile, 1);
    }

    /** A store of {@code poolSize} connections, its schema checked. */
    static StateStore open(StraitConfig config, Path configFile, int poolSize) {
        StateStore store = StateStore.open(config.store().connectionUrl(), config.store().user(), config.store().password(),
                poolSize);
        try {
            store.requireCurrentSchema(migrateCommand(configFile));
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The command that brings the schema up to date. */
    static String migrateCommand(Path configFile) {
        return "strait migrate --config " + configFile;
    }
}
