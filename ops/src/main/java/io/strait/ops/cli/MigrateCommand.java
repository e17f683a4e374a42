package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.sql.StateStore;
import io.strait.sql.StoreUrls;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Creates or upgrades the state store schema (Flyway migrations, Quartz's tables included).")
final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        StraitConfig loaded = config.load();
        try (StateStore store = StoreOption.open(loaded)) {
            int applied = store.migrate();
            spec.commandLine().getOut().println("state store " + StoreUrls.redact(loaded.store().jdbcUrl()) + ": "
                    + applied + " migration(s) applied, schema up to date");
            return 0;
        }
    }
}
