package io.strait.ops.control;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.LinkConfig;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.divergence.ReconcileScan;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.TableRef;
import io.strait.ops.reconcile.ReconcileInputs;
import io.strait.ops.reconcile.ReconcileService;
import io.strait.ops.runtime.RegionClients;
import io.strait.ops.runtime.RegionLogins;
import io.strait.reparo.ReconcileReport;
import io.strait.reparo.ReconcileScope;
import io.strait.sql.divergence.JdbcDivergenceStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reconcile started by an operator from the dashboard ({@code POST /api/reconcile}): the scan of
 * {@code strait reconcile} (a link, or named tables, at a depth), run on a thread of its own, one at a time per
 * process; every table's scan is recorded in the state store as usual, so {@code /api/reconcile} and the Reconcile
 * page show the results. Bad input is refused before anything starts.
 */
public final class BackgroundReconcile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundReconcile.class);

    private final StraitConfig config;
    private final DataSource stateStore;
    private final Clock clock;
    /** The regions' Kerberos logins, kept from one reconcile to the next. */
    private final RegionLogins logins = new RegionLogins();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread worker = new Thread(runnable, "strait-reconcile-request");
        worker.setDaemon(true);
        return worker;
    });
    private final AtomicReference<String> running = new AtomicReference<>();

    public BackgroundReconcile(StraitConfig config, DataSource stateStore, Clock clock) {
        this.config = config;
        this.stateStore = stateStore;
        this.clock = clock;
    }

    /** What was started. */
    public record Started(String link, String scope, String depth, String message) {
    }

    /**
     * Starts a reconcile of {@code names} ({@code DB.TABLE}, {@code DB.PATTERN} or {@code DB}; none: the whole link)
     * of {@code linkName} (empty: the only link) at {@code depthName} (empty: the scope's default). Empty when
     * another reconcile started here is still running.
     */
    public java.util.Optional<Started> start(String linkName, List<String> names, String depthName,
            OperatorActions.Actor actor) {
        LinkConfig link = link(linkName);
        ReconcileScope scope;
        ReconcileDepth depth;
        try {
            scope = ReconcileScope.of(names);
            depth = depthName == null || depthName.isBlank() ? scope.defaultDepth()
                    : ReconcileDepth.parse(depthName.trim());
        } catch (IllegalArgumentException e) {
            throw StraitException.userError("Cannot reconcile: " + e.getMessage());
        }
        if (depth == ReconcileDepth.ROWS) {
            throw StraitException.userError("Cannot reconcile at depth rows here: it reads every row with Spark; run"
                    + " strait reconcile --depth rows");
        }
        String what = "link " + link.name() + ", " + scope + ", depth " + depth.name().toLowerCase(java.util.Locale.ROOT);
        if (!running.compareAndSet(null, what)) {
            LOG.info("reconcile of {} refused: {} is running", what, running.get());
            return java.util.Optional.empty();
        }
        String message = "reconcile of " + what + " started by " + actor.who() + ": " + actor.why();
        LOG.info(message);
        thread.execute(() -> {
            try {
                run(link, scope, depth);
            } catch (RuntimeException e) {
                LOG.warn("reconcile of {} failed: {}", what, e.toString());
            } finally {
                running.set(null);
            }
        });
        return java.util.Optional.of(new Started(link.name(), scope.toString(), depth.name(), message));
    }

    /** What runs now, if anything. */
    public java.util.Optional<String> running() {
        return java.util.Optional.ofNullable(running.get());
    }

    private void run(LinkConfig link, ReconcileScope scope, ReconcileDepth depth) {
        long started = clock.millis();
        try (RegionClients source = RegionClients.connect(config.region(link.source()), logins);
                RegionClients target = RegionClients.connect(config.region(link.target()), logins)) {
            ReconcileService service = new ReconcileService(source, target, new JdbcDivergenceStore(stateStore),
                    ReconcileInputs.fromStateStore(stateStore, config, link));
            List<ReconcileScan> scans = new ArrayList<>();
            for (TableRef table : service.resolve(scope, link.tableFilter()).tables()) {
                scans.add(service.reconcile(table, depth));
            }
            LOG.info("link {} requested reconcile: {}", link.name(), new ReconcileReport().runSummary(
                    scope.wholeLink() ? "link " + link.name() : scope.toString(), scans, clock.millis() - started));
        }
    }

    private LinkConfig link(String name) {
        if (name == null || name.isBlank()) {
            if (config.links().size() == 1) {
                return config.links().get(0);
            }
            throw StraitException.userError("Cannot reconcile: name the link (\"link\"), one of "
                    + config.links().stream().map(LinkConfig::name).toList());
        }
        return config.link(name.trim()).orElseThrow(() -> StraitException.userError("Cannot reconcile: no link '"
                + name + "' in the configuration; links: " + config.links().stream().map(LinkConfig::name).toList()));
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
