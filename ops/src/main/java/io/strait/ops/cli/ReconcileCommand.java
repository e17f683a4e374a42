package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.metastore.TableRef;
import io.strait.ops.reconcile.ReconcileService;
import io.strait.ops.runtime.RegionClients;
import io.strait.reparo.ReconcileReport;
import io.strait.sql.StateStore;
import io.strait.sql.divergence.JdbcDivergenceStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Compares a table between a link's source and target regions now: metastore objects and, per"
                + " partition, the live files (paths, sizes, checksums read from both sides). Exit 0 consistent,"
                + " 1 divergent, 2 could not check.")
final class ReconcileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--link", paramLabel = "NAME", description = "The link whose regions to compare (needed when"
            + " the configuration has several links)")
    String linkName;

    @Option(names = "--json", description = "Print the result as JSON")
    boolean json;

    @Parameters(paramLabel = "DB.TABLE", description = "The table to reconcile")
    String table;

    @Override
    public Integer call() {
        StraitConfig loaded = config.load();
        LinkConfig link = Links.choose(loaded, linkName);
        TableRef tableRef = TableRef.parse(table);
        try (StateStore store = StateStore.open(loaded.store().jdbcUrl(), loaded.store().user(),
                loaded.store().password(), 2);
             RegionClients source = RegionClients.connect(loaded.region(link.source()));
             RegionClients target = RegionClients.connect(loaded.region(link.target()))) {
            store.migrate();
            ReconcileScan scan = new ReconcileService(source, target, new JdbcDivergenceStore(store.dataSource()))
                    .reconcile(tableRef);
            ReconcileReport report = new ReconcileReport();
            spec.commandLine().getOut().println(json ? report.json(scan) : report.text(scan));
            return ReconcileReport.exitCode(scan).code();
        }
    }
}
