package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.sql.StateStore;

/** Opens the configured state store for a read-only command. */
final class StoreOption {
    private StoreOption() {
    }

    static StateStore open(StraitConfig config) {
        return StateStore.open(config.store().jdbcUrl(), config.store().user(), config.store().password(), 1);
    }
}
