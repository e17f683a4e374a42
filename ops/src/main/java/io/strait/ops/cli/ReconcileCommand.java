package io.strait.ops.cli;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.TableRef;
import io.strait.ops.reconcile.ReconcileInputs;
import io.strait.ops.reconcile.ReconcileService;
import io.strait.ops.reconcile.RowReconcile;
import io.strait.ops.repair.ScopeScans;
import io.strait.ops.runtime.RegionClients;
import io.strait.reparo.ReconcileReport;
import io.strait.reparo.ReconcileScope;
import io.strait.sql.StateStore;
import io.strait.sql.divergence.JdbcDivergenceStore;
import java.util.ArrayList;
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
                + " partition, the live files (--depth meta: none; files: names and sizes listed on both sides plus"
                + " the checksums recorded when the copy was verified; bytes: checksums read from both sides). Names"
                + " are DB.TABLE, DB.PATTERN (* matches anything) or DB; with --link and no name, the whole link."
                + " Tables the link excludes are never reported. Objects with replication work in flight are listed"
                + " IN_FLIGHT, not as divergent. Goes on past a table that cannot be checked. Exit 0 all consistent"
                + " (objects may be in flight), 1 something divergent, 2 something could not be checked. With several"
                + " tables, --json prints one JSON object per line.")
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

    @Option(names = "--depth", paramLabel = "meta|files|bytes|rows", description = "How deep to compare files (default:"
            + " bytes when only DB.TABLE names are given, files for patterns, databases and the whole link); rows:"
            + " files, and every row of Parquet and ORC objects compared on Spark (spark section)")
    String depthName;

    @Mixin
    RepairOptions repairOptions = new RepairOptions();

    /** The scans of the last {@link #reconcileScope} run, for --repair. */
    private List<ReconcileScan> scanned = List.of();

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "DB.TABLE, DB.PATTERN or DB; none with --link:"
            + " every table of the link")
    List<String> tables = List.of();

    @Override
    public Integer call() {
        repairOptions.requested(); // its arguments are checked before anything is scanned
        StraitConfig loaded = config.load();
        LinkConfig link = Links.choose(loaded, linkName);
        ReconcileScope scope = scope();
        ReconcileDepth depth = depthName == null ? scope.defaultDepth() : depth(depthName);
        try (StateStore store = StoreOption.open(loaded, config.file, 2);
             RegionClients source = RegionClients.connect(loaded.region(link.source()));
             RegionClients target = RegionClients.connect(loaded.region(link.target()))) {
            ReconcileService service = new ReconcileService(source, target, new ScanRecording(
                    new JdbcDivergenceStore(store.dataSource()), spec.commandLine().getErr()),
                    ReconcileInputs.fromStateStore(store.dataSource(), loaded, link));
            if (depth != ReconcileDepth.ROWS) {
                return reconcileAndRepair(loaded, link, scope, depth, store, source, target, service);
            }
            try (RowReconcile rows = RowReconcile.start(loaded, link)) {
                return reconcileAndRepair(loaded, link, scope, depth, store, source, target, rows.applyTo(service));
            }
        }
    }

    private int reconcileAndRepair(StraitConfig loaded, LinkConfig link, ReconcileScope scope, ReconcileDepth depth,
            StateStore store, RegionClients source, RegionClients target, ReconcileService service) {
        int exit = reconcileScope(service, link, scope, depth);
        if (!repairOptions.requested()) {
            return exit;
        }
        return repairOptions.repair(spec, loaded, link, store, source, target, scanned,
                ScopeScans.of(service, link, scope, depth));
    }

    /** Reconciles every table of the scope, one report each, then (for several) a summary line; the worst exit. */
    private int reconcileScope(ReconcileService service, LinkConfig link, ReconcileScope scope, ReconcileDepth depth) {
        long started = System.currentTimeMillis();
        ReconcileScope.Resolution resolution = service.resolve(scope, link.tableFilter());
        resolution.unmatched().forEach(name -> spec.commandLine().getErr().println("strait reconcile: '" + name
                + "' matches no table of link " + link.name() + " in region " + link.source() + " or "
                + link.target()));
        resolution.remoteDatabases().forEach(database -> spec.commandLine().getErr().println("strait reconcile:"
                + " database " + database + ": its tables are served by the data connector and are not"
                + " replicated"));
        int names = resolution.tables().size() + resolution.outOfScope().size();
        if (names == 0 && !scope.wholeLink()) {
            throw StraitException.userError("Cannot reconcile " + scope + ": no table of link " + link.name()
                    + " matches; name tables the link replicates (include " + link.include() + ", exclude "
                    + link.exclude() + ")");
        }
        boolean several = names > 1 || !scope.namesSingleTablesOnly();
        List<ReconcileScan> scans = new ArrayList<>();
        for (String name : resolution.outOfScope()) {
            scans.add(print(notReplicated(link, name), several));
        }
        for (TableRef table : resolution.tables()) {
            scans.add(print(service.reconcile(table, depth), several));
        }
        if (several && !json) {
            spec.commandLine().getOut().println(new ReconcileReport().runSummary(scope.wholeLink()
                    ? "link " + link.name() : scope.toString(), scans, System.currentTimeMillis() - started));
        }
        scanned = scans;
        return ReconcileReport.exitCode(scans).code();
    }

    private ReconcileScan print(ReconcileScan scan, boolean several) {
        ReconcileReport report = new ReconcileReport();
        String rendered = json ? report.json(scan) : report.text(scan);
        spec.commandLine().getOut().println(json && several ? rendered.replaceAll("\\s*\\n\\s*", " ") : rendered);
        return scan;
    }

    /** A single table named outside the link's scope: not checked, and not recorded. */
    private static ReconcileScan notReplicated(LinkConfig link, String name) {
        long now = System.currentTimeMillis();
        TableRef table = TableRef.parse(name);
        return new ReconcileScan(link.source(), link.target(), table, now, now, ReconcileScan.Status.FAILED, 0, 0,
                List.of(), "Cannot reconcile " + table + ": link " + link.name() + " does not replicate it (include "
                + link.include() + ", exclude " + link.exclude() + ")");
    }

    private ReconcileScope scope() {
        if (tables.isEmpty() && linkName == null) {
            throw StraitException.userError("Cannot reconcile: name tables (DB.TABLE, DB.PATTERN or DB), or pass"
                    + " --link to reconcile every table of a link");
        }
        try {
            return ReconcileScope.of(tables);
        } catch (IllegalArgumentException e) {
            throw StraitException.userError("Cannot reconcile: " + e.getMessage());
        }
    }

    private static ReconcileDepth depth(String name) {
        try {
            return ReconcileDepth.parse(name);
        } catch (IllegalArgumentException e) {
            throw StraitException.userError("Cannot reconcile: --depth " + e.getMessage());
        }
    }
}
