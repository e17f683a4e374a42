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
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Compares tables between a link's source and target regions now: metastore objects and, per"
                + " partition, the live files (paths, sizes, checksums read from both sides). Goes on past a table"
                + " that cannot be checked. Exit 0 all consistent, 1 something divergent, 2 something could not be"
                + " checked. With several tables, --json prints one JSON object per line.")
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

    @Parameters(paramLabel = "DB.TABLE", arity = "1..*", description = "The tables to reconcile")
    List<String> tables;

    @Override
    public Integer call() {
        StraitConfig loaded = config.load();
        LinkConfig link = Links.choose(loaded, linkName);
        List<TableRef> tableRefs = tables.stream().map(TableRef::parse).toList();
        try (StateStore store = StateStore.open(loaded.store().jdbcUrl(), loaded.store().user(),
                loaded.store().password(), 2);
             RegionClients source = RegionClients.connect(loaded.region(link.source()));
             RegionClients target = RegionClients.connect(loaded.region(link.target()))) {
            store.migrate();
            ReconcileService service = new ReconcileService(source, target, new JdbcDivergenceStore(store.dataSource()));
            int exit = 0;
            for (TableRef table : tableRefs) {
                exit = Math.max(exit, reconcileOne(service, table, tableRefs.size() > 1));
            }
            return exit;
        }
    }

    private int reconcileOne(ReconcileService service, TableRef table, boolean several) {
        ReconcileScan scan = service.reconcile(table);
        ReconcileReport report = new ReconcileReport();
        String rendered = json ? report.json(scan) : report.text(scan);
        spec.commandLine().getOut().println(json && several ? rendered.replaceAll("\\s*\\n\\s*", " ") : rendered);
        return ReconcileReport.exitCode(scan).code();
    }
}
