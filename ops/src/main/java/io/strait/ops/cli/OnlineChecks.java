package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.RegionConfig;
import io.strait.regionio.ThriftMetastoreSettings;
import io.strait.sql.StateStore;
import io.strait.sql.StoreUrls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code strait config check --online}: whether the services a configuration names answer: the state store (with
 * its schema version) and every region's metastore (listing its databases), each within a few seconds.
 */
final class OnlineChecks {
    private static final Duration METASTORE_TIMEOUT = Duration.ofSeconds(5);

    /** One service checked: its name and address, whether it answered, and what was found or what to fix. */
    record Result(String service, String address, boolean ok, String detail) {
        String line() {
            return service + " (" + address + "): " + (ok ? "ok, " : "FAILED: ") + detail;
        }
    }

    private OnlineChecks() {
    }

    static List<Result> run(StraitConfig config, Path configFile) {
        List<Result> results = new ArrayList<>();
        results.add(stateStore(config, configFile));
        config.regions().values().stream().sorted(Comparator.comparing(region -> region.name().name()))
                .forEach(region -> results.add(metastore(region)));
        return results;
    }

    private static Result stateStore(StraitConfig config, Path configFile) {
        String address = StoreUrls.redact(config.store().jdbcUrl());
        try (StateStore store = StateStore.open(config.store().connectionUrl(), config.store().user(),
                config.store().password(), 1)) {
            store.requireCurrentSchema(StoreOption.migrateCommand(configFile));
            return new Result("state store", address, true, "reachable as user '" + config.store().user()
                    + "', schema up to date");
        } catch (RuntimeException e) {
            return new Result("state store", address, false, firstLine(e.getMessage()));
        }
    }

    private static Result metastore(RegionConfig region) {
        String service = "metastore of region " + region.name();
        try (io.strait.common.metastore.MetastoreGateway metastore = io.strait.ops.runtime.RegionClients
                .connectMetastore(region, new ThriftMetastoreSettings(METASTORE_TIMEOUT, 1, Duration.ofMillis(100),
                        1), new io.strait.ops.runtime.RegionLogins())) {
            int databases = metastore.listDatabases().size();
            return new Result(service, region.metastoreUri(), true, "answers, " + databases + " database(s)");
        } catch (RuntimeException e) {
            return new Result(service, region.metastoreUri(), false, firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
