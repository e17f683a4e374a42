package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.sql.StateStore;
import io.strait.sql.StoreUrls;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Creates or upgrades the state store schema (Flyway migrations, Quartz's tables included) in"
                + " the database of store.jdbc-url; with --create-database, creates that database first when it is"
                + " missing. The only command (with run and demo) that changes the schema.")
final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--create-database", description = "Create the database of store.jdbc-url (utf8mb4) when it"
            + " does not exist (the user needs the CREATE privilege on the server)")
    boolean createDatabase;

    @Override
    public Integer call() {
        StraitConfig loaded = config.load();
        String url = loaded.store().connectionUrl();
        String database = StoreUrls.databaseOf(url);
        PrintWriter out = spec.commandLine().getOut();
        if (!StateStore.databaseExists(url, loaded.store().user(), loaded.store().password(), database)) {
            if (!createDatabase) {
                throw io.strait.common.error.StraitException.userError("Cannot migrate the state store at "
                        + StoreUrls.redact(url) + ": database '" + database + "' does not exist; create it with"
                        + " strait migrate --create-database --config " + config.file);
            }
            StateStore.createDatabaseIfMissing(url, loaded.store().user(), loaded.store().password(), database);
            out.println("state store: created database '" + database + "' on " + StoreUrls.redact(
                    StoreUrls.serverOf(url)));
        } else if (createDatabase) {
            out.println("state store: database '" + database + "' exists already on " + StoreUrls.redact(
                    StoreUrls.serverOf(url)) + ", not created");
        }
        try (StateStore store = StateStore.open(url, loaded.store().user(), loaded.store().password(), 1)) {
            int applied = store.migrate();
            out.println("state store " + StoreUrls.redact(url) + ": " + applied
                    + " migration(s) applied, schema up to date");
            return 0;
        }
    }
}
